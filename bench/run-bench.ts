/**
 * npm run bench: times the SimCLR and MoCo steps at a fixed config on every backend in headless
 * Chromium (each in its own worker, as in the app): webgpu and webgl with tfjs's stock conv
 * gradients and with ours, wasm on one thread and threaded (the page is cross-origin isolated),
 * cpu; then wasm in Node; then the same model and step natively with PyTorch where Debian's
 * python3-torch is installed. Prints each with its ratio to PyTorch, the five most expensive
 * kernels of one profiled step, and numTensors before and after.
 * Env: BENCH_CONFIGS (comma list of names below, default all), BENCH_STEPS (timed steps, default 5).
 *
 * npm run bench:gpu (BENCH_GPU=1): the GPU configs with Chromium on the machine's real GPU
 * (Vulkan, no SwiftShader) and PyTorch on CUDA where torch has it. It says so when the adapter
 * Chromium got is a software one: those figures are not GPU figures.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, GPU_CHROMIUM_ARGS } from '../e2e/chromium';
import { isSoftwareAdapter } from '../src/shared/backendChoice';
import type { BenchRequest, BenchResult } from './benchProtocol';

const CONFIG = { batchSize: 32, width: 8, headHidden: 128, projectionDim: 64, queueSize: 4096 };
const IMAGE_SIZE = 32;
const timedSteps = Number(process.env.BENCH_STEPS ?? 5);
const methods = ['simclr', 'moco'] as const;

interface BenchConfig { name: string; where: 'chromium' | 'node'; backend: BenchRequest['backend']; convGradients: BenchRequest['convGradients']; threads?: number }
const ALL: BenchConfig[] = [
  { name: 'webgpu-stock', where: 'chromium', backend: 'webgpu', convGradients: 'stock' },
  { name: 'webgpu-conv', where: 'chromium', backend: 'webgpu', convGradients: 'conv' },
  { name: 'webgpu-matmul', where: 'chromium', backend: 'webgpu', convGradients: 'matmul' },
  { name: 'webgpu', where: 'chromium', backend: 'webgpu', convGradients: 'ours' },
  { name: 'webgl-stock', where: 'chromium', backend: 'webgl', convGradients: 'stock' },
  { name: 'webgl-conv', where: 'chromium', backend: 'webgl', convGradients: 'conv' },
  { name: 'webgl-matmul', where: 'chromium', backend: 'webgl', convGradients: 'matmul' },
  { name: 'webgl', where: 'chromium', backend: 'webgl', convGradients: 'ours' },
  { name: 'wasm-1', where: 'chromium', backend: 'wasm', convGradients: 'ours', threads: 1 },
  { name: 'wasm-threads', where: 'chromium', backend: 'wasm', convGradients: 'ours', threads: 2 },
  { name: 'cpu-stock', where: 'chromium', backend: 'cpu', convGradients: 'stock' },
  { name: 'cpu', where: 'chromium', backend: 'cpu', convGradients: 'ours' },
  { name: 'node-wasm', where: 'node', backend: 'wasm', convGradients: 'ours' },
];
const onGpu = process.env.BENCH_GPU === '1';
const wanted = process.env.BENCH_CONFIGS?.split(',') ?? (onGpu ? ['webgpu-stock', 'webgpu-conv', 'webgpu-matmul', 'webgl-stock', 'webgl-conv', 'wasm-1'] : undefined);
const configs = wanted ? ALL.filter((c) => wanted.includes(c.name)) : ALL;

console.log(`Pretext step benchmark: batch ${CONFIG.batchSize} images x 2 views, ${IMAGE_SIZE}x${IMAGE_SIZE}x3, encoder width ${CONFIG.width}, head ${CONFIG.headHidden}-${CONFIG.projectionDim}, MoCo queue ${CONFIG.queueSize}, Adam; ${timedSteps} timed steps after 2 warm-up, metrics read back every 5 steps.`);

const request = (c: BenchConfig, methodId: BenchRequest['methodId']): BenchRequest => ({
  backend: c.backend, methodId, params: CONFIG, warmupSteps: 2, timedSteps, readEvery: 5, convGradients: c.convGradients, ...(c.threads !== undefined && { threads: c.threads }),
});
const rows: { config: BenchConfig; r: BenchResult }[] = [];
const report = (config: BenchConfig, r: BenchResult) => {
  rows.push({ config, r });
  console.log(r.ok ? `  ${config.name} ${r.methodId}: ${r.msPerStep.toFixed(0)} ms/step` : `  ${config.name} ${r.methodId}: failed: ${r.error}`);
};

const inBrowser = configs.filter((c) => c.where === 'chromium');
if (inBrowser.length) {
  // No HMR and no watching: an edit elsewhere in the tree must not reload the page mid-benchmark.
  const server = await createServer({ logLevel: 'error', server: { host: '127.0.0.1', port: 4190, strictPort: false, hmr: false, watch: { ignored: ['**/*'] } } });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4190/';
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: onGpu ? GPU_CHROMIUM_ARGS : CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(new URL('bench/index.html', url).href);
    await page.waitForFunction(() => document.getElementById('out')?.textContent === 'ready', null, { timeout: 120_000 });
    const isolated = await page.evaluate(() => crossOriginIsolated);
    console.log(`  (page cross-origin isolated: ${isolated})`);
    for (const c of inBrowser) {
      for (const methodId of methods) {
        const req = request(c, methodId);
        const r = await page.evaluate((q) => (window as unknown as { runBench(q: BenchRequest): Promise<BenchResult> }).runBench(q), req);
        if (onGpu && r.ok && (r.backend === 'webgpu' || r.backend === 'webgl') && isSoftwareAdapter(r.adapter)) console.log(`  WARNING: ${c.name} ran on a software adapter (${r.adapter}): not a GPU figure`);
        report(c, r);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
for (const c of configs.filter((x) => x.where === 'node')) {
  for (const methodId of methods) {
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/node-step.ts', JSON.stringify(request(c, methodId))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      report(c, JSON.parse(out.trim().split('\n').pop()!) as BenchResult);
    } catch (e) {
      report(c, { ok: false, backend: c.backend, methodId, convGradients: c.convGradients, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
    }
  }
}

interface TorchRow { method: string; msPerStep: number; imagesPerSecond: number; threads: number; torch: string; device: string }
const torch = new Map<string, TorchRow>();
const python = '/usr/bin/python3';
try {
  if (!existsSync(python)) throw new Error(`${python} not found`);
  execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
  const cuda = onGpu && execFileSync(python, ['-c', 'import torch; print(torch.cuda.is_available())'], { encoding: 'utf8' }).trim() === 'True';
  if (onGpu && !cuda) console.log('(torch has no CUDA here: the PyTorch column is CPU)');
  const out = execFileSync(python, ['bench/torch_reference.py', JSON.stringify({ ...CONFIG, size: IMAGE_SIZE, steps: 20, device: cuda ? 'cuda' : 'cpu' })], { encoding: 'utf8' });
  for (const line of out.trim().split('\n')) { const r = JSON.parse(line) as TorchRow; torch.set(r.method, r); }
} catch (e) {
  console.log(`(no native reference: Debian's python3-torch is not usable here: ${e instanceof Error ? e.message.split('\n')[0] : e})`);
}

const stockOf = (c: BenchConfig, method: string) => rows.find((x) => x.config.backend === c.backend && x.config.where === c.where && x.config.convGradients === 'stock' && x.r.methodId === method)?.r;
const torchDevice = torch.size ? [...torch.values()][0].device : 'cpu';
console.log(`\n| config | backend | adapter | method | conv gradients | ms / step | vs stock | images / s | augment ms / batch | numTensors before -> after | PyTorch ${torchDevice === 'cpu' ? 'CPU' : torchDevice} ms / step | tfjs / PyTorch |`);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const { config, r } of rows) {
  if (!r.ok) { console.log(`| ${config.name} | ${r.backend} | | ${r.methodId} | ${r.convGradients} | failed: ${r.error} | | | | | | |`); continue; }
  const t = torch.get(r.methodId);
  const stock = config.convGradients !== 'stock' ? stockOf(config, r.methodId) : undefined;
  const vsStock = stock?.ok ? `${(stock.msPerStep / r.msPerStep).toFixed(2)}x faster` : '-';
  console.log(`| ${config.name} | ${r.backend} | ${r.adapter || '-'} | ${r.methodId} | ${r.convGradients} | ${r.msPerStep.toFixed(0)} | ${vsStock} | ${r.imagesPerSecond.toFixed(1)} | ${r.augmentMs.toFixed(0)} | ${r.numTensorsBefore} -> ${r.numTensorsAfter} | ${t ? t.msPerStep.toFixed(1) : '-'} | ${t ? `${(r.msPerStep / t.msPerStep).toFixed(1)}x` : '-'} |`);
}
console.log('\nThe five most expensive kernels of one profiled step (tf.profile; ms summed by kernel, calls in brackets; "n/a" where the backend gives no kernel times):');
for (const { config, r } of rows) {
  if (!r.ok) continue;
  console.log(`- ${config.name} ${r.methodId}: ${r.topKernels.map((k) => `${k.name} ${Number.isNaN(k.ms) ? 'n/a' : k.ms.toFixed(1)} (${k.calls})`).join(', ')}`);
}
if (torch.size) {
  const t = [...torch.values()][0];
  console.log(`\nPyTorch ${t.torch} on ${t.device}, ${t.threads} CPU threads, same encoder / head / loss / Adam step on random views (no augmentation).`);
}
