/**
 * Trains each method on each dataset at its default config through the real UI in headless
 * Chromium (the Training tab, charts and the t-SNE map on screen) and prints kNN and linear-probe
 * accuracy on the held-out split at step 0 (random-init encoder) and at the end, beside raw
 * pixels, the video methods' own held-out task (alignment error, order or ranking accuracy) beside its chance level, with the share of wall time evaluation took and the main thread's long tasks
 * (PerformanceObserver 'longtask') during the run.
 *   npm run build && BROWSER=1 npx tsx scripts/eval-experiment.ts [simclr moco s4l:variant=exemplar;labelledPercent=10]
 * (scripts/eval-experiment.ts runs this file when BROWSER=1; by default it trains in Node on wasm).
 * A method may carry its own params after a colon (key=value;...), applied after PARAMS.
 * Env: BACKEND (default auto: wasm on a machine without a hardware GPU), DATASETS (shapes,fashion-mnist),
 * PORT (4181), STEPS (300), EVAL_EVERY (the app's default unless set), SCREENSHOT_DIR (a full-page screenshot of each finished run), PARAMS (key=value,...
 * overrides of the defaults).
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { startPreviewServer } from './lib/previewServer';

const methods = process.argv.slice(2).length ? process.argv.slice(2) : ['simclr', 'moco'];
const backend = process.env.BACKEND ?? 'auto';
const datasets = (process.env.DATASETS ?? 'shapes,fashion-mnist').split(',');
const steps = process.env.STEPS ?? '300';
const overrides = process.env.PARAMS ? ` (${process.env.PARAMS})` : '';

interface Eval { step: number; knnTop1: number | null; linearTop1: number | null; headTop1?: number[] | null }

/** Sets a param control the way a user would: number field, select or checkbox (data-param=key). */
async function setParam(page: import('playwright-core').Page, key: string, value: string): Promise<void> {
  const control = page.locator(`[data-param="${key}"]`);
  const tag = await control.evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
  if (tag.startsWith('SELECT')) await control.selectOption(value);
  else if (tag === 'INPUT:checkbox') await control.setChecked(value === 'true');
  else await control.fill(value);
}
const pct = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(1)}%`);

const server = await startPreviewServer(Number(process.env.PORT ?? 4181));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const results: string[] = [];
const longTaskRows: string[] = [];
try {
  for (const dataset of datasets) {
    for (const entry of methods) {
      const [method, own = ''] = entry.split(':');
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
      // Long tasks on the main thread, from page load on; reset when training starts.
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: number[] };
        w.__longTasks = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(server.url);
      await page.getByTestId('dataset-select').selectOption(dataset);
      await page.getByTestId('method-select').selectOption(method);
      await page.getByTestId('backend-select').selectOption(backend);
      await page.locator('input[data-param="maxSteps"]').fill(steps);
      for (const pair of [...(process.env.PARAMS ?? '').split(','), ...own.split(';')].filter(Boolean)) {
        const [key, value] = pair.split('=');
        await setParam(page, key, value);
      }
      if (process.env.EVAL_EVERY) await setParam(page, 'evalEvery', process.env.EVAL_EVERY);
      const t0 = Date.now();
      await page.evaluate(() => { (window as unknown as { __longTasks: number[] }).__longTasks = []; });
      await page.getByTestId('train-button').click();
      let lastLogged = '';
      for (;;) {
        const phase = await page.getByTestId('run-phase').getAttribute('data-phase');
        const series = (await page.getByTestId('knn-chart').getAttribute('data-series')) ?? '[]';
        if (series !== lastLogged) {
          const evals = JSON.parse(series) as Eval[];
          const e = evals[evals.length - 1];
          if (e) console.log(`${entry} ${dataset} step ${e.step}: kNN ${pct(e.knnTop1)} linear ${pct(e.linearTop1)}${e.headTop1 ? ` test ${e.headTop1.map(pct).join('/')}` : ''}  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
          lastLogged = series;
          // Keep the map on screen while it animates (the long-task figures are for a visible map).
          await page.getByTestId('embedding-map').scrollIntoViewIfNeeded().catch(() => undefined);
        }
        if (phase === 'completed' || phase === 'failed' || phase === 'stopped') {
          if (phase !== 'completed') console.log(`${method} ended ${phase}: ${await page.getByTestId('run-error').textContent().catch(() => '')}`);
          break;
        }
        await page.waitForTimeout(2000);
      }
      const wallMin = (Date.now() - t0) / 60000;
      const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
      if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${method}-${dataset}.png`, fullPage: true });
      const evals = JSON.parse((await page.getByTestId('knn-chart').getAttribute('data-series')) ?? '[]') as Eval[];
      const summary = page.getByTestId('knn-value');
      const rawKnn = Number(await summary.getAttribute('data-raw-knn'));
      const rawLinear = Number(await summary.getAttribute('data-raw-linear'));
      const spread = Number(await summary.getAttribute('data-spread'));
      const share = Number(await page.getByTestId('eval-share').getAttribute('data-share'));
      const speed = (await page.getByTestId('speed').textContent())?.replace(/^\s*·\s*/, '');
      const first = evals[0], last = evals[evals.length - 1];
      const scoreSeries = JSON.parse((await page.getByTestId('held-out-chart').getAttribute('data-series').catch(() => null)) ?? '[]') as { step: number; values: (number | null)[] }[];
      const chance = JSON.parse((await page.getByTestId('held-out-scores').getAttribute('data-chance').catch(() => null)) ?? '[]') as (number | null)[];
      const scores = scoreSeries.length
        ? ` held-out task ${pct(scoreSeries[0].values[0])} at step ${scoreSeries[0].step} -> ${pct(scoreSeries[scoreSeries.length - 1].values[0])} at ${scoreSeries[scoreSeries.length - 1].step} (chance ${pct(chance[0])})`
        : '';
      if (scoreSeries.length) console.log(`held-out task: ${scoreSeries.map((e) => `${e.step}:${pct(e.values[0])}`).join(' ')} (chance ${pct(chance[0])})`);
      const heads = last?.headTop1 ? ` test ${last.headTop1.map(pct).join(' / ')} (init ${first?.headTop1?.map(pct).join(' / ')})` : '';
      results.push(`| ${entry}${overrides}${heads}${scores} | ${dataset} | ${pct(rawKnn)} | ${pct(rawLinear)} | ${pct(first?.knnTop1)} | ${pct(first?.linearTop1)} | ${last?.step}: ${pct(last?.knnTop1)} | ${pct(last?.linearTop1)} | ${spread.toFixed(2)} | ${(share * 100).toFixed(1)}% | ${speed} | ${wallMin.toFixed(1)} min |`);
      longTaskRows.push(`| ${method} | ${dataset} | ${wallMin.toFixed(1)} min | ${longTasks.length} | ${longTasks.length ? Math.max(...longTasks).toFixed(0) : 0} ms | ${longTasks.filter((d) => d > 200).length} |`);
      console.log(results[results.length - 1]);
      console.log(`evals: ${evals.map((e) => `${e.step}:${pct(e.knnTop1)}/${pct(e.linearTop1)}${e.headTop1 ? `/test ${e.headTop1.map(pct).join('/')}` : ''}`).join(' ')}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.stop();
}
console.log(`\nBackend ${backend}, ${steps} steps, defaults${overrides}. Accuracy: kNN / linear probe on the held-out split.\n`);
console.log('| method | dataset | raw pixels kNN | raw pixels linear | random init kNN | random init linear | final kNN | final linear | spread | eval share of wall time | speed | wall |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) console.log(r);
console.log('\nMain-thread long tasks (> 50 ms) during each run, Training tab open, map on screen:\n');
console.log('| method | dataset | run wall time | long tasks | longest | over 200 ms |');
console.log('|---|---|---|---|---|---|');
for (const r of longTaskRows) console.log(r);
