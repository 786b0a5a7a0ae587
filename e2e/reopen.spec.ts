/**
 * Runs reopened from History show what History keeps and say what it does not: the backend without
 * an adapter, no tensor count, class names instead of thumbnails, and no map spinner for a run
 * that has no embeddings.
 */
import { expect, test } from './appTest';
import { TINY } from './pages/appPage';

test('a reopened run says what History does not keep; a run without an evaluation says it has no map instead of laying out forever', async ({ app }) => {
  await app.open();
  // Run 1: evaluated at its last step (a map). Run 2: never evaluated (evalEvery 0): it has thumbnails but no embeddings.
  await app.setParams({ ...TINY, maxSteps: 2, evalEvery: 2 });
  await app.train();
  await app.expectPhase('completed');
  await app.setParams({ maxSteps: 1, evalEvery: 0 });
  await app.train();
  await app.expectPhase('completed');
  await expect(app.map.status).toHaveText(/^No map: this run has no held-out embeddings/);
  // Both saved (the save of a run just ended, with its encoder, may still be writing) before the reload.
  await app.showTab('history');
  await expect(app.history.rows).toHaveCount(2);
  await app.showTab('training');

  await app.reload();
  await app.showTab('history');
  await expect(app.history.rows).toHaveCount(2);
  await expect(app.page.getByTestId('history-method')).toHaveText(['SimCLR', 'SimCLR']);
  for (const i of [0, 1]) {
    await app.showTab('history'); // opening a run shows the Compare tab
    await app.history.openRun(app.history.rows.nth(i));
  }
  const { compare } = app;
  await expect(compare.rows).toHaveCount(2);

  // The never-evaluated run: its map says so, in Compare and on the Training tab.
  const unevaluated = compare.rows.filter({ has: app.page.locator('td[data-col="steps"][data-value="1"]') });
  // Maps are numbered by the run's place in the session (the order they were opened).
  const unevaluatedIndex = await compare.rows.evaluateAll((rows) => rows.findIndex((r) => r.querySelector('td[data-col="steps"]')?.getAttribute('data-value') === '1'));
  await expect(compare.map(unevaluatedIndex).getByTestId('map-status')).toHaveText(/^No map: this run has no held-out embeddings/);
  await compare.viewButton(unevaluated).click();
  await expect(app.map.status).toHaveText(/^No map: this run has no held-out embeddings/);

  // The evaluated run: the backend as recorded, no adapter or tensor count; class names on hover, not grey squares.
  await app.showTab('compare');
  await compare.viewButton(compare.rows.filter({ hasNot: app.page.locator('td[data-col="steps"][data-value="1"]') })).click();
  await expect(app.backendLabel).toContainText('adapter not kept in history');
  await expect(app.backendLabel).not.toContainText(/no GPU adapter|adapter not named/);
  await expect(app.page.getByTestId('speed')).toContainText('ms/step');
  await expect(app.page.getByTestId('speed')).not.toContainText('tensors');
  await app.map.layoutSelect.selectOption('pca'); // a still layout, to hover a point
  await expect(app.map.status).toContainText('PCA of 20 held-out embeddings', { timeout: 60_000 });
  await expect(app.page.getByTestId('map-images-note')).toContainText('Thumbnails are not kept in history');
  const position = await app.map.firstPoint();
  await app.map.canvas.hover({ position });
  await expect(app.map.tooltip).toContainText('not kept in history');
  await expect(app.map.tooltip.locator('canvas')).toHaveCount(0);
  await app.map.canvas.click({ position });
  await expect(app.map.neighbours).toContainText('8 nearest (cosine)');
  await expect(app.map.neighbours.locator('canvas')).toHaveCount(0);
});
