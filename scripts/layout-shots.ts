/**
 * Screenshots of every tab (Data, Training after a tiny run, Compare, History) at 1440, 1024 and
 * 390 px wide, for looking at the responsive layout by eye.
 *   npx tsx scripts/layout-shots.ts http://127.0.0.1:4280 /tmp/ux-shots [prefix]
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

const [url = 'http://127.0.0.1:4173', dir = '/tmp/ux-shots', prefix = ''] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
await page.goto(url);
await page.getByTestId('dataset-summary').locator('dl').waitFor();
// A tiny run first (at the widest width, where the setup panel is in view), then each width.
const set = async (param: string, value: string) => page.locator(`input[data-param="${param}"]`).fill(value);
for (const [k, v] of Object.entries({ batchSize: '4', width: '4', maxSteps: '3', evalEvery: '3', evalBankSize: '30', evalQuerySize: '20', metricsEvery: '1' })) await set(k, v);
await page.getByTestId('train-button').click();
await page.waitForFunction(() => ['completed', 'failed', 'stopped'].includes(document.querySelector('[data-testid="run-phase"]')?.getAttribute('data-phase') ?? ''), null, { timeout: 300_000 });
await page.waitForTimeout(800);
for (const width of [1440, 1024, 390]) {
  await page.setViewportSize({ width, height: width === 390 ? 844 : width === 1024 ? 768 : 900 });
  for (const tab of ['data', 'training', 'compare', 'history']) {
    await page.getByTestId(`tab-${tab}`).click();
    await page.waitForTimeout(600);
    const sw = await page.evaluate(() => [document.scrollingElement!.scrollWidth, innerWidth]);
    console.log(width, tab, 'scrollWidth/innerWidth', sw.join('/'));
    await page.screenshot({ path: `${dir}/${prefix}${width}-${tab}.png`, fullPage: true });
  }
}
await browser.close();
