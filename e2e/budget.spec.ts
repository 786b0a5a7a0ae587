/** The setup panel's time estimate and a budget in minutes, as a user drives them. */
import { expect, test } from './appTest';
import { AUTO_BACKEND_HERE, TINY } from './pages/appPage';

test('times a few steps on the backend auto picks, shows an estimate, and a budget in minutes trains exactly the steps it showed', async ({ app }) => {
  await app.open();
  await app.chooseMethod('simclr');
  await app.setParams({ ...TINY, evalEvery: 20 });
  await expect(app.estimate).toContainText('No estimate yet');

  // --- Time a few steps: progress while the worker times them, then the estimate.
  await app.timeSteps();
  await expect(app.timingProgress).toBeVisible();
  await expect(app.estimate).toContainText(new RegExp(`^Estimated time on ${AUTO_BACKEND_HERE}: about \\d+ (min \\d+ )?s for \\d+ steps \\(from timing 5 steps\\)`));
  await expect(app.timingProgress).toHaveCount(0);
  await expect(app.estimateError).toHaveCount(0);
  expect(await app.estimatedSteps()).toBe(Number(await app.param('maxSteps').inputValue()));

  // --- A budget of a few seconds: the estimate says the steps it comes to, and Max steps waits for Train.
  await app.setBudgetMode('minutes');
  await app.setParam('budgetMinutes', 0.1);
  await expect(app.param('maxSteps')).toBeDisabled();
  await expect(app.estimate).toContainText(/for \d+ steps \(from timing 5 steps\)/);
  const steps = await app.estimatedSteps();
  expect(steps).toBeGreaterThanOrEqual(10);
  expect(steps % 10).toBe(0);
  await expect(app.page.getByTestId('param-note-budgetMinutes')).toContainText(`0.1 min is about ${steps} steps`);

  await app.train();
  await expect(app.runBudget).toHaveText(` · ${steps} steps (≈ 0.1 min budget)`);
  await app.expectCompleted();
  await expect(app.backendLabel).toHaveAttribute('data-backend', AUTO_BACKEND_HERE);
  expect(await app.step()).toBe(steps);
  // The run recorded steps: the setup's Max steps is what the budget came to.
  await expect(app.param('maxSteps')).toHaveValue(String(steps));

  // --- The measured run is now the estimate's source for this setup.
  await expect(app.estimate).toContainText('(from your run');
});
