/**
 * Trains each method at its default config through the real UI in headless Chromium and prints
 * kNN top-1 on the held-out split at step 0 (random-init encoder) and during training.
 *   npm run build && npx tsx scripts/knn-experiment.ts [simclr moco] 
 * Env: BACKEND (default webgl: the fastest here without a GPU), DATASET (shapes), STEPS (300),
 * SCREENSHOT_DIR (save a full-page screenshot of each finished run there), PARAMS (key=value,...
 * overrides of the defaults).
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { startPreviewServer } from './lib/previewServer';

const methods = process.argv.slice(2).length ? process.argv.slice(2) : ['simclr', 'moco'];
const backend = process.env.BACKEND ?? 'webgl';
const dataset = process.env.DATASET ?? 'shapes';
const steps = process.env.STEPS ?? '300';

const server = await startPreviewServer(4181);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const results: string[] = [];
const overrides = process.env.PARAMS ? ` (${process.env.PARAMS})` : '';
try {
  for (const method of methods) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
    await page.goto(server.url);
    await page.getByTestId('dataset-select').selectOption(dataset);
    await page.getByTestId('method-select').selectOption(method);
    await page.getByTestId('backend-select').selectOption(backend);
    await page.locator('input[data-param="maxSteps"]').fill(steps);
    // PARAMS="queueSize=1024,temperature=0.1": overrides of the defaults, for comparisons.
    for (const pair of (process.env.PARAMS ?? '').split(',').filter(Boolean)) {
      const [key, value] = pair.split('=');
      await page.locator(`input[data-param="${key}"]`).fill(value);
    }
    const t0 = Date.now();
    await page.getByTestId('train-button').click();
    let lastLogged = '';
    for (;;) {
      const phase = await page.getByTestId('run-phase').getAttribute('data-phase');
      const series = (await page.getByTestId('knn-chart').getAttribute('data-series')) ?? '[]';
      if (series !== lastLogged) {
        const evals = JSON.parse(series) as { step: number; knnTop1: number }[];
        const e = evals[evals.length - 1];
        if (e) console.log(`${method} step ${e.step}: kNN ${(e.knnTop1 * 100).toFixed(1)}%  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
        lastLogged = series;
      }
      if (phase === 'completed' || phase === 'failed' || phase === 'stopped') {
        if (phase !== 'completed') console.log(`${method} ended ${phase}: ${await page.getByTestId('run-error').textContent().catch(() => '')}`);
        break;
      }
      await page.waitForTimeout(2000);
    }
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${method}-${dataset}.png`, fullPage: true });
    const evals = JSON.parse((await page.getByTestId('knn-chart').getAttribute('data-series')) ?? '[]') as { step: number; knnTop1: number }[];
    const speed = await page.getByTestId('speed').textContent();
    const backendLabel = await page.getByTestId('backend-label').textContent();
    const first = evals[0], last = evals[evals.length - 1];
    const best = Math.max(...evals.map((e) => e.knnTop1));
    results.push(`| ${method}${overrides} | ${dataset} | ${backendLabel?.trim()} | ${first.step}: ${(first.knnTop1 * 100).toFixed(1)}% | ${last.step}: ${(last.knnTop1 * 100).toFixed(1)}% | ${(best * 100).toFixed(1)}% | ${evals.map((e) => `${e.step}:${(e.knnTop1 * 100).toFixed(1)}`).join(' ')} | ${speed?.replace(/^\s*·\s*/, '')} | ${((Date.now() - t0) / 60000).toFixed(1)} min |`);
    await page.close();
  }
} finally {
  await browser.close();
  server.stop();
}
console.log('\n| method | dataset | backend | kNN random init | kNN final | best | all evals (step:%) | speed | wall |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) console.log(r);
