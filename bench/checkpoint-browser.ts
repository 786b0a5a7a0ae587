/**
 * npx tsx bench/checkpoint-browser.ts (after `npx vite build`): checkpoints as a user's browser
 * writes them. For each method at its default params (auto backend; evaluation off so the figure
 * is the checkpoint's alone), trains in headless Chromium through the UI with a checkpoint every
 * 10 steps and reads, from the page's test hooks, the checkpoint's estimated size and its time
 * from capture to IndexedDB commit (in the background: training goes on meanwhile), and the step
 * time. The share printed is that time over the default interval (50 steps): an upper bound on
 * the training time checkpointing costs, as if the whole write were on the step's path; it is far
 * too high, since that time mostly waits behind the steps that run meanwhile. So the second part
 * measures the cost itself: the same run (same seed) with a checkpoint every 10 steps and with
 * none, alternated, ms per step over steps 11..STEPS from the points' wall times; the share at the
 * default interval (50) is a fifth of the difference at 10.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { startPreviewServer } from '../scripts/lib/previewServer';
import { METHOD_IDS, needsVideo } from '../src/methods/catalog';
import { defaultRunConfig } from '../src/shared/config';
import { DEFAULT_CHECKPOINTS } from '../src/checkpoint/types';

const EVERY = 10;
const AB_METHODS = (process.env.AB_METHODS ?? 'simclr,moco,dim').split(',');
const AB_STEPS = Number(process.env.AB_STEPS ?? 100);
const AB_REPEATS = Number(process.env.AB_REPEATS ?? 2);
const server = await startPreviewServer(Number(process.env.PORT ?? 4186));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const rows: string[] = [];
/** ms per step over steps 11..AB_STEPS of one run at the defaults, with a checkpoint every `every` steps. */
async function msPerStepWith(methodId: string, every: number): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(server.url);
    await page.getByTestId('method-select').selectOption(methodId);
    await page.locator('input[data-param="evalEvery"]').fill('0');
    await page.locator('input[data-param="maxSteps"]').fill(String(AB_STEPS));
    await page.getByLabel(/^Checkpoint every/).fill(String(every));
    await page.getByLabel(/^and at least every/).fill('0');
    await page.getByTestId('train-button').click();
    await page.waitForFunction(() => window.__pretextTest?.runs().at(-1)?.phase === 'completed', null, { timeout: 900_000, polling: 500 });
    const id = await page.evaluate(() => window.__pretextTest!.runs().at(-1)!.id);
    const points = await page.evaluate((runId) => window.__pretextTest!.points(runId), id);
    const wall = (step: number) => Number(points.find((p) => p.step === step)!.wall);
    return (1000 * (wall(AB_STEPS) - wall(10))) / (AB_STEPS - 10);
  } finally {
    await page.close();
  }
}

/**
 * The IndexedDB write alone in this Chromium, with nothing else running: a record of `mb` MB of
 * tensor bytes beside 1000 metric rows, put in one transaction (as checkpointDb does). Returns the
 * put() call's own time (its structured clone, on the calling thread) and the time to commit.
 */
async function idbWriteMs(mb: number): Promise<{ putMs: number; commitMs: number }> {
  const page = await browser.newPage();
  try {
    await page.goto(server.url);
    // A string, not a function: tsx would wrap named helpers in __name, which the page lacks.
    return await page.evaluate(`(async (size) => {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('bench-checkpoint-write', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('c', { keyPath: 'k' });
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const points = Array.from({ length: 1000 }, (_, i) => ({ step: i + 1, loss: Math.random(), posSim: 0.5, negSim: 0.1, wall: i / 5 }));
      const puts = [], commits = [];
      for (let rep = 0; rep < 6; rep++) {
        const data = new Float32Array((size * 2 ** 20) / 4).map(() => Math.random()).buffer;
        const start = performance.now();
        await new Promise((resolve, reject) => {
          const tx = db.transaction('c', 'readwrite');
          tx.objectStore('c').put({ k: rep % 2, progress: { points }, state: { data } });
          puts.push(performance.now() - start);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        commits.push(performance.now() - start);
      }
      db.close();
      // The median of the last five (the first opens the files).
      const median = (a) => a.slice(1).sort((x, y) => x - y)[2];
      return { putMs: median(puts), commitMs: median(commits) };
    })(${mb})`) as { putMs: number; commitMs: number };
  } finally {
    await page.close();
  }
}

const idbRows: string[] = [];
const abRows: string[] = [];
try {
  for (const methodId of process.env.SKIP_SIZES ? [] : METHOD_IDS) {
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
  for (const mb of [0.25, 1, 2]) {
    const { putMs, commitMs } = await idbWriteMs(mb);
    idbRows.push(`| ${mb} | ${putMs.toFixed(1)} | ${commitMs.toFixed(1)} |`);
  }
  for (const methodId of process.env.SKIP_AB ? [] : AB_METHODS) {
    const off: number[] = [], on: number[] = [];
    for (let r = 0; r < AB_REPEATS; r++) {
      off.push(await msPerStepWith(methodId, 100000));
      on.push(await msPerStepWith(methodId, EVERY));
    }
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    const extra = (mean(on) - mean(off)) / mean(off);
    abRows.push(`| ${methodId} | ${off.map((x) => x.toFixed(1)).join(', ')} | ${on.map((x) => x.toFixed(1)).join(', ')} | ${(100 * extra).toFixed(2)}% | ${((100 * extra * EVERY) / DEFAULT_CHECKPOINTS.everySteps).toFixed(2)}% |`);
    console.log(abRows.at(-1));
  }
} finally {
  await browser.close();
  server.stop();
}
console.log('\n| method | data | backend | checkpoint MB | capture to commit ms | ms/step | share at every 50 steps (upper bound) |\n|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
console.log(`\n| method | ms/step, no checkpoints | ms/step, every ${EVERY} steps | extra at every ${EVERY} | share at every ${DEFAULT_CHECKPOINTS.everySteps} (a fifth) |\n|---|---|---|---|---|`);
console.log(abRows.join('\n'));
console.log('\n| tensor MB | put() on the calling thread ms | put to commit ms |\n|---|---|---|');
console.log(idbRows.join('\n'));
