/** History through the UI in real Chromium (real IndexedDB): saved runs across reloads, trained encoders kept with them, full storage. */
import { expect, test } from './appTest';
import { TINY } from './pages/appPage';
import { downloadOf, downloadsOf, parseCsv, readDownload as read } from './helpers/downloads';
import { planTwoRuns, runBothAtOnce } from './helpers/twoRuns';
import { parseEncoderModel } from '../src/export/encoderModel';

test('history keeps both runs across a reload; a rename survives a reload; open re-fills Compare with the same data; delete', async ({ app, page }) => {
  await app.open();
  await planTwoRuns(app);
  await runBothAtOnce(app);
  const { compare, history } = app;
  const table = parseCsv((await read(await downloadOf(page, () => compare.rowAction(compare.row('SimCLR'), 'Metrics CSV')))).toString());

  await app.reload();
  await app.showTab('history');
  await expect(history.rows).toHaveCount(2);
  await expect(history.storageUse).toContainText('Storage:');
  await history.rename(history.rows.filter({ hasText: 'SimCLR' }), 'my SimCLR at T 0.2');
  await expect(history.rows.first()).toHaveAttribute('data-run-name', /./);
  await expect(history.rowNamed('my SimCLR at T 0.2')).toHaveCount(1);
  await app.reload();
  await app.showTab('history');
  const renamed = history.rowNamed('my SimCLR at T 0.2');
  await expect(renamed).toHaveCount(1);
  await history.openRun(renamed);
  await expect(compare.rows).toHaveCount(1);
  await expect(compare.cell(compare.rows, 'knn')).not.toHaveAttribute('data-value', '');
  await expect(compare.map(0)).not.toHaveAttribute('data-points', '0');
  const reopenedCsv = parseCsv((await read(await downloadOf(page, () => compare.rowAction(compare.rows, 'Metrics CSV')))).toString());
  expect(reopenedCsv).toEqual(table);
  await app.showTab('history');
  await history.deleteRun(history.rowStartingWith('MoCo'));
  await expect(history.rows).toHaveCount(1);
  await app.reload();
  await app.showTab('history');
  await expect(history.rows).toHaveCount(1);
});

test('when storage is nearly full the run is not saved, the user is told, and earlier runs stay', async ({ app, page }) => {
  await app.open();
  await app.setParams({ ...TINY, maxSteps: 2, evalEvery: 2 });
  await app.train();
  await app.expectPhase('completed');
  await app.showTab('history');
  await expect(app.history.rows).toHaveCount(1);

  // The browser now reports 99 of 100 MB used.
  await page.evaluate(() => {
    Object.defineProperty(navigator.storage, 'estimate', { value: async () => ({ usage: 99 * 2 ** 20, quota: 100 * 2 ** 20 }) });
  });
  await app.train();
  await app.expectPhase('completed');
  await expect(app.historyNotSaved).toContainText('Not saved to history');
  await expect(app.historyNotSaved).toContainText('99.0 of 100.0 MB used');
  await app.showTab('history');
  await expect(app.history.rows).toHaveCount(1);
  await app.reload();
  await app.showTab('history');
  await expect(app.history.rows).toHaveCount(1);
});

test('a run\'s trained encoder survives a reload: the re-opened run exports its model, and History evaluates it on another dataset', async ({ app, page }) => {
  await app.open();
  await app.chooseMethod('moco');
  await app.setParams({ ...TINY, maxSteps: 2, evalEvery: 2 });
  await app.train();
  await app.expectPhase('completed');
  await app.showTab('history');
  await expect(app.history.rows).toHaveCount(1);

  await app.reload();
  await app.showTab('history');
  const row = app.history.rows.first();
  await expect(app.history.evaluateButton(row)).toBeVisible();
  await app.history.openRun(row);
  const { compare } = app;
  await expect(compare.rows).toHaveCount(1);
  const files = await downloadsOf(page, 2, () => compare.rowAction(compare.rows, 'Model (TF.js)'));
  const json = (await read(files.find((d) => d.suggestedFilename().endsWith('.json'))!)).toString();
  const bin = await read(files.find((d) => d.suggestedFilename().endsWith('.bin'))!);
  const parsed = parseEncoderModel(json, bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  expect(parsed.ok ? parsed.topology : parsed.error).toMatchObject({ methodId: 'moco', steps: 2, encoder: { width: TINY.width } });

  await app.chooseDataset('fashion-mnist');
  await app.showTab('history');
  await app.history.evaluateButton(row).click();
  await app.expectPhase('completed');
  await expect(app.accuracySummary).toContainText('kNN top-1');
  await expect(app.runNotice).toContainText('Evaluating an imported encoder');
});
