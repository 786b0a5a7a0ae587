/**
 * npx tsx bench/checkpoint-browser.ts (after `npx vite build`): checkpoints as a user's browser
 * writes them. For each method at its default params (auto backend; evaluation off so the figure
 * is the checkpoint's alone), trains in headless Chromium through the UI with a checkpoint every
 * 10 steps and reads, from the page's test hooks, the checkpoint's estimated size and its time
 * from capture to IndexedDB commit (in the background: training goes on meanwhile), and the step
 * time. The share printed is that time over the default interval (50 steps): an upper bound on
 * the training time checkpointing costs, as if the whole write were on the step's path.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { startPreviewServer } from '../scripts/lib/previewServer';
import { METHOD_IDS, needsVideo } from '../src/methods/catalog';
import { defaultRunConfig } from '../src/shared/config';
import { DEFAULT_CHECKPOINTS } from '../src/checkpoint/types';

const EVERY = 10;
const server = await startPreviewServer(Number(process.env.PORT ?? 4186));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const rows: string[] = [];
try {
  for (const methodId of METHOD_IDS) {
    const multiView = methodId === 'tcn' && defaultRunConfig('tcn').params.variant !== 'single-view';
    const dataset = !needsVideo(methodId) ? 'shapes' : multiView ? 'turntable' : 'moving-shapes';
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(server.url);
    await page.getByTestId('dataset-select').selectOption(dataset);
    await page.getByTestId('method-select').selectOption(methodId);
    await page.locator('input[data-param="evalEvery"]').fill('0');
    await page.locator('input[data-param="maxSteps"]').fill('1000');
    await page.getByLabel(/^Checkpoint every/).fill(String(EVERY));
    await page.getByLabel(/^and at least every/).fill('0');
    await page.getByTestId('train-button').click();
    // The second checkpoint: the first one's timing includes the worker warming up.
    await page.waitForFunction((n) => (window.__pretextTest?.runs().at(-1)?.checkpointStep ?? 0) >= n, 2 * EVERY, { timeout: 900_000, polling: 500 });
    const run = await page.evaluate(() => window.__pretextTest!.runs().at(-1)!);
    const ms = run.checkpoint?.ms ?? NaN;
    const mb = (run.checkpoint?.bytes ?? NaN) / 2 ** 20;
    const share = ms / (DEFAULT_CHECKPOINTS.everySteps * run.msPerStep);
    rows.push(`| ${methodId} | ${dataset} | ${run.backend} | ${mb.toFixed(2)} | ${ms.toFixed(0)} | ${run.msPerStep.toFixed(0)} | ${(100 * share).toFixed(2)}% |`);
    console.log(rows.at(-1));
    await page.close();
  }
} finally {
  await browser.close();
  server.stop();
}
console.log('\n| method | data | backend | checkpoint MB | capture to commit ms | ms/step | share at every 50 steps (upper bound) |\n|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
