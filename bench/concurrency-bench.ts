/**
 * Is running comparison runs at once faster than one after another? Plans N identical SimCLR runs
 * (seeds differ only by plan order; same config) in the Compare tab and times "Run all" until
 * every run has finished, with "Max concurrent runs" = 1 (the baseline: sequential) and = N.
 *   npm run build && npx tsx bench/concurrency-bench.ts
 * Env: BENCH_BACKENDS (webgpu,webgl), BENCH_RUNS (2), BENCH_STEPS (10), PORT (4184).
 */
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { startPreviewServer } from '../scripts/lib/previewServer';

const backends = (process.env.BENCH_BACKENDS ?? 'webgpu,webgl').split(',');
const runs = Number(process.env.BENCH_RUNS ?? 2);
const steps = Number(process.env.BENCH_STEPS ?? 10);
const setup: Record<string, number> = { batchSize: 16, width: 8, maxSteps: steps, evalEvery: 1000, evalBankSize: 100, evalQuerySize: 100, metricsEvery: 5 };

async function timeAll(page: Page, url: string, backend: string, concurrent: number): Promise<number> {
  await page.goto(url);
  await page.getByTestId('backend-select').selectOption(backend);
  for (const [k, v] of Object.entries(setup)) await page.locator(`input[data-param="${k}"]`).fill(String(v));
  for (let i = 0; i < runs; i++) await page.getByTestId('add-to-comparison').click();
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('max-concurrent').fill(String(concurrent));
  const t0 = Date.now();
  await page.getByTestId('run-plan').click();
  await page.waitForFunction((n) => document.querySelectorAll('td[data-col="status"][data-value="completed"]').length === n, runs, { timeout: 1_800_000, polling: 500 });
  return (Date.now() - t0) / 1000;
}

const server = await startPreviewServer(Number(process.env.PORT ?? 4184));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const rows: string[] = [];
try {
  for (const backend of backends) {
    const page = await browser.newPage();
    const sequential = await timeAll(page, server.url, backend, 1);
    const parallel = await timeAll(page, server.url, backend, runs);
    rows.push(`| ${backend} | ${runs} | ${sequential.toFixed(1)} s | ${parallel.toFixed(1)} s | ${(sequential / parallel).toFixed(2)}x |`);
    console.log(rows[rows.length - 1]);
    await page.close();
  }
} finally {
  await browser.close();
  server.stop();
}
console.log(`\n${runs} SimCLR runs of ${steps} steps (batch ${setup.batchSize}, width ${setup.width}), start of "Run all" to the last one finished (includes each worker's start-up, data upload and the step-0 evaluation)\n`);
console.log('| backend | runs | max concurrent 1 (baseline) | max concurrent = runs | speed-up |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
