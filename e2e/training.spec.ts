import { expect, test } from '@playwright/test';
import { AppPage, AUTO_BACKEND_HERE, TINY } from './appPage';

test('trains SimCLR then MoCo through the UI on the backend auto picks (wasm above SwiftShader here), with pause, resume and stop, reproducibly, offline and error-free', async ({ page, context, baseURL }) => {
  const problems: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(baseURL!).origin;
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') problems.push(`worker console: ${m.text()}`); }));
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });

  const app = new AppPage(page);
  await app.open();

  // --- SimCLR: start, watch the charts grow, pause, resume, stop.
  await app.chooseMethod('simclr');
  await app.setParams({ ...TINY, maxSteps: 5000, evalEvery: 3 });
  await page.getByTestId('train-button').click();

  await expect(page.getByTestId('backend-label')).toHaveAttribute('data-backend', AUTO_BACKEND_HERE, { timeout: 120_000 });
  // The header says why: WebGPU and WebGL here are SwiftShader, a CPU emulating a GPU.
  await expect(page.getByTestId('backend-label')).toContainText('WebAssembly SIMD');
  await expect(page.getByTestId('backend-why')).toContainText('no hardware GPU adapter');
  await app.waitForStep(2);
  expect(await app.chartPoints('loss-chart')).toBeGreaterThanOrEqual(2);
  expect(await app.chartPoints('similarity-chart')).toBeGreaterThanOrEqual(2);
  await expect.poll(() => app.drawnLines('similarity-chart')).toBe(2); // positive and negative pairs
  await expect.poll(() => app.chartPoints('knn-chart')).toBeGreaterThanOrEqual(1); // step 0: random init
  await expect(page.getByTestId('knn-value')).toContainText('%');
  await expect(page.getByTestId('preview-panel').locator('canvas')).toHaveCount(2);

  await page.getByTestId('pause-button').click();
  await expect(app.phase()).toHaveAttribute('data-phase', 'paused');
  const pausedAt = await app.step();
  await page.waitForTimeout(4000);
  expect(await app.step()).toBe(pausedAt);

  await page.getByTestId('resume-button').click();
  await expect(app.phase()).toHaveAttribute('data-phase', 'training');
  await app.waitForStep(pausedAt + 2);
  await expect.poll(() => app.chartPoints('knn-chart'), { timeout: 300_000 }).toBeGreaterThanOrEqual(2);

  await page.getByTestId('stop-button').click();
  await expect(app.phase()).toHaveAttribute('data-phase', 'stopped');
  const stoppedAt = await app.step();
  expect(stoppedAt).toBeLessThan(5000);
  await expect.poll(() => app.chartPoints('loss-chart')).toBe(stoppedAt); // the chart catches up with the last metrics

  // --- MoCo: a short run to completion on the same page.
  await app.chooseMethod('moco');
  await app.setParams({ ...TINY, queueSize: 32, maxSteps: 4, evalEvery: 2 });
  await page.getByTestId('train-button').click();
  await expect(app.phase()).toHaveAttribute('data-phase', 'completed', { timeout: 300_000 });
  await expect(page.getByTestId('backend-label')).toHaveAttribute('data-backend', AUTO_BACKEND_HERE);
  expect(await app.step()).toBe(4);
  expect(await app.chartPoints('loss-chart')).toBe(4);
  expect(await app.chartPoints('knn-chart')).toBe(3); // steps 0, 2, 4
  await expect.poll(() => app.drawnLines('loss-chart')).toBe(1);

  // --- Same seed, same backend: the same first losses.
  const firstLosses = await page.getByTestId('loss-chart').getAttribute('data-series');
  await page.getByTestId('train-button').click();
  await expect(app.phase()).toHaveAttribute('data-phase', 'completed', { timeout: 300_000 });
  expect(JSON.parse(firstLosses!)).toHaveLength(4);
  expect(await page.getByTestId('loss-chart').getAttribute('data-series')).toBe(firstLosses);

  expect(problems).toEqual([]);
  expect(foreignRequests).toEqual([]);
});
