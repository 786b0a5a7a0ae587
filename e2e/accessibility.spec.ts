/**
 * An automated accessibility check (axe-core) of every tab: Data, Training after a tiny run,
 * Compare and History, on a wide screen and on a phone; it fails on any serious or critical
 * violation. And the tabs follow the WAI-ARIA tabs pattern: the arrow keys, Home and End move to a
 * tab and show it, and only the selected tab is in the Tab order.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './appTest';
import { TINY, type AppPage } from './pages/appPage';

const TABS = ['data', 'training', 'learn', 'compare', 'history'] as const;

/** The serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}

async function tinyRun(app: AppPage): Promise<void> {
  await app.setParams({ ...TINY, maxSteps: 2, evalEvery: 2 });
  await app.train();
  await app.expectCompleted();
}

for (const { width, height } of [{ width: 1400, height: 1000 }, { width: 390, height: 844 }]) {
  test(`no serious or critical axe violations on any tab at ${width} px`, async ({ app, page }) => {
    await page.setViewportSize({ width, height });
    await app.open();
    await expect(page.getByTestId('summary-size')).toBeVisible();
    const found: string[] = [];
    found.push(...(await seriousViolations(page)).map((v) => `data (before a run): ${v}`));
    await app.showTab('training');
    await expect(page.getByText('no points yet').first()).toBeVisible(); // the empty charts' text, once 3:1 contrast
    found.push(...(await seriousViolations(page)).map((v) => `training (before a run): ${v}`));
    await app.showTab('data');
    if (width < 900) await page.getByTestId('setup-toggle').click();
    found.push(...(await seriousViolations(page)).map((v) => `setup panel: ${v}`));
    await tinyRun(app);
    for (const tab of TABS) {
      await app.showTab(tab);
      if (tab === 'history') await expect(app.history.rows).toHaveCount(1);
      if (tab === 'training') await expect(app.accuracySummary).toBeVisible();
      found.push(...(await seriousViolations(page)).map((v) => `${tab}: ${v}`));
    }
    expect(found).toEqual([]);
  });
}

test('the arrow keys, Home and End move between the tabs and show each', async ({ app, page }) => {
  await app.open();
  const tab = (id: string) => page.getByTestId(`tab-${id}`);
  await tab('data').focus();
  const expectOn = async (id: string) => {
    await expect(tab(id)).toBeFocused();
    await expect(tab(id)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).toHaveAttribute('id', `panel-${id}`);
    // Roving tabindex: only the selected tab is a Tab stop.
    for (const other of TABS) await expect(tab(other)).toHaveAttribute('tabindex', other === id ? '0' : '-1');
  };
  await page.keyboard.press('ArrowRight');
  await expectOn('training');
  await page.keyboard.press('ArrowRight');
  await expectOn('learn');
  await page.keyboard.press('ArrowRight');
  await expectOn('compare');
  await page.keyboard.press('End');
  await expectOn('history');
  await page.keyboard.press('ArrowRight'); // wraps
  await expectOn('data');
  await page.keyboard.press('ArrowLeft'); // wraps back
  await expectOn('history');
  await page.keyboard.press('Home');
  await expectOn('data');
  // Tab leaves the tab list for the panel's first control, Shift+Tab comes back to the selected tab.
  await page.keyboard.press('End');
  await page.keyboard.press('Tab');
  await expect(tab('history')).not.toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expectOn('history');
});

test('the run status line is a polite live region, so a screen reader hears the phase change', async ({ app, page }) => {
  await app.open();
  const status = page.getByRole('status').filter({ has: app.phase() });
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toContainText('Ready');
});
