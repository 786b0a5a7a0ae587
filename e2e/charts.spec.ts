/** What the charts of a short run say: readable axes, keyed reference lines, one axis per unit, a text summary. */
import { expect, test } from './appTest';
import { TINY } from './pages/appPage';

test('a short SimCLR run draws charts with whole-step ticks, distinct y ticks, axis titles, keyed reference lines and text summaries', async ({ app }) => {
  await app.open();
  await app.chooseMethod('simclr');
  await app.setParams({ ...TINY, maxSteps: 6, evalEvery: 3 });
  await app.train();
  await app.expectCompleted();
  await app.showTab('training');

  const loss = app.lossChart;
  await expect.poll(() => loss.points()).toBe(6);
  await expect.poll(async () => (await loss.tickLabels('x')).length).toBeGreaterThan(1);
  const xTicks = await loss.tickLabels('x');
  for (const t of xTicks) expect(t, `step tick ${t}`).toMatch(/^\d+$/);
  await expect.poll(async () => (await loss.tickLabels('y')).length).toBeGreaterThan(1);
  const yTicks = await loss.tickLabels('y');
  expect(new Set(yTicks).size, `loss ticks ${yTicks.join(', ')}`).toBe(yTicks.length);
  // One format per axis: every tick has the same number of decimals.
  expect(new Set(yTicks.map((t) => t.split('.')[1]?.length ?? 0)).size).toBe(1);
  await expect(loss.plotLabels).toHaveText(['training step', 'loss']);
  await expect(loss.summary).toHaveText(/^Training loss at step \d+: loss \d+\.\d+\.$/);

  const accuracy = app.accuracyChart;
  await expect(accuracy.referenceLines).toHaveCount(5);
  // The axis titles are the only labels in the plot: the five reference lines are keyed under it, so no labels overlap.
  await expect(accuracy.plotLabels).toHaveText(['training step', 'top-1 accuracy (%)']);
  await expect(accuracy.referenceKey).toContainText(/chance \d+\.\d%.*kNN, random init \d+\.\d%.*linear, raw pixels \d+\.\d%/);
  await expect(accuracy.summary).toContainText(/Held-out accuracy at step \d+: kNN top-1 \d+\.\d%, linear probe \d+\.\d%/);

  // SimCLR's internals: the cos/T logit and the hardest negative's cosine on charts of their own.
  await expect(app.extrasCharts).toHaveCount(2);
  await expect(app.extrasChart('logit').plotLabels).toHaveText(['training step', 'logit (cos / T)']);
  await expect(app.extrasChart('cosine').plotLabels).toHaveText(['training step', 'cosine similarity']);
  await expect(app.extrasChart('logit').legendItems).toHaveText(['positive logit (cos / T)']);
  await expect(app.extrasChart('cosine').legendItems).toHaveText(['hardest negative (cos)']);
  await expect(app.extrasChart('cosine').summary).toContainText(/hardest negative \(cos\) -?\d+\.\d+/);
});
