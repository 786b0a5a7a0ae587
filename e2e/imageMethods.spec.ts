/**
 * Each image method trains for a few steps through the UI on WebGPU, forced (auto picks wasm on
 * these GPU-less machines; WebGPU-only bugs such as a kernel's wrong results show only here),
 * and again on the auto backend with its evaluations: each shows its
 * loss, its positive / negative similarity, its batch preview, evaluations, and (SLA, S4L,
 * supervised) the test accuracy of its own classifier heads.
 */
import { expect, test } from '@playwright/test';
import { AppPage, AUTO_BACKEND_HERE, TINY } from './appPage';

interface Case {
  method: string;
  params?: Record<string, number>;
  choices?: Record<string, string | boolean>;
  /** Rows in the preview panel (one canvas each) and whether images carry labels. */
  previewRows: number;
  labelled: boolean;
  heads: number;
}

const CASES: Case[] = [
  { method: 'simclr', previewRows: 2, labelled: false, heads: 0 },
  { method: 'moco', params: { queueSize: 32 }, previewRows: 2, labelled: false, heads: 0 },
  // 16 px patches at stride 8: a 3 x 3 grid (the default 7 x 7 grid costs 5x more on SwiftShader).
  { method: 'cpc', params: { patchSize: 16, patchStride: 8, predictSteps: 1, contextDim: 16 }, previewRows: 3, labelled: false, heads: 0 },
  { method: 'dim', choices: { estimator: 'infonce' }, params: { alpha: 0.5 }, previewRows: 3, labelled: false, heads: 0 },
  { method: 'sla', previewRows: 4, labelled: true, heads: 3 },
  { method: 's4l', choices: { variant: 'rotation' }, params: { labelledBatch: 2 }, previewRows: 4, labelled: true, heads: 1 },
  { method: 'supervised', previewRows: 1, labelled: true, heads: 1 },
];

/**
 * Over SwiftShader an evaluation costs WebGPU 10-20 s of dispatches and pipeline compiles, so the
 * WebGPU runs train 2 steps without evaluating (Evaluate every = 0), except SimCLR's, which also
 * shows the step-0 evaluation on WebGPU (then Stop). Each method's evaluations, heads and own
 * tasks are checked on the auto backend below and in the unit tests on wasm and cpu.
 */
for (const c of CASES) {
  const evaluates = c.method === 'simclr';
  test(`${c.method} ${JSON.stringify(c.choices ?? {})} trains on WebGPU through the UI: loss, pos/neg similarity, batch preview${evaluates ? ', the step-0 evaluation' : ''}`, async ({ page }) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    const app = new AppPage(page);
    await app.open();
    await app.chooseBackend('webgpu'); // the one WebGPU run of each method (WebGPU-only bugs show here)
    await app.chooseMethod(c.method);
    for (const [k, v] of Object.entries(c.choices ?? {})) await app.setChoice(k, v);
    // Only the params this method has (TINY is written for the two-view methods).
    for (const [k, v] of Object.entries({ ...TINY, ...(evaluates ? { maxSteps: 1000, evalEvery: 1000 } : { maxSteps: 2, evalEvery: 0 }), ...c.params })) {
      if (await page.locator(`input[data-param="${k}"]`).count()) await app.setParam(k, v);
    }
    await page.getByTestId('train-button').click();
    if (evaluates) {
      await app.waitForStep(2);
      await page.getByTestId('stop-button').click();
    }
    await expect(app.phase()).toHaveAttribute('data-phase', evaluates ? 'stopped' : 'completed', { timeout: 420_000 });
    await expect(page.getByTestId('backend-label')).toHaveAttribute('data-backend', 'webgpu');
    const steps = await app.step();
    expect(steps).toBeGreaterThanOrEqual(2);
    await expect.poll(() => app.chartPoints('loss-chart')).toBe(steps); // the chart catches up with the last metrics

    const losses = JSON.parse((await page.getByTestId('loss-chart').getAttribute('data-series'))!) as number[];
    expect(losses).toHaveLength(steps);
    for (const l of losses) expect(Number.isFinite(l)).toBe(true);
    await expect.poll(() => app.drawnLines('similarity-chart')).toBe(2); // positive and negative

    const preview = page.getByTestId('preview-panel');
    await expect(preview.locator('canvas')).toHaveCount(c.previewRows);
    await expect(preview.getByTestId('preview-labels')).toHaveCount(c.labelled ? c.previewRows : 0);
    if (c.method === 'sla') await expect(preview.getByTestId('preview-labels').first()).toContainText(/·0° = \d+/); // (class)·(rotation)° = joint index

    if (evaluates) {
      await expect(page.getByTestId('knn-chart')).toHaveAttribute('data-points', '1'); // step 0
      await expect(page.getByTestId('knn-value')).toContainText(/kNN top-1 \d+\.\d%/);
    } else {
      await expect(page.getByTestId('knn-value')).toContainText('Evaluation is off for this run');
    }
    expect(problems).toEqual([]);
  });
}

// Every image method and variant on the auto backend (wasm here): two steps to completion,
// evaluations at steps 0 and 2 drawn as lines, with its classifier heads.
const WASM_CASES: Case[] = [
  ...CASES,
  { method: 's4l', choices: { variant: 'exemplar' }, params: { labelledBatch: 2, exemplarViews: 3 }, previewRows: 3, labelled: true, heads: 1 },
];
for (const c of WASM_CASES) {
  test(`${c.method} ${JSON.stringify(c.choices ?? {})} trains 2 steps on the auto backend: evaluations at steps 0 and 2${c.heads ? ', head accuracies' : ''}`, async ({ page }) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    const app = new AppPage(page);
    await app.open();
    await app.chooseMethod(c.method);
    for (const [k, v] of Object.entries(c.choices ?? {})) await app.setChoice(k, v);
    for (const [k, v] of Object.entries({ ...TINY, maxSteps: 2, evalEvery: 2, ...c.params })) {
      if (await page.locator(`input[data-param="${k}"]`).count()) await app.setParam(k, v);
    }
    await page.getByTestId('train-button').click();
    await expect(app.phase()).toHaveAttribute('data-phase', 'completed', { timeout: 300_000 });
    await expect(page.getByTestId('backend-label')).toHaveAttribute('data-backend', AUTO_BACKEND_HERE);
    expect(await app.step()).toBe(2);
    const losses = JSON.parse((await page.getByTestId('loss-chart').getAttribute('data-series'))!) as number[];
    expect(losses).toHaveLength(2);
    for (const l of losses) expect(Number.isFinite(l)).toBe(true);
    await expect(page.getByTestId('preview-panel').locator('canvas')).toHaveCount(c.previewRows);
    await expect(page.getByTestId('knn-chart')).toHaveAttribute('data-points', '2'); // steps 0 and 2
    if (c.heads > 0) {
      const heads = page.getByTestId('head-accuracies');
      await expect(heads).toContainText('Test accuracy');
      const values = JSON.parse((await heads.getAttribute('data-values'))!) as number[];
      expect(values).toHaveLength(c.heads);
      for (const v of values) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThanOrEqual(1); }
    } else {
      await expect(page.getByTestId('head-accuracies')).toHaveCount(0);
    }
    await expect.poll(() => app.drawnLines('knn-chart')).toBe(2 + c.heads); // kNN, linear probe, each head
    expect(problems).toEqual([]);
  });
}
