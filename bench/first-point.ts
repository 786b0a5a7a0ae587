/**
 * npm run bench:first-point: a new user's first minute. Opens the built app in headless
 * Chromium (no backend forced), presses Train at the defaults and records when the header names
 * the backend, when the first loss point is drawn and when the first evaluation (kNN at step 0)
 * is shown, with the status line at each moment.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { startPreviewServer } from '../scripts/lib/previewServer';

const server = await startPreviewServer(Number(process.env.PORT ?? 4185));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  await page.goto(server.url);
  await page.getByTestId('train-button').click();
  const start = Date.now();
  const seconds = () => ((Date.now() - start) / 1000).toFixed(1);
  const status = async () => (await page.locator('.run-status, [data-testid="run-phase"]').first().textContent())?.trim();
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-label"]')?.getAttribute('data-backend'), null, { timeout: 600_000 });
  console.log(`${seconds()} s  backend: ${(await page.getByTestId('backend-label').textContent())?.replace(/\s+/g, ' ')}`);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="loss-chart"]')?.getAttribute('data-points') ?? 0) >= 1, null, { timeout: 600_000 });
  console.log(`${seconds()} s  first loss point; status: ${await status()}`);
  await page.waitForFunction(() => (document.querySelector('[data-testid="knn-value"]')?.getAttribute('data-value') ?? '') !== '', null, { timeout: 600_000 });
  console.log(`${seconds()} s  first evaluation: ${(await page.getByTestId('knn-value').textContent())?.replace(/\s+/g, ' ').slice(0, 120)}`);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="loss-chart"]')?.getAttribute('data-points') ?? 0) >= 3, null, { timeout: 600_000 });
  console.log(`${seconds()} s  3 loss points; step ${await page.getByTestId('step-counter').getAttribute('data-step')}`);
} finally {
  await browser.close();
  server.stop();
}
