/**
 * npm run bench: times the SimCLR and MoCo steps at a fixed config in headless Chromium on each
 * backend (each in its own worker, as in the app), then the same model and step natively with
 * PyTorch where Debian's python3-torch is installed, and prints both with their ratio.
 * Env: BENCH_BACKENDS (webgpu,webgl,cpu), BENCH_STEPS (timed steps, default 5).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import type { BenchRequest, BenchResult } from './benchProtocol';
import type { BackendName } from '../src/shared/config';

const CONFIG = { batchSize: 32, width: 8, headHidden: 128, projectionDim: 64, queueSize: 4096 };
const IMAGE_SIZE = 32;
const backends = (process.env.BENCH_BACKENDS ?? 'webgpu,webgl,cpu').split(',') as BackendName[];
const timedSteps = Number(process.env.BENCH_STEPS ?? 5);
const methods = ['simclr', 'moco'] as const;

console.log(`Pretext step benchmark: batch ${CONFIG.batchSize} images x 2 views, ${IMAGE_SIZE}x${IMAGE_SIZE}x3, encoder width ${CONFIG.width}, head ${CONFIG.headHidden}-${CONFIG.projectionDim}, MoCo queue ${CONFIG.queueSize}, Adam; ${timedSteps} timed steps after 2 warm-up, metrics read back every 5 steps.`);

const server = await createServer({ logLevel: 'error', server: { host: '127.0.0.1', port: 4190, strictPort: false } });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4190/';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const rows: BenchResult[] = [];
try {
  const page = await browser.newPage();
  await page.goto(new URL('bench/index.html', url).href);
  await page.waitForFunction(() => document.getElementById('out')?.textContent === 'ready', null, { timeout: 120_000 });
  for (const backend of backends) {
    for (const methodId of methods) {
      const req: BenchRequest = { backend, methodId, params: CONFIG, warmupSteps: 2, timedSteps, readEvery: 5 };
      const r = await page.evaluate((q) => (window as unknown as { runBench(q: BenchRequest): Promise<BenchResult> }).runBench(q), req);
      rows.push(r);
      console.log(r.ok
        ? `  ${backend} ${methodId}: ${r.msPerStep.toFixed(0)} ms/step`
        : `  ${backend} ${methodId}: failed: ${r.error}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

interface TorchRow { method: string; msPerStep: number; imagesPerSecond: number; threads: number; torch: string }
const torch = new Map<string, TorchRow>();
const python = '/usr/bin/python3';
try {
  if (!existsSync(python)) throw new Error(`${python} not found`);
  execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
  const out = execFileSync(python, ['bench/torch_reference.py', JSON.stringify({ ...CONFIG, size: IMAGE_SIZE, steps: 20 })], { encoding: 'utf8' });
  for (const line of out.trim().split('\n')) { const r = JSON.parse(line) as TorchRow; torch.set(r.method, r); }
} catch (e) {
  console.log(`(no native reference: Debian's python3-torch is not usable here: ${e instanceof Error ? e.message.split('\n')[0] : e})`);
}

console.log('\n| backend | adapter | method | ms / step | images / s | augment ms / batch | numTensors before -> after | PyTorch CPU ms / step | tfjs / PyTorch |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  if (!r.ok) { console.log(`| ${r.backend} | | ${r.methodId} | failed: ${r.error} | | | | | |`); continue; }
  const t = torch.get(r.methodId);
  console.log(`| ${r.backend} | ${r.adapter || '-'} | ${r.methodId} | ${r.msPerStep.toFixed(0)} | ${r.imagesPerSecond.toFixed(1)} | ${r.augmentMs.toFixed(0)} | ${r.numTensorsBefore} -> ${r.numTensorsAfter} | ${t ? t.msPerStep.toFixed(1) : '-'} | ${t ? `${(r.msPerStep / t.msPerStep).toFixed(0)}x` : '-'} |`);
}
if (torch.size) {
  const t = [...torch.values()][0];
  console.log(`\nPyTorch ${t.torch}, ${t.threads} threads, same encoder / head / loss / Adam step on random views (no augmentation).`);
}
