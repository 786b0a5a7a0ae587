/**
 * Evaluation as a user sees it: accuracy curves with their references, the similarity histogram,
 * alignment / uniformity, and the map of held-out embeddings with a thumbnail on hover and
 * nearest neighbours on click.
 */
import { expect, test } from '@playwright/test';
import { AppPage, TINY, AUTO_BACKEND_HERE } from './appPage';

test('a short run shows kNN and linear-probe curves beside raw pixels, the histograms, and a map with thumbnails and neighbours', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.setParams({ ...TINY, evalQuerySize: 60, maxSteps: 4, evalEvery: 2 });
  await page.getByTestId('train-button').click();
  await expect(app.phase()).toHaveAttribute('data-phase', 'completed', { timeout: 300_000 });
  await expect(page.getByTestId('backend-label')).toHaveAttribute('data-backend', AUTO_BACKEND_HERE);

  // Accuracy: evaluations at steps 0 (random init), 2 and 4, each with kNN and linear probe.
  const chart = page.getByTestId('knn-chart');
  await expect(chart).toHaveAttribute('data-points', '3');
  const evals = JSON.parse((await chart.getAttribute('data-series'))!) as { step: number; knnTop1: number; linearTop1: number }[];
  expect(evals.map((e) => e.step)).toEqual([0, 2, 4]);
  for (const e of evals) for (const v of [e.knnTop1, e.linearTop1]) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThanOrEqual(1); }
  await expect.poll(() => app.drawnLines('knn-chart')).toBe(2);
  await expect(chart.locator('.recharts-reference-line')).toHaveCount(5); // chance, random init x2, raw pixels x2
  const summary = page.getByTestId('knn-value');
  expect(Number(await summary.getAttribute('data-raw-knn'))).toBeGreaterThan(0);
  await expect(summary).toContainText(/linear probe \d+\.\d%.*raw pixels \d+\.\d% \/ \d+\.\d%/);
  await expect(page.getByTestId('eval-share')).toContainText(/took \d+\.\d% of this run's wall time/);

  await expect(page.getByTestId('similarity-histogram')).toHaveAttribute('data-points', '40');
  await expect(page.getByTestId('similarity-histogram').locator('path.recharts-area-area')).toHaveCount(2);
  await expect(page.getByTestId('geometry-chart')).toHaveAttribute('data-points', '3');

  // The map: 60 held-out points laid out by t-SNE in its worker, from the last evaluation.
  const map = page.getByTestId('embedding-map');
  await expect(map).toHaveAttribute('data-points', '60');
  await expect(map).toHaveAttribute('data-step', '4');
  await expect.poll(async () => Number(await map.getAttribute('data-iteration'))).toBeGreaterThan(0);
  const painted = await page.getByTestId('map-canvas').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(60 * 4); // every point is a dot several pixels wide

  // Hover the first point: its image appears; click: its 8 nearest neighbours in embedding space.
  await expect(page.getByTestId('map-status')).toContainText('iteration 150 of 150', { timeout: 60_000 });
  const [x, y] = (await map.getAttribute('data-first-point'))!.split(',').map(Number);
  await page.getByTestId('map-canvas').hover({ position: { x, y } });
  await expect(page.getByTestId('map-tooltip').locator('canvas')).toHaveAttribute('data-count', '1');
  await page.getByTestId('map-canvas').click({ position: { x, y } });
  await expect(page.getByTestId('map-neighbours').locator('canvas')).toHaveCount(2);
  await expect(page.getByTestId('map-neighbours').locator('canvas').nth(1)).toHaveAttribute('data-count', '8');

  await page.getByTestId('map-method').selectOption('pca');
  await expect(page.getByTestId('map-status')).toContainText('PCA of 60 held-out embeddings from step 4');
});
