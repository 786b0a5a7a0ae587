/**
 * Does a run reproduce? Trains the same small SimCLR config (seed 1) twice on each backend
 * through the UI and prints the first losses, the largest relative difference between the two
 * runs of one backend, and between backends.
 *   npm run build && npx tsx scripts/backend-repro.ts
 * Env: PORT (4182), STEPS (5), BACKENDS (webgpu,webgl,wasm,cpu), METHOD (simclr).
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { startPreviewServer } from './lib/previewServer';

const steps = Number(process.env.STEPS ?? 5);
const backends = (process.env.BACKENDS ?? 'webgpu,webgl,wasm,cpu').split(',');
const method = process.env.METHOD ?? 'simclr';
const tiny: Record<string, number> = { batchSize: 8, width: 4, headHidden: 16, projectionDim: 16, evalBankSize: 30, evalQuerySize: 20, metricsEvery: 1, evalEvery: 1000, maxSteps: steps };

const server = await startPreviewServer(Number(process.env.PORT ?? 4182));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const losses: Record<string, number[][]> = {};
try {
  for (const backend of backends) {
    losses[backend] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.getByTestId('method-select').selectOption(method);
      await page.getByTestId('backend-select').selectOption(backend);
      for (const [k, v] of Object.entries(tiny)) await page.locator(`input[data-param="${k}"]`).fill(String(v));
      await page.getByTestId('train-button').click();
      await page.locator('[data-testid="run-phase"][data-phase="completed"]').waitFor({ timeout: 600_000 });
      const ran = await page.getByTestId('backend-label').getAttribute('data-backend');
      const series = JSON.parse((await page.getByTestId('loss-chart').getAttribute('data-series')) ?? '[]') as number[];
      console.log(`${backend} (ran on ${ran}) run ${attempt + 1}: ${series.map((v) => v.toFixed(7)).join(' ')}`);
      losses[backend].push(series);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.stop();
}
const maxRel = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.abs(b[i])));
console.log(`\n${method}, seed 1, ${steps} steps, batch ${tiny.batchSize}: largest relative difference of the losses\n`);
console.log('| | same backend, two runs | vs webgpu run 1 |');
console.log('|---|---|---|');
const ref = losses[backends[0]][0];
for (const b of backends) console.log(`| ${b} | ${maxRel(losses[b][0], losses[b][1]).toExponential(2)} | ${maxRel(losses[b][0], ref).toExponential(2)} |`);
