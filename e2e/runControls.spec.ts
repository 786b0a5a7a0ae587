/** The run controls while a run trains: no accidental second run, a status that says what the run is doing. */
import { zipSync } from 'fflate';
import { expect, test } from './appTest';
import { TINY } from './pages/appPage';
import { solidPng } from './helpers/png';

/** A zip of `perClass` red and `perClass` blue images (the importer holds a quarter of each class out). */
function twoColourZip(perClass: number): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < perClass; i++) {
    files[`tiny/red/${i}.png`] = solidPng(24, [200, 20 + i * 5, 30]);
    files[`tiny/blue/${i}.png`] = solidPng(24, [30, 20 + i * 5, 200]);
  }
  return Buffer.from(zipSync(files));
}

test('a double-click on Train starts one run; while it trains the buttons are Pause and Stop, and another run is an explicit "Train another run"', async ({ app, page }) => {
  await app.open();
  await app.chooseMethod('simclr');
  // The default evaluation sizes: the step-0 evaluation takes a while, long enough to be seen.
  const { evalBankSize: _b, evalQuerySize: _q, ...tiny } = TINY;
  await app.setParams({ ...tiny, maxSteps: 5000, evalEvery: 1000 });
  await app.trainButton.dblclick();

  // While the step-0 evaluation runs the status says so, and which part of the suite it is on.
  await expect(app.phase()).toContainText(/Evaluating the random-init encoder .*\(\d of \d\)/, { timeout: 120_000 });
  await expect(app.trainButton).toHaveCount(0);
  await expect(page.getByTestId('stop-button')).toBeEnabled();
  await expect(app.trainAnotherButton).toBeVisible();
  await app.waitForStep(2);
  await expect(page.getByTestId('pause-button')).toBeEnabled();
  // One run: the run picker only appears with two.
  await expect(app.runPicker).toHaveCount(0);
  // No developer jargon in the line itself; the tensor count is in its tooltip.
  await expect(app.speed).toContainText('ms/step');
  await expect(app.speed).not.toContainText('tensors');
  await expect(app.speed).toHaveAttribute('title', /Tensors held by the backend: \d+/);

  await app.trainAnother();
  await expect(app.runPicker.locator('option')).toHaveCount(2);
  await app.stop(); // the new run, which is shown
  await app.runPicker.selectOption({ index: 0 });
  await app.stop();
  await app.expectPhase('stopped');
  await expect(app.trainButton).toBeEnabled();
});

test('settings a tiny dataset cannot support are refused before Train, with what to change; accuracies on few images are marked', async ({ app }) => {
  const { data } = app;
  await app.open();
  await app.showTab('data');
  // 3 images per class: 2 train and 1 held out each.
  await data.importFiles({ name: 'tiny.zip', mimeType: 'application/zip', buffer: twoColourZip(3) });
  expect(await data.importStatus()).toBe('loaded');
  await expect(data.classRow('red')).toHaveText(['red', '2', '1']);
  await app.showTab('training');
  await app.chooseMethod('simclr');
  await expect(app.paramProblems).toContainText("Batch size 32 is larger than the dataset's 4 training images");
  await expect(app.paramProblems).toContainText('at least 2 held-out images per class');
  await expect(app.trainButton).toBeDisabled();
  await app.setParams({ ...TINY, batchSize: 4, evalEvery: 0, maxSteps: 2 });
  await expect(app.paramProblems).toHaveCount(0);
  await expect(app.trainButton).toBeEnabled();

  // 8 per class: 6 train and 2 held out each: it evaluates, on 4 images, and says they are too few.
  await app.showTab('data');
  await data.importFiles({ name: 'small.zip', mimeType: 'application/zip', buffer: twoColourZip(8) });
  expect(await data.importStatus()).toBe('loaded');
  await app.showTab('training');
  await app.setParams({ ...TINY, batchSize: 4, evalEvery: 2, maxSteps: 2 });
  await expect(app.paramProblems).toHaveCount(0);
  await app.train();
  await app.expectCompleted();
  await expect(app.accuracySummary).toContainText('(n = 4, too few to trust)');
});
