/** A SimCLR run as a user drives it: start, the charts grow, pause, resume, stop, a rerun with the same seed. */
import { expect, test } from './appTest';
import { AUTO_BACKEND_HERE, TINY } from './pages/appPage';

test('trains SimCLR through the UI on the backend auto picks (wasm above SwiftShader here), with pause, resume and stop, then to completion, reproducibly', async ({ app, page }) => {
  await app.open();

  // --- Start, watch the charts grow, pause, resume, stop.
  await app.chooseMethod('simclr');
  await app.setParams({ ...TINY, maxSteps: 5000, evalEvery: 3 });
  await app.train();

  await app.expectBackend(AUTO_BACKEND_HERE);
  // The header says why: WebGPU and WebGL here are SwiftShader, a CPU emulating a GPU.
  await expect(app.backendLabel).toContainText('WebAssembly SIMD');
  await expect(app.backendWhy).toContainText('no hardware GPU adapter');
  await app.waitForStep(2);
  // The step counter leads the throttled charts: they catch up.
  await expect.poll(() => app.lossChart.points()).toBeGreaterThanOrEqual(2);
  await expect.poll(() => app.similarityChart.points()).toBeGreaterThanOrEqual(2);
  await expect.poll(() => app.similarityChart.drawnLines()).toBe(2); // positive and negative pairs
  await expect.poll(() => app.accuracyChart.points()).toBeGreaterThanOrEqual(1); // step 0: random init
  await expect(app.accuracySummary).toContainText('%');
  await expect(app.previewRows).toHaveCount(2);

  await app.pause();
  await app.expectPhase('paused');
  const pausedAt = await app.step();
  await page.waitForTimeout(4000);
  expect(await app.step()).toBe(pausedAt);

  await app.resume();
  await app.expectPhase('training');
  await app.waitForStep(pausedAt + 2);
  await expect.poll(() => app.accuracyChart.points(), { timeout: 300_000 }).toBeGreaterThanOrEqual(2);

  await app.stop();
  await app.expectPhase('stopped');
  const stoppedAt = await app.step();
  expect(stoppedAt).toBeLessThan(5000);
  await expect.poll(() => app.lossChart.points()).toBe(stoppedAt); // the chart catches up with the last metrics

  // --- A short run to completion on the same page.
  await app.setParams({ ...TINY, maxSteps: 4, evalEvery: 2 });
  await app.train();
  await app.expectPhase('completed');
  await expect(app.backendLabel).toHaveAttribute('data-backend', AUTO_BACKEND_HERE);
  expect(await app.step()).toBe(4);
  await expect.poll(() => app.lossChart.points()).toBe(4);
  expect(await app.accuracyChart.points()).toBe(3); // steps 0, 2, 4
  await expect.poll(() => app.lossChart.drawnLines()).toBe(1);

  // --- Same seed, same backend: the same first losses.
  const firstLosses = await app.losses();
  await app.train();
  await app.expectPhase('completed');
  expect(firstLosses).toHaveLength(4);
  await expect.poll(() => app.losses()).toEqual(firstLosses);
});
