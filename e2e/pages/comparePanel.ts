/** The Compare tab: the plan of runs, the share link, the results table and the overlaid charts. */
import type { Locator, Page } from '@playwright/test';
import { Chart } from './chart';

export type ResultColumn = 'dataset' | 'status' | 'steps' | 'knn';

export class ComparePanel {
  constructor(readonly page: Page) {}

  get planItems(): Locator { return this.page.getByTestId('plan-item'); }
  get maxConcurrent(): Locator { return this.page.getByTestId('max-concurrent'); }
  get runButton(): Locator { return this.page.getByTestId('run-plan'); }
  get shareLink(): Locator { return this.page.getByTestId('share-link'); }
  get copyStatus(): Locator { return this.page.getByTestId('copy-status'); }
  get rows(): Locator { return this.page.getByTestId('results-row'); }
  /** The results row of the run whose name starts with `prefix`. */
  row(prefix: string): Locator { return this.page.locator(`[data-testid="results-row"][data-run-name^="${prefix}"]`); }
  /** A cell of a results row (its value in data-value). */
  cell(row: Locator, column: ResultColumn): Locator { return row.locator(`td[data-col="${column}"]`); }
  /** A row's View button. */
  viewButton(row: Locator): Locator { return row.getByRole('button', { name: /^View / }); }
  /** A row's actions menu button. */
  rowMenu(row: Locator): Locator { return row.getByRole('button', { name: /^Actions for / }); }
  /** An item of a row's actions menu, opened: 'Metrics CSV', 'Metrics JSON', 'Projector TSV', 'Model (TF.js)', 'Rename…', 'Close'. */
  async rowMenuItem(row: Locator, name: string): Promise<Locator> {
    const button = this.rowMenu(row);
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    return this.page.getByRole('menu').getByRole('menuitem', { name });
  }
  /** Chooses an item of a row's actions menu. */
  async rowAction(row: Locator, name: string): Promise<void> { await (await this.rowMenuItem(row, name)).click(); }
  /** The runs' dataset selector (shown when the runs in view span more than one dataset). */
  get datasetFilter(): Locator { return this.page.getByTestId('compare-dataset'); }
  get datasetNote(): Locator { return this.page.getByTestId('compare-dataset-note'); }
  /** The column header sorted descending. */
  get sortedDescending(): Locator { return this.page.locator('th[aria-sort="descending"]'); }
  get exportResultsCsv(): Locator { return this.page.getByTestId('export-results-csv'); }
  /** The t-SNE map of the i-th run. */
  map(i: number): Locator { return this.page.getByTestId(`compare-map-${i}`); }

  get lossChart(): Chart { return new Chart(this.page.getByTestId('compare-loss')); }
  get similarityChart(): Chart { return new Chart(this.page.getByTestId('compare-similarity')); }
  get accuracyChart(): Chart { return new Chart(this.page.getByTestId('compare-knn')); }

  /** Copies the share link of the plan (to the clipboard) and returns it. */
  async copyLink(): Promise<string> {
    await this.page.getByTestId('copy-link').click();
    return this.shareLink.inputValue();
  }

  async sortByName(): Promise<void> { await this.page.getByTestId('sort-name').click(); }
  async plotAgainstWallTime(): Promise<void> { await this.page.getByTestId('compare-x-wall').check(); }
  async run(maxConcurrent?: number): Promise<void> {
    if (maxConcurrent !== undefined) await this.maxConcurrent.fill(String(maxConcurrent));
    await this.runButton.click();
  }
}
