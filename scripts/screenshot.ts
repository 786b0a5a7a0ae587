/**
 * Opens the app in headless Chromium, optionally trains a tiny run, and saves a screenshot.
 *   npx tsx scripts/screenshot.ts http://127.0.0.1:4173 out.png [train | estimate]
 * estimate: times a few steps of a tiny setup, picks a budget in minutes, and saves the setup
 * panel's Run and Encoder fieldsets (the estimate; the normGroups note) as out.png and out-encoder.png.
 * LOCALE=zh-CN opens it as a browser in that language; TAB=learn (or training, compare, ...) shows
 * that tab before the shot; LEARN_METHOD=moco picks the Learn panel's method; OPEN=<selector> opens a
 * <details>; CLICK=<selector> presses a control (a menu button) before the shot.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

const [url = 'http://127.0.0.1:4173', out = 'screenshot.png', mode = ''] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: process.env.LOCALE ?? 'en-US' });
page.on('console', (m) => console.log(`[${m.type()}] ${m.text()}`));
page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
await page.goto(url);
if (mode === 'train') {
  const set = async (param: string, value: string) => page.locator(`input[data-param="${param}"]`).fill(value);
  await set('batchSize', process.env.BATCH ?? '8');
  await set('width', process.env.WIDTH ?? '4');
  await set('maxSteps', process.env.STEPS ?? '10');
  await set('evalEvery', '5');
  await set('evalBankSize', '60');
  await set('evalQuerySize', '30');
  await set('metricsEvery', '1');
  if (process.env.BACKEND) await page.getByTestId('backend-select').selectOption(process.env.BACKEND);
  if (process.env.METHOD) await page.getByTestId('method-select').selectOption(process.env.METHOD);
  await page.getByTestId('train-button').click();
  const t0 = Date.now();
  await page.waitForFunction(() => ['completed', 'failed', 'stopped'].includes(document.querySelector('[data-testid="run-phase"]')?.getAttribute('data-phase') ?? ''), null, { timeout: 600_000 });
  console.log('run took', Date.now() - t0, 'ms');
  console.log(await page.getByTestId('speed').textContent().catch(() => ''));
  await page.waitForTimeout(500);
}
if (mode === 'estimate') {
  const set = async (param: string, value: string) => page.locator(`input[data-param="${param}"]`).fill(value);
  await set('batchSize', process.env.BATCH ?? '8');
  await set('width', process.env.WIDTH ?? '8');
  await page.getByTestId('time-steps-button').click();
  await page.getByTestId('estimate-text').waitFor({ timeout: 300_000 });
  await page.getByTestId('budget-mode-minutes').check();
  await page.waitForTimeout(300);
  // The setup panel scrolls on its own: one shot of each fieldset (Run, then Encoder and head).
  await page.locator('fieldset:has([data-testid="budget-estimate"])').first().screenshot({ path: out });
  await page.locator('fieldset:has([data-param="normGroups"])').first().screenshot({ path: out.replace(/\.png$/, '-encoder.png') });
} else {
  if (process.env.TAB) await page.getByTestId(`tab-${process.env.TAB}`).click();
  if (process.env.LEARN_METHOD) await page.getByTestId('learn-method').selectOption(process.env.LEARN_METHOD);
  // OPEN=<selector>: a <details> to show open (e.g. [data-testid=export-help]).
  if (process.env.OPEN) await page.locator(process.env.OPEN).evaluate((el) => { (el as HTMLDetailsElement).open = true; });
  // CLICK=<selector>: a control to press first (e.g. [data-testid=run-export-menu] opens the Export menu).
  if (process.env.CLICK) await page.locator(process.env.CLICK).first().click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out, fullPage: true });
}
await browser.close();
