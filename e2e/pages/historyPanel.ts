/** The History tab: saved runs (rename, open, delete), storage use, encoder import. */
import type { Locator, Page } from '@playwright/test';

export class HistoryPanel {
  constructor(readonly page: Page) {}

  get rows(): Locator { return this.page.getByTestId('history-row'); }
  /** The saved run named exactly `name`. */
  rowNamed(name: string): Locator { return this.page.locator(`[data-testid="history-row"][data-run-name="${name}"]`); }
  /** The saved run whose name starts with `prefix`. */
  rowStartingWith(prefix: string): Locator { return this.page.locator(`[data-testid="history-row"][data-run-name^="${prefix}"]`); }
  get storageUse(): Locator { return this.page.getByTestId('storage-use'); }
  get encoderInput(): Locator { return this.page.getByTestId('import-encoder-input'); }
  get encoderMessage(): Locator { return this.page.getByTestId('import-encoder-message'); }

  async rename(row: Locator, name: string): Promise<void> {
    const field = row.getByTestId('history-name');
    await field.fill(name);
    await field.press('Enter');
  }

  async openRun(row: Locator): Promise<void> { await row.getByTestId('history-open').click(); }
  /** Chooses an item of a row's Export menu ('Metrics CSV', 'Model (ONNX)', 'Model (PyTorch)', ...). */
  async exportAction(row: Locator, name: string): Promise<void> {
    await row.getByRole('button', { name: /^Export / }).click();
    await this.page.getByRole('menu').getByRole('menuitem', { name }).click();
  }
  /** A row's "Evaluate encoder on <draft dataset>" button (only on runs whose trained encoder History kept). */
  evaluateButton(row: Locator): Locator { return row.getByRole('button', { name: /^Evaluate encoder on / }); }

  /** Deletes a saved run, accepting the confirmation. */
  async deleteRun(row: Locator): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await row.getByTestId('history-delete').click();
  }

  async importEncoder(files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.encoderInput.setInputFiles(files);
  }
}
