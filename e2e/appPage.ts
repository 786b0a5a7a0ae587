/** Page object: what a user does on the Pretext page, in the UI's own terms. */
import { expect, type Page } from '@playwright/test';

export class AppPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Pretext' })).toBeVisible();
  }

  async setParam(name: string, value: number): Promise<void> {
    await this.page.locator(`input[data-param="${name}"]`).fill(String(value));
  }

  async setParams(values: Record<string, number>): Promise<void> {
    for (const [k, v] of Object.entries(values)) await this.setParam(k, v);
  }

  /** A choice param (a select) or a checkbox. */
  async setChoice(name: string, value: string | boolean): Promise<void> {
    const control = this.page.locator(`[data-param="${name}"]`);
    if (typeof value === 'boolean') await control.setChecked(value);
    else await control.selectOption(value);
  }

  /** The Backend setting; 'auto' picks wasm on these GPU-less machines (SwiftShader ranks below it). */
  async chooseBackend(backend: 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu'): Promise<void> {
    await this.page.getByTestId('backend-select').selectOption(backend);
  }

  async chooseMethod(id: string): Promise<void> {
    await this.page.getByTestId('method-select').selectOption(id);
  }

  async showTab(tab: 'data' | 'training'): Promise<void> {
    await this.page.getByTestId(`tab-${tab}`).click();
  }

  /** Waits for the import in progress to end and returns what it reported ('loaded', 'failed', 'cancelled'). */
  async importStatus(): Promise<string | null> {
    await expect(this.page.getByTestId('import-progress')).toHaveCount(0, { timeout: 300_000 });
    return this.page.getByTestId('import-report').getAttribute('data-status');
  }

  async chooseDataset(id: string): Promise<void> {
    await this.page.getByTestId('dataset-select').selectOption(id);
  }

  phase() {
    return this.page.getByTestId('run-phase');
  }

  async step(): Promise<number> {
    return Number(await this.page.getByTestId('step-counter').getAttribute('data-step'));
  }

  async waitForStep(atLeast: number): Promise<void> {
    await expect.poll(() => this.step(), { timeout: 300_000 }).toBeGreaterThanOrEqual(atLeast);
  }

  async chartPoints(testId: 'loss-chart' | 'similarity-chart' | 'knn-chart'): Promise<number> {
    return Number(await this.page.getByTestId(testId).getAttribute('data-points'));
  }

  /** Drawn line paths in a chart (recharts renders each series as a path with a "d"). */
  async drawnLines(testId: string): Promise<number> {
    return this.page.getByTestId(testId).locator('path.recharts-line-curve[d]').count();
  }
}

/** A tiny config so a step takes about a second on SwiftShader. */
/**
 * The backend auto chooses in these tests: Chromium runs with --use-webgpu-adapter=swiftshader,
 * a software adapter, so auto ranks wasm first (shared/backendChoice.ts).
 */
export const AUTO_BACKEND_HERE = 'wasm';

export const TINY = { batchSize: 4, width: 4, headHidden: 16, projectionDim: 16, evalBankSize: 30, evalQuerySize: 20, metricsEvery: 1 };
