/**
 * The page at a small laptop (1024 x 768) and a phone (390 x 844): no sideways page scroll on any
 * tab, every tab clickable (nothing covers it), the setup panel reachable (beside the tabs at
 * 1024, behind the "Experiment setup" toggle on a phone), and the Data tab's dataset summary wide
 * enough to read (its values once wrapped one character per line at 1024); the embedding map's
 * canvas fits its card and its points can still be hovered.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './appTest';
import { TINY } from './pages/appPage';

const TABS = ['data', 'training', 'compare', 'history'] as const;

async function pageScroll(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
}

/** Whether the element a user would hit at the tab's centre is the tab itself (or inside it). */
async function tabOnTop(page: Page, tab: string): Promise<boolean> {
  return page.getByTestId(`tab-${tab}`).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.width > 0 && hit !== null && el.contains(hit);
  });
}

for (const { width, height, drawer } of [{ width: 1024, height: 768, drawer: false }, { width: 390, height: 844, drawer: true }]) {
  test(`at ${width} px the page fits, every tab is clickable and the setup panel is reachable`, async ({ app, page }) => {
    await page.setViewportSize({ width, height });
    await app.open();
    const summaryValue = page.getByTestId('summary-size');
    await expect(summaryValue).toBeVisible();
    // The values read as lines of text, not a column of characters.
    const box = (await summaryValue.boundingBox())!;
    expect(box.width, 'width of the dataset summary value "32 x 32 x 3 (RGB)"').toBeGreaterThan(100);
    expect(box.height, 'height of that value: one or two lines').toBeLessThan(50);

    const toggle = page.getByTestId('setup-toggle');
    if (drawer) {
      await expect(app.methodSelect).toBeHidden();
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    } else {
      await expect(toggle).toBeHidden();
    }
    await expect(app.methodSelect).toBeInViewport();
    // A tiny run, set up from the panel, so Training, Compare and History have something to show.
    await app.setParams({ ...TINY, maxSteps: 2, evalEvery: 2 });
    await app.train();
    await app.expectCompleted();
    if (drawer) {
      await toggle.click();
      await expect(app.methodSelect).toBeHidden();
    }

    for (const tab of TABS) {
      expect(await tabOnTop(page, tab), `the ${tab} tab is not covered`).toBe(true);
      await app.showTab(tab);
      await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
      if (tab === 'history') await expect(app.history.rows).toHaveCount(1); // the widest table
      await page.waitForTimeout(300); // charts and tables lay out
      const { scrollWidth, innerWidth } = await pageScroll(page);
      expect(scrollWidth, `page width on the ${tab} tab`).toBeLessThanOrEqual(innerWidth);
    }

    // The map's canvas fits its card, drawn smaller than its 520 px where the card is narrower,
    // and hovering a point where it is drawn still shows that point's image.
    await app.showTab('training');
    // The charts draw at this width (a chart that measures a zero-wide card draws nothing).
    await expect.poll(() => app.lossChart.drawnLines(), { message: 'loss line drawn' }).toBe(1);
    const { map } = app;
    await expect(map.status).toContainText(/iteration (\d+) of \1/, { timeout: 60_000 });
    const canvasBox = (await map.canvas.boundingBox())!;
    const cardBox = (await map.root.boundingBox())!;
    expect(canvasBox.width).toBeLessThanOrEqual(cardBox.width);
    const drawnAt = canvasBox.width / 520;
    if (drawer) expect(drawnAt, 'the map is drawn smaller on a phone').toBeLessThan(0.9);
    const point = await map.firstPoint();
    await map.canvas.hover({ position: { x: point.x * drawnAt, y: point.y * drawnAt } });
    await expect(map.tooltip.locator('canvas')).toHaveAttribute('data-count', '1', { timeout: 10_000 });
  });
}
