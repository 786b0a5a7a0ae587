/** The comparison most scenario specs start from: SimCLR at temperature 0.2 and MoCo, 3 steps each. */
import { expect } from '@playwright/test';
import { TINY, type AppPage } from '../pages/appPage';

/** Adds the two runs to the comparison and shows the Compare tab. */
export async function planTwoRuns(app: AppPage): Promise<void> {
  await app.chooseMethod('simclr');
  await app.setParams({ ...TINY, maxSteps: 3, evalEvery: 3, temperature: 0.2 });
  await app.addToComparison();
  await app.chooseMethod('moco');
  await app.setParams({ ...TINY, queueSize: 32 });
  await app.addToComparison();
  await app.showTab('compare');
  await expect(app.compare.planItems).toHaveCount(2);
}

/** Runs the plan, both at once, and waits until both rows say completed. */
export async function runBothAtOnce(app: AppPage): Promise<void> {
  await app.compare.run(2);
  await expectBothCompleted(app);
}

export async function expectBothCompleted(app: AppPage): Promise<void> {
  const rows = app.compare.rows;
  await expect(rows).toHaveCount(2);
  for (const i of [0, 1]) await expect(app.compare.cell(rows.nth(i), 'status')).toHaveAttribute('data-value', 'completed', { timeout: 300_000 });
}
