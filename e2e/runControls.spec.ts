/** The run controls while a run trains: no accidental second run, a status that says what the run is doing. */
import { expect, test } from './appTest';
import { TINY } from './pages/appPage';

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
