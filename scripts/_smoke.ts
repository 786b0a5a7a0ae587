import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { startPreviewServer } from './lib/previewServer';
const server = await startPreviewServer(4185);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text()); });
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(server.url);
const set = async (k: string, v: number) => page.locator(`input[data-param="${k}"]`).fill(String(v));
for (const [k, v] of Object.entries({ batchSize: 8, width: 4, maxSteps: 12, evalEvery: 6, evalBankSize: 300, evalQuerySize: 300 })) await set(k, v);
await page.getByTestId('backend-select').selectOption('webgl');
const t0 = Date.now();
await page.getByTestId('train-button').click();
await page.getByTestId('run-phase').and(page.locator('[data-phase="completed"]')).waitFor({ timeout: 600000 });
console.log('run took', (Date.now() - t0) / 1000);
await page.waitForTimeout(4000);
const box = await page.getByTestId('map-canvas').boundingBox();
console.log(await page.getByTestId('map-status').textContent());
console.log(await page.getByTestId('knn-value').textContent());
// hover over the first drawn point: scan for a tooltip
for (let y = 20; y < 390; y += 6) { for (let x = 20; x < 510; x += 6) { await page.mouse.move(box!.x + x, box!.y + y); if (await page.getByTestId('map-tooltip').count()) { await page.mouse.click(box!.x + x, box!.y + y); y = 999; break; } } }
await page.screenshot({ path: '/tmp/shots/eval.png', fullPage: true });
await browser.close(); server.stop();
