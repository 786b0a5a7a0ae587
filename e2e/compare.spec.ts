/** Comparison through the UI: two runs planned, run side by side, their curves overlaid, sorted. */
import { expect, test } from './appTest';
import { planTwoRuns, runBothAtOnce } from './helpers/twoRuns';

test('two runs side by side: overlaid curves against steps and wall time, their maps, the table sorted both ways', async ({ app }) => {
  await app.open();
  await planTwoRuns(app);
  const { compare } = app;
  await expect(compare.planItems.nth(0)).toContainText('SimCLR');
  await expect(compare.planItems.nth(1)).toContainText('MoCo');

  // Run both at once (max 2 concurrent).
  await runBothAtOnce(app);
  for (const i of [0, 1]) await expect(compare.cell(compare.rows.nth(i), 'steps')).toHaveAttribute('data-value', '3');
  // Overlaid curves: one loss line per run, two similarity lines per run, accuracy at steps 0 and 3.
  await expect.poll(() => compare.lossChart.drawnLines()).toBe(2);
  // The overlaid loss axis: whole-step ticks, distinct loss ticks in one format, axis titles.
  for (const t of await compare.lossChart.tickLabels('x')) expect(t, `step tick ${t}`).toMatch(/^\d+$/);
  const yTicks = await compare.lossChart.tickLabels('y');
  expect(new Set(yTicks).size, `loss ticks ${yTicks.join(', ')}`).toBe(yTicks.length);
  expect(new Set(yTicks.map((t) => t.split('.')[1]?.length ?? 0)).size).toBe(1);
  await expect(compare.lossChart.plotLabels).toHaveText(['training step', 'loss']);
  await expect.poll(() => compare.similarityChart.drawnLines()).toBe(4);
  // One legend entry per run, also on the similarity chart (solid and dashed are said in its title).
  await expect(compare.similarityChart.legendItems).toHaveText([/^SimCLR: NT-Xent temperature 0.2$/, /^MoCo: queue size K 32$/]);
  const knnSeries = await compare.accuracyChart.series<{ name: string; points: number }>();
  expect(knnSeries.map((s) => s.points)).toEqual([2, 2]);
  await expect(compare.lossChart.legendItems).toHaveText([/^SimCLR: NT-Xent temperature 0.2$/, /^MoCo: queue size K 32$/]);
  await compare.plotAgainstWallTime();
  await expect.poll(() => compare.lossChart.drawnLines()).toBe(2);
  // t-SNE maps side by side.
  await expect(compare.map(0)).not.toHaveAttribute('data-points', '0');
  await expect(compare.map(1)).not.toHaveAttribute('data-points', '0');
  // Sorting by a column reorders the rows, both ways.
  await compare.sortByName();
  await expect(compare.rows.nth(0)).toHaveAttribute('data-run-name', /^MoCo/);
  await compare.sortByName();
  await expect(compare.rows.nth(0)).toHaveAttribute('data-run-name', /^SimCLR/);
  await expect(compare.sortedDescending).toHaveCount(1);
});

test('runs on two datasets are compared one dataset at a time (the focused run\'s first); a row\'s actions are a keyboard menu', async ({ app, page }) => {
  await app.open();
  await planTwoRuns(app);
  await runBothAtOnce(app);
  const { compare } = app;
  await expect(compare.datasetFilter).toHaveCount(0); // one dataset: nothing to choose
  await app.chooseDataset('fashion-mnist');
  await app.chooseMethod('simclr');
  await app.setParams({ maxSteps: 2, evalEvery: 2 });
  await app.train();
  await app.expectPhase('completed');
  await app.showTab('compare');
  // The focused run (just trained, on Fashion-MNIST) picks the dataset; the note says what is hidden.
  await expect(compare.rows).toHaveCount(1);
  await expect(compare.cell(compare.rows, 'dataset')).toHaveText(/^Fashion-MNIST/);
  await expect(compare.datasetNote).toHaveText(/2 runs on Colour shapes.* are not shown/);
  await expect.poll(() => compare.lossChart.drawnLines()).toBe(1);
  await compare.datasetFilter.selectOption('shapes');
  await expect(compare.rows).toHaveCount(2);
  await expect.poll(() => compare.lossChart.drawnLines()).toBe(2);
  await expect(compare.datasetNote).toHaveText(/1 run on Fashion-MNIST .* is not shown/);

  // The row menu from the keyboard: Enter opens it on its first item, arrows move, Escape returns to the button.
  const button = compare.rowMenu(compare.rows.nth(0));
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Metrics CSV' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Metrics JSON' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toBeInViewport();
});
