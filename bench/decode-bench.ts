/**
 * npm run bench:data: decode throughput of the Data panel in headless Chromium, through the UI as a
 * user drops files. Baselines measured in the same run: for images, the naive way (createImageBitmap
 * + canvas, one file at a time on the main thread); for video, real-time playback and, where
 * Debian's ffmpeg is installed, ffmpeg decoding the same file to the same size and rate.
 * Env: BENCH_IMAGES (default 2000), BENCH_VIDEO_SECONDS (default 20).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { encodePng } from '../e2e/helpers/png';
import { startPreviewServer } from '../scripts/lib/previewServer';
import { createRng } from '../src/shared/rng';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 2000);
const VIDEO_SECONDS = Number(process.env.BENCH_VIDEO_SECONDS ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'pretext-decode-bench-'));

/** Photo-like PNGs: smooth gradients plus noise (so they do not compress to nothing). */
function writeImages(count: number, size: number): string {
  const root = join(dir, `images-${size}`);
  const rng = createRng(7);
  for (let i = 0; i < count; i++) {
    const cls = `c${i % 10}`;
    mkdirSync(join(root, cls), { recursive: true });
    const [r0, g0, b0] = [rng.next() * 255, rng.next() * 255, rng.next() * 255];
    writeFileSync(join(root, cls, `${i}.png`), encodePng({
      width: size, height: size, colourType: 2,
      pixel: (x, y) => [r0, g0, b0].map((c, k) => Math.max(0, Math.min(255, Math.round(c * 0.7 + ((x + k * y) % 64) + rng.next() * 40)))),
    }));
  }
  return root;
}

async function importThroughUi(page: Page, input: string, files: string | string[]): Promise<{ wallSeconds: number; report: string }> {
  const start = Date.now();
  await page.getByTestId(input).setInputFiles(files);
  await page.getByTestId('import-progress').waitFor({ state: 'detached', timeout: 600_000 });
  const report = (await page.getByTestId('import-report').textContent()) ?? '';
  return { wallSeconds: (Date.now() - start) / 1000, report };
}

/** The naive baseline: every file decoded in turn on the main thread, drawn at 32x32 and read back. */
async function naiveMainThread(page: Page, files: string[]): Promise<number> {
  await page.evaluate(() => {
    document.getElementById('bench-naive')?.remove();
    const input = document.createElement('input');
    input.type = 'file'; input.multiple = true; input.id = 'bench-naive'; input.hidden = true;
    document.body.append(input);
  });
  await page.locator('#bench-naive').setInputFiles(files);
  return page.evaluate(async () => {
    const list = [...(document.getElementById('bench-naive') as HTMLInputElement).files!];
    const canvas = document.createElement('canvas');
    canvas.width = 32; canvas.height = 32;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const start = performance.now();
    for (const f of list) {
      const bitmap = await createImageBitmap(f);
      ctx.drawImage(bitmap, 0, 0, 32, 32);
      bitmap.close();
      ctx.getImageData(0, 0, 32, 32);
    }
    return list.length / ((performance.now() - start) / 1000);
  });
}

const perSecond = (report: string, what: RegExp) => Number(report.match(what)?.[1] ?? NaN);

const server = await startPreviewServer(4186);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const rows: string[] = [];
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.getByTestId('dataset-card-shapes').waitFor();
  for (const size of [64, 256]) {
    const count = size === 64 ? IMAGES : Math.round(IMAGES / 4);
    const root = writeImages(count, size);
    const files = Array.from({ length: count }, (_, i) => join(root, `c${i % 10}`, `${i}.png`));
    const ui = await importThroughUi(page, 'folder-input', root);
    const decodeRate = perSecond(ui.report, /Images decoded at (\d+) per second/);
    const naive = await naiveMainThread(page, files);
    rows.push(`| ${count} PNG, ${size}x${size} -> 32x32 | ${decodeRate.toFixed(0)} img/s (worker, 4 in flight) | ${(count / ui.wallSeconds).toFixed(0)} img/s (${ui.wallSeconds.toFixed(1)} s incl. IndexedDB) | naive main thread: ${naive.toFixed(0)} img/s |`);
    console.log(rows[rows.length - 1]);
  }

  let video = join(import.meta.dirname, '..', 'e2e', 'fixtures', 'walk-vp8.webm');
  let seconds = 2, nativeFps = 25, ffmpegNote = 'ffmpeg not installed';
  const hasFfmpeg = (() => { try { execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
  if (hasFfmpeg) {
    video = join(dir, 'bench.webm');
    seconds = VIDEO_SECONDS;
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=${nativeFps}`, '-t', String(seconds), '-c:v', 'libvpx', '-b:v', '500k', video]);
    const start = Date.now();
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', video, '-vf', 'fps=10,crop=240:240,scale=32:32', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-y', '/dev/null']);
    ffmpegNote = `ffmpeg (same fps, crop, size): ${((seconds * 10) / ((Date.now() - start) / 1000)).toFixed(0)} frames/s`;
  }
  await page.getByTestId('import-fps').fill('10');
  await page.getByTestId('import-max-frames').fill('1000');
  const ui = await importThroughUi(page, 'file-input', video);
  const rate = perSecond(ui.report, /Video frames decoded at ([\d.]+) per second/);
  rows.push(`| ${seconds} s webm (VP8, 320x240, ${nativeFps} fps) sampled at 10 fps -> 32x32 | ${rate.toFixed(1)} frames/s (seek + draw per frame) | ${((seconds * 10) / ui.wallSeconds).toFixed(1)} frames/s (${ui.wallSeconds.toFixed(1)} s) | real-time playback: 10 frames/s; ${ffmpegNote} |`);
  console.log(rows[rows.length - 1]);
} finally {
  await browser.close();
  server.stop();
}
console.log(`\nDecode throughput, headless Chromium (${CHROMIUM_PATH}), this machine:\n`);
console.log('| input | decode rate (as the Data panel reports it) | end to end | baseline, same run |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(existsSync(dir) ? `\n(files under ${dir})` : '');
