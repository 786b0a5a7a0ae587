/**
 * Evaluation as a user sees it: accuracy curves with their references, the similarity histogram,
 * alignment / uniformity, and the map of held-out embeddings with a thumbnail on hover and
 * nearest neighbours on click.
 */
import { expect, test } from './appTest';
import { AUTO_BACKEND_HERE, TINY } from './pages/appPage';
import { countPixels } from './pages/canvasPixels';

test('a short run shows kNN and linear-probe curves beside raw pixels, the histograms, and a map with thumbnails and neighbours', async ({ app }) => {
  await app.open();
  await app.setParams({ ...TINY, evalQuerySize: 60, maxSteps: 4, evalEvery: 2 });
  await app.train();
  await app.expectPhase('completed');
  await expect(app.backendLabel).toHaveAttribute('data-backend', AUTO_BACKEND_HERE);

  // Accuracy: evaluations at steps 0 (random init), 2 and 4, each with kNN and linear probe.
  const chart = app.accuracyChart;
  await expect(chart.root).toHaveAttribute('data-points', '3');
  const evals = await chart.series<{ step: number; knnTop1: number; linearTop1: number }>();
  expect(evals.map((e) => e.step)).toEqual([0, 2, 4]);
  for (const e of evals) for (const v of [e.knnTop1, e.linearTop1]) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThanOrEqual(1); }
  await expect.poll(() => chart.drawnLines()).toBe(2);
  await expect(chart.referenceLines).toHaveCount(5); // chance, random init x2, raw pixels x2
  const summary = app.accuracySummary;
  expect(Number(await summary.getAttribute('data-raw-knn'))).toBeGreaterThan(0);
  await expect(summary).toContainText(/linear probe \d+\.\d%.*raw pixels \d+\.\d% \/ \d+\.\d%/);
  await expect(app.evaluationShare).toContainText(/took \d+\.\d% of this run's wall time/);

  await expect(app.similarityHistogram.root).toHaveAttribute('data-points', '40');
  await expect(app.similarityHistogram.areas).toHaveCount(2);
  await expect(app.geometryChart.root).toHaveAttribute('data-points', '3');

  // The map: 60 held-out points laid out by t-SNE in its worker, from the last evaluation.
  const { map } = app;
  await expect(map.root).toHaveAttribute('data-points', '60');
  await expect(map.root).toHaveAttribute('data-step', '4');
  await expect.poll(async () => Number(await map.root.getAttribute('data-iteration'))).toBeGreaterThan(0);
  expect(await countPixels(map.canvas, 'dark')).toBeGreaterThan(60 * 4); // every point is a dot several pixels wide

  // Hover the first point: its image appears; click: its 8 nearest neighbours in embedding space.
  await expect(map.status).toContainText('iteration 150 of 150', { timeout: 60_000 });
  const position = await map.firstPoint();
  await map.canvas.hover({ position });
  await expect(map.tooltip.locator('canvas')).toHaveAttribute('data-count', '1');
  await map.canvas.click({ position });
  await expect(map.neighbours.locator('canvas')).toHaveCount(2);
  await expect(map.neighbours.locator('canvas').nth(1)).toHaveAttribute('data-count', '8');

  await map.layoutSelect.selectOption('pca');
  await expect(map.status).toContainText('PCA of 60 held-out embeddings from step 4');
});
