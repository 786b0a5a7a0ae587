/** Page object: what a user does on the Pretext page and what they see there, in the UI's own terms. */
import { expect, type Locator, type Page } from '@playwright/test';
import { Chart } from './chart';
import { ComparePanel } from './comparePanel';
import { DataPanel } from './dataPanel';
import { EmbeddingMap } from './embeddingMap';
import { HistoryPanel } from './historyPanel';
import { SharedLinkBanner } from './sharedLinkBanner';

export type Backend = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type RunPhase = 'idle' | 'training' | 'paused' | 'stopped' | 'completed' | 'failed';

/** What a run is set to before Train: the method, its choices, and the params it has. */
export interface RunSetup {
  method: string;
  choices?: Record<string, string | boolean>;
  /** Set where the method has them; the others are skipped (TINY is written for the two-view methods). */
  params?: Record<string, number>;
  backend?: Backend;
}

export class AppPage {
  readonly data: DataPanel;
  readonly compare: ComparePanel;
  readonly history: HistoryPanel;
  readonly sharedLink: SharedLinkBanner;
  readonly map: EmbeddingMap;

  constructor(readonly page: Page) {
    this.data = new DataPanel(page);
    this.compare = new ComparePanel(page);
    this.history = new HistoryPanel(page);
    this.sharedLink = new SharedLinkBanner(page);
    this.map = new EmbeddingMap(page);
  }

  async open(): Promise<void> {
    await this.goto('/');
  }

  /** Opens a URL of the app (a shared link, say) and waits for the page to render. */
  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'Pretext' })).toBeVisible();
  }

  /** The Content-Security-Policy the page carries in a meta tag (beside the served header). */
  get securityPolicyMeta(): Locator { return this.page.locator('meta[http-equiv="Content-Security-Policy"]'); }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  async showTab(tab: 'data' | 'training' | 'learn' | 'compare' | 'history'): Promise<void> {
    await this.page.getByTestId(`tab-${tab}`).click();
  }

  /** The Training tab's Export menu button (for the run it shows). */
  get runExportMenu(): Locator { return this.page.getByTestId('run-export-menu'); }
  /** Chooses an item of the Training tab's Export menu. */
  async runExportAction(name: string): Promise<void> {
    await this.runExportMenu.click();
    await this.page.getByRole('menu').getByRole('menuitem', { name }).click();
  }

  // --- Setup: dataset, method, params, backend.

  get datasetSelect(): Locator { return this.page.getByTestId('dataset-select'); }
  get methodSelect(): Locator { return this.page.getByTestId('method-select'); }
  get backendSelect(): Locator { return this.page.getByTestId('backend-select'); }
  /** A numeric param's input. */
  param(name: string): Locator { return this.page.locator(`input[data-param="${name}"]`); }
  /** A choice param's select or checkbox. */
  choice(name: string): Locator { return this.page.locator(`[data-param="${name}"]`); }
  get paramProblems(): Locator { return this.page.getByTestId('param-problems'); }

  async chooseDataset(id: string): Promise<void> {
    await this.datasetSelect.selectOption(id);
  }

  async chooseMethod(id: string): Promise<void> {
    await this.methodSelect.selectOption(id);
  }

  /** The Backend setting; 'auto' picks wasm on these GPU-less machines (SwiftShader ranks below it). */
  async chooseBackend(backend: Backend): Promise<void> {
    await this.backendSelect.selectOption(backend);
  }

  async setParam(name: string, value: number): Promise<void> {
    await this.param(name).fill(String(value));
  }

  async setParams(values: Record<string, number>): Promise<void> {
    for (const [k, v] of Object.entries(values)) await this.setParam(k, v);
  }

  /** A choice param (a select) or a checkbox. */
  async setChoice(name: string, value: string | boolean): Promise<void> {
    const control = this.choice(name);
    if (typeof value === 'boolean') await control.setChecked(value);
    else await control.selectOption(value);
  }

  /** Backend (if given), method, its choices, then each of `params` the method has. */
  async setUp(setup: RunSetup): Promise<void> {
    if (setup.backend) await this.chooseBackend(setup.backend);
    await this.chooseMethod(setup.method);
    for (const [k, v] of Object.entries(setup.choices ?? {})) await this.setChoice(k, v);
    for (const [k, v] of Object.entries(setup.params ?? {})) if (await this.param(k).count()) await this.setParam(k, v);
  }

  // --- Budget and time estimate (under Run).

  /** "Estimated time on …", the timing's progress, or that there is no estimate yet; data-steps: the steps it is for. */
  get estimate(): Locator { return this.page.getByTestId('estimate'); }
  get estimateError(): Locator { return this.page.getByTestId('estimate-error'); }
  get timeStepsButton(): Locator { return this.page.getByTestId('time-steps-button'); }
  get timingProgress(): Locator { return this.page.getByRole('progressbar', { name: 'Timing a few steps' }); }
  /** The steps the estimate is for (a minutes budget's steps in minutes mode). */
  async estimatedSteps(): Promise<number> {
    return Number(await this.estimate.getAttribute('data-steps'));
  }
  async timeSteps(): Promise<void> { await this.timeStepsButton.click(); }
  async setBudgetMode(mode: 'steps' | 'minutes'): Promise<void> {
    await this.page.getByTestId(`budget-mode-${mode}`).check();
  }
  /** The run's "N steps (≈ M min budget)" in the status line. */
  get runBudget(): Locator { return this.page.getByTestId('run-budget'); }

  // --- Run controls and state.

  get trainButton(): Locator { return this.page.getByTestId('train-button'); }
  /** Shown instead of Train while the shown run is active: starts a second run explicitly. */
  get trainAnotherButton(): Locator { return this.page.getByTestId('train-another'); }
  get runPicker(): Locator { return this.page.getByTestId('run-picker'); }
  get speed(): Locator { return this.page.getByTestId('speed'); }
  get previewButton(): Locator { return this.page.getByTestId('preview-button'); }
  get addToComparisonButton(): Locator { return this.page.getByTestId('add-to-comparison'); }
  get stepCounter(): Locator { return this.page.getByTestId('step-counter'); }
  /** The backend the run is on (data-backend) and its name; `backendWhy` says why it was picked. */
  get backendLabel(): Locator { return this.page.getByTestId('backend-label'); }
  get backendWhy(): Locator { return this.page.getByTestId('backend-why'); }
  get runError(): Locator { return this.page.getByTestId('run-error'); }
  get runNotice(): Locator { return this.page.getByTestId('run-notice'); }
  get historyNotSaved(): Locator { return this.page.getByTestId('history-not-saved'); }

  async train(): Promise<void> { await this.trainButton.click(); }
  async trainAnother(): Promise<void> { await this.trainAnotherButton.click(); }
  async pause(): Promise<void> { await this.page.getByTestId('pause-button').click(); }
  async resume(): Promise<void> { await this.page.getByTestId('resume-button').click(); }
  async stop(): Promise<void> { await this.page.getByTestId('stop-button').click(); }
  async addToComparison(): Promise<void> { await this.addToComparisonButton.click(); }

  phase(): Locator {
    return this.page.getByTestId('run-phase');
  }

  async expectPhase(phase: RunPhase, timeout = 300_000): Promise<void> {
    await expect(this.phase()).toHaveAttribute('data-phase', phase, { timeout });
  }

  /** Waits for the run to end; a failed run fails here with the message the page shows. */
  async expectCompleted(timeout = 420_000): Promise<void> {
    await expect(this.phase()).toHaveAttribute('data-phase', /completed|failed/, { timeout });
    expect(await this.phase().getAttribute('data-phase') === 'failed' ? await this.runError.textContent() : 'completed').toBe('completed');
  }

  async expectBackend(backend: string): Promise<void> {
    await expect(this.backendLabel).toHaveAttribute('data-backend', backend, { timeout: 120_000 });
  }

  async step(): Promise<number> {
    return Number(await this.stepCounter.getAttribute('data-step'));
  }

  async waitForStep(atLeast: number): Promise<void> {
    await expect.poll(() => this.step(), { timeout: 300_000 }).toBeGreaterThanOrEqual(atLeast);
  }

  // --- What a run shows: charts, the batch preview, evaluations.

  get lossChart(): Chart { return new Chart(this.page.getByTestId('loss-chart')); }
  get similarityChart(): Chart { return new Chart(this.page.getByTestId('similarity-chart')); }
  /** kNN and linear-probe accuracy (and each classifier head's) per evaluation. */
  get accuracyChart(): Chart { return new Chart(this.page.getByTestId('knn-chart')); }
  get heldOutChart(): Chart { return new Chart(this.page.getByTestId('held-out-chart')); }
  get similarityHistogram(): Chart { return new Chart(this.page.getByTestId('similarity-histogram')); }
  get geometryChart(): Chart { return new Chart(this.page.getByTestId('geometry-chart')); }
  /** The method's own metrics of one unit (logit, cosine, fraction, loss). */
  extrasChart(unit: string): Chart { return new Chart(this.page.getByTestId(`extras-chart-${unit}`)); }
  get extrasCharts(): Locator { return this.page.locator('[data-testid^="extras-chart-"]'); }

  // --- The first-run guide and the params' ranges.

  get guide(): Locator { return this.page.getByTestId('guide'); }
  get guideButton(): Locator { return this.page.getByTestId('guide-button'); }
  async dismissGuide(): Promise<void> { await this.page.getByTestId('guide-dismiss').click(); }
  /** The range shown beside a numeric param ("range 4–512"). */
  paramRange(name: string): Locator { return this.page.locator(`.param:has(input[data-param="${name}"]) [data-testid="param-range"]`); }

  /** The losses drawn, one per step. */
  async losses(): Promise<number[]> {
    return this.lossChart.series<number>();
  }

  get preview(): Locator { return this.page.getByTestId('preview-panel'); }
  get previewRows(): Locator { return this.preview.locator('canvas'); }
  get previewLabels(): Locator { return this.preview.getByTestId('preview-labels'); }
  /** A preview row by its caption ("first patch (anchor)"). */
  previewRow(caption: string): Locator { return this.preview.locator(`canvas[aria-label^="${caption}:"]`); }

  /** The accuracy summary: "kNN top-1 …%, linear probe …, raw pixels …", or why there is none. */
  get accuracySummary(): Locator { return this.page.getByTestId('knn-value'); }
  get evaluationShare(): Locator { return this.page.getByTestId('eval-share'); }
  /** Test accuracy of the method's own classifier heads (data-values). */
  get headAccuracies(): Locator { return this.page.getByTestId('head-accuracies'); }
  /** A video method's own task on held-out videos (data-values, data-chance). */
  get heldOutScoresPanel(): Locator { return this.page.getByTestId('held-out-scores'); }

  async headAccuracyValues(): Promise<number[]> {
    return JSON.parse((await this.headAccuracies.getAttribute('data-values'))!) as number[];
  }

  /** The held-out scores at the last evaluation, as the page shows them. */
  async heldOutScores(): Promise<{ values: (number | null)[]; chance: (number | null)[] }> {
    const el = this.heldOutScoresPanel;
    await expect(el).toBeVisible();
    return { values: JSON.parse((await el.getAttribute('data-values'))!), chance: JSON.parse((await el.getAttribute('data-chance'))!) };
  }
}

/**
 * The backend auto chooses in these tests: Chromium runs with --use-webgpu-adapter=swiftshader,
 * a software adapter, so auto ranks wasm first (shared/backendChoice.ts).
 */
export const AUTO_BACKEND_HERE = 'wasm';

/** A tiny config so a step takes about a second on SwiftShader. */
export const TINY = { batchSize: 4, width: 4, headHidden: 16, projectionDim: 16, evalBankSize: 30, evalQuerySize: 20, metricsEvery: 1 };
