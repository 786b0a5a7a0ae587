/**
 * The page in Chinese: a browser whose language is zh-CN gets the whole UI in Simplified Chinese
 * on its first visit (pick a dataset, train a few steps, read the charts, open Learn, copy a link),
 * with no catalog key and no English sentence on screen; the header's switch changes to English
 * and the choice survives a reload; a shared link carries no language. The English flows are the
 * rest of the suite.
 */
import { expect, test } from './appTest';
import { AUTO_BACKEND_HERE, TINY } from './pages/appPage';
import { englishOnScreen, rawKeysOnScreen } from './pages/untranslated';

test.use({ locale: 'zh-CN' });

test('a zh-CN browser gets every main flow in Chinese, with no key or English sentence on screen', async ({ app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('language')).toHaveValue('zh-CN');
  await expect(page.getByTestId('tab-data')).toHaveText('数据');
  await expect(page.getByTestId('tab-training')).toHaveText('训练');
  await expect(page.getByTestId('tab-learn')).toHaveText('学习');

  const onScreen = async (where: string) => {
    expect(await rawKeysOnScreen(page), `catalog keys on the ${where}`).toEqual([]);
    expect(await englishOnScreen(page), `English on the ${where}`).toEqual([]);
  };
  await onScreen('Data tab');
  await app.chooseDataset('shapes');
  await onScreen('Data tab with colour shapes');

  await app.setUp({ method: 'simclr', params: { ...TINY, maxSteps: 3, evalEvery: 3 } });
  await app.train();
  await app.expectCompleted();
  await app.expectBackend(AUTO_BACKEND_HERE);
  await app.showTab('training');
  await expect(page.getByTestId('knn-value')).toContainText('kNN');
  await onScreen('Training tab after a run');

  await app.showTab('learn');
  await expect(page.getByTestId('learn-panel')).toBeVisible();
  await expect(page.getByTestId('learn-formula')).toBeVisible();
  await onScreen('Learn tab');

  await app.addToComparison();
  await app.showTab('compare');
  await expect(app.compare.planItems).toHaveCount(1);
  const link = await app.compare.copyLink();
  await expect(app.compare.copyStatus).toContainText(/[\u3400-\u9fff]/);
  expect(link).not.toMatch(/zh|lang/i);
  await onScreen('Compare tab');

  await app.showTab('history');
  await onScreen('History tab');
});

test('the header switch changes the language at once and the choice survives a reload', async ({ app, page }) => {
  await app.open();
  await expect(page.getByTestId('tab-training')).toHaveText('训练');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('tab-training')).toHaveText('Training');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await app.reload();
  await expect(page.getByTestId('tab-training')).toHaveText('Training');
  await expect(page.getByTestId('language')).toHaveValue('en');
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.getByTestId('tab-training')).toHaveText('训练');
});
