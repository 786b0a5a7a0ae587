/**
 * The Data panel in real Chromium: built-in datasets, a folder, a zip and videos through the file
 * chooser and through a drop, bad files, huge and many files, the IndexedDB cache, the webcam.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { AppPage, AUTO_BACKEND_HERE } from './appPage';
import { dropFiles, fixture, rowCentres, writeTree } from './helpers/dataFiles';
import { encodePng, solidPng } from './helpers/png';

const RED: [number, number, number] = [200, 30, 30];
const BLUE: [number, number, number] = [30, 30, 200];

/** Every PNG flavour, a JPEG, and the bad files a real folder collects. */
function petsFolder(): string {
  const truncated = solidPng(40, RED);
  // Valid signature, header and end, but the compressed pixel data is overwritten with junk.
  const corrupt = Buffer.from(solidPng(40, BLUE));
  corrupt.fill(0x5a, 41, corrupt.length - 12);
  return writeTree('pets', {
    'cat/gray.png': encodePng({ width: 40, height: 40, colourType: 0, pixel: () => [120] }),
    'cat/palette.png': encodePng({ width: 40, height: 40, colourType: 3, palette: [[0, 0, 0], BLUE], pixel: () => [1] }),
    // Opaque blue on top, fully transparent below: composited over mid-gray.
    'cat/rgba.png': encodePng({ width: 40, height: 40, colourType: 6, pixel: (_x, y) => (y < 20 ? [...BLUE, 255] : [0, 0, 0, 0]) }),
    'dog/deep.png': encodePng({ width: 40, height: 40, colourType: 2, bitDepth: 16, pixel: () => RED.map((v) => v * 257) }),
    'dog/rgb.png': solidPng(40, RED),
    'dog/gray16.png': encodePng({ width: 40, height: 40, colourType: 0, bitDepth: 16, pixel: () => [200 * 257] }),
    'photo.jpg': fixture('photo.jpg'),
    'notes.txt': 'these are my pets\n',
    'empty.png': Buffer.alloc(0),
    'cut.png': truncated.subarray(0, truncated.length - 20),
    'dog/corrupt.png': corrupt,
    'fake.jpg': 'not really a jpeg\n',
    '.DS_Store': Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]),
  });
}

function classZip(perClass: number): Buffer {
  const files: Record<string, Uint8Array> = { 'shapes/readme.txt': new TextEncoder().encode('two colours') };
  for (let i = 0; i < perClass; i++) {
    files[`shapes/red/${i}.png`] = solidPng(24, [200, 20 + i * 5, 30]);
    files[`shapes/blue/${i}.png`] = solidPng(24, [30, 20 + i * 5, 200]);
  }
  return Buffer.from(zipSync(files));
}

const classRow = (page: Page, name: string) => page.getByTestId('class-counts').locator(`tr[data-class="${name}"] td`);

test('the built-in datasets are listed with counts; a multi-view video dataset shows its views and frames', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByTestId('dataset-card-shapes')).toContainText('6000 train / 1200 held-out images · 6 classes · 32 px');
  await expect(page.getByTestId('dataset-card-fashion-mnist')).toContainText('10000 train / 2000 held-out images · 10 classes · 28 px');
  await expect(page.getByTestId('dataset-card-moving-shapes')).toContainText('60 videos, 2400 frames at 10 fps · 6 classes');
  await expect(page.getByTestId('dataset-card-turntable')).toContainText('18 videos, 864 frames at 10 fps, 3 views');
  await expect(page.getByTestId('dataset-card-shapes').locator('canvas')).toHaveCount(1);
  await page.getByTestId('dataset-card-turntable').click();
  await expect(page.getByTestId('dataset-select')).toHaveValue('turntable');
  await expect(page.getByTestId('summary-videos')).toHaveText('18 videos in 6 scenes (up to 3 views), 864 frames at 10 fps');
  await expect(page.getByTestId('summary-fingerprint')).toHaveText(/^[0-9a-f]{16}$/);
  await expect(page.getByTestId('dataset-preview').locator('canvas')).toHaveCount(8);
  await expect(page.getByTestId('too-short')).toHaveCount(0); // 48 frames and 3 views: enough for every video method
});

test('a folder through the chooser: classes from subfolders, every PNG flavour decoded right, bad files listed and skipped', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByTestId('folder-input').setInputFiles(petsFolder());
  expect(await app.importStatus()).toBe('loaded');
  await expect(page.getByTestId('import-report')).toContainText('Loaded "pets": 7 images, 2 classes.');
  await expect(classRow(page, 'cat')).toHaveText(['cat', '2', '1']);
  await expect(classRow(page, 'dog')).toHaveText(['dog', '2', '1']);
  await expect(page.getByTestId('summary-unlabelled')).toHaveText('1');
  await expect(page.getByTestId('summary-size')).toHaveText('32 x 32 x 3 (RGB)');
  await expect(page.getByTestId('summary-fingerprint')).toHaveText(/^[0-9a-f]{16}$/);
  await expect(page.getByTestId('dataset-select')).toHaveValue(/^user-[0-9a-f]{12}$/);
  const skipped = page.getByTestId('skipped-list');
  await page.getByTestId('skipped-files').locator('summary').click();
  await expect(skipped.locator('li')).toHaveCount(6);
  await expect(skipped).toContainText('pets/notes.txt: not an image, video or zip (text)');
  await expect(skipped).toContainText('pets/empty.png: an empty file (0 bytes)');
  await expect(skipped).toContainText('pets/cut.png: the PNG data is cut short');
  await expect(skipped).toContainText('pets/dog/corrupt.png: the browser could not decode it as PNG (corrupt data?)');
  await expect(skipped).toContainText('pets/fake.jpg: named like an image but its content is text');
  await expect(skipped).toContainText('pets/.DS_Store: a system file');

  // Decoded colours, read off the preview grid: 8- and 16-bit, gray, palette and RGBA over mid-gray.
  const sortRows = (rows: number[][]) => rows.map((c) => c.join(',')).sort();
  const near = (rows: number[][], expected: number[][]) => {
    expect(rows).toHaveLength(expected.length);
    const a = sortRows(rows).map((s) => s.split(',').map(Number)), b = sortRows(expected).map((s) => s.split(',').map(Number));
    a.forEach((rgb, i) => rgb.forEach((v, k) => expect(Math.abs(v - b[i][k])).toBeLessThanOrEqual(2)));
  };
  near(await rowCentres(page, 'dog'), [RED, RED, [200, 200, 200]]);
  near(await rowCentres(page, 'cat', 'bottom'), [[120, 120, 120], BLUE, [128, 128, 128]]);
  await expect(page.getByTestId('dataset-preview').locator('canvas[aria-label^="unlabelled:"]')).toHaveCount(1);
});

test('a zip through the chooser, then images and a webm through a drop; an empty drop is refused with a message', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByTestId('file-input').setInputFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: classZip(3) });
  expect(await app.importStatus()).toBe('loaded');
  await expect(page.getByTestId('import-report')).toContainText('Loaded "shapes": 6 images, 2 classes.');
  await expect(classRow(page, 'blue')).toHaveText(['blue', '2', '1']);
  await expect(classRow(page, 'red')).toHaveText(['red', '2', '1']);
  await page.getByTestId('skipped-files').locator('summary').click();
  await expect(page.getByTestId('skipped-list')).toContainText('shapes.zip/readme.txt: not an image, video or zip (text)');

  await dropFiles(page, [
    { name: 'a.png', bytes: solidPng(20, RED), type: 'image/png' },
    { name: 'b.png', bytes: solidPng(20, BLUE), type: 'image/png' },
    { name: 'walk-vp8.webm', bytes: fixture('walk-vp8.webm'), type: 'video/webm' },
  ]);
  expect(await app.importStatus()).toBe('loaded');
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Loaded "3 dropped files (images)": 2 images, 0 classes.');
  await expect(report).toContainText('Loaded "3 dropped files (videos)": 1 videos, 20 frames at 10 fps.');
  await expect(page.getByTestId('summary-unlabelled')).toHaveText('2');
  await expect(page.getByTestId('decode-speed')).toContainText(/Images decoded at \d+ per second\. Video frames decoded at [\d.]+ per second\./);
  await page.locator('[data-testid^="dataset-card-user-"]', { hasText: 'videos' }).click();
  await expect(page.getByTestId('summary-videos')).toHaveText('1 videos in 1 scene (up to 1 view), 20 frames at 10 fps');
  await expect(page.getByTestId('dataset-preview').locator('canvas')).toHaveCount(1);

  const cards = await page.locator('[data-testid^="dataset-card-user-"]').count();
  await dropFiles(page, []);
  expect(await app.importStatus()).toBe('failed');
  await expect(page.getByTestId('import-report')).toContainText('Nothing to import: the drop held no files');
  await expect(page.locator('[data-testid^="dataset-card-user-"]')).toHaveCount(cards);
});

test('webm views: synchronised views are cut to the shortest, an undecodable video is named, a short one is flagged', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByTestId('import-sync').check();
  await page.getByTestId('file-input').setInputFiles([
    { name: 'left.webm', mimeType: 'video/webm', buffer: fixture('walk-vp8.webm') },
    { name: 'right.webm', mimeType: 'video/webm', buffer: fixture('walk-vp9.webm') },
    // A webm header followed by garbage: the browser cannot decode it.
    { name: 'broken.webm', mimeType: 'video/webm', buffer: Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(4000, 7)]) },
  ]);
  expect(await app.importStatus()).toBe('loaded');
  await expect(page.getByTestId('import-warnings')).toContainText('left.webm: 20, right.webm: 15 frames); all are cut to the shortest, 15 frames.');
  await expect(page.getByTestId('summary-videos')).toHaveText('2 videos in 1 scene (up to 2 views), 30 frames at 10 fps');
  await page.getByTestId('skipped-files').locator('summary').click();
  await expect(page.getByTestId('skipped-list')).toContainText('broken.webm: "broken.webm" could not be decoded');

  await page.getByTestId('import-sync').uncheck();
  await page.getByTestId('file-input').setInputFiles({ name: 'blink.webm', mimeType: 'video/webm', buffer: fixture('blink.webm') });
  expect(await app.importStatus()).toBe('loaded');
  await expect(page.getByTestId('summary-videos')).toHaveText('1 videos in 1 scene (up to 1 view), 3 frames at 10 fps');
  await expect(page.getByTestId('too-short')).toContainText('Shuffle and Learn needs at least 8 frames (five ordered frames a<b<c<d<e with gaps between them): no clip is long enough: "blink.webm" (3 frames).');
});

test('an 8000x8000 image is decoded downscaled to the input size', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const dir = writeTree('huge', {});
  const path = join(dir, 'huge.png');
  // A gradient, so the downscaled image shows the central crop: red grows left to right.
  writeFileSync(path, encodePng({ width: 8000, height: 8000, colourType: 2, pixel: (x) => [Math.floor((x * 255) / 7999), 60, 90] }));
  await page.getByTestId('file-input').setInputFiles(path);
  expect(await app.importStatus()).toBe('loaded');
  await expect(page.getByTestId('import-report')).toContainText('1 images, 0 classes');
  await expect(page.getByTestId('summary-size')).toHaveText('32 x 32 x 3 (RGB)');
  const [centre] = await rowCentres(page, 'unlabelled');
  expect(Math.abs(centre[0] - 128)).toBeLessThanOrEqual(6);
  expect(centre.slice(1)).toEqual([60, 90]);
});

test('20,000 small files: progress moves, the page keeps painting, and cancel keeps what was loaded before', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  const app = new AppPage(page);
  await app.open();
  await page.getByTestId('file-input').setInputFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: classZip(3) });
  expect(await app.importStatus()).toBe('loaded');
  const before = await page.locator('[data-testid^="dataset-card-user-"]').count();

  const files: Record<string, Buffer> = {};
  const tiles = [0, 1, 2, 3].map((k) => solidPng(8, [40 * k, 200 - 40 * k, 90]));
  for (let i = 0; i < 20_000; i++) files[`c${i % 4}/${i}.png`] = tiles[i % 4];
  await page.getByTestId('folder-input').setInputFiles(writeTree('many', files));

  const progress = page.getByTestId('import-progress').locator('progress');
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 120_000 }).toBeGreaterThan(0);
  const first = Number(await progress.getAttribute('value'));
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(first);
  // The main thread keeps painting while the worker decodes: count animation frames for a second.
  const frames = await page.evaluate(() => new Promise<number>((resolve) => {
    let n = 0;
    const start = performance.now();
    const tick = () => { n++; if (performance.now() - start < 1000) requestAnimationFrame(tick); else resolve(n); };
    requestAnimationFrame(tick);
  }));
  expect(frames).toBeGreaterThan(10);
  await page.getByTestId('import-cancel').click();
  expect(await app.importStatus()).toBe('cancelled');
  await expect(page.getByTestId('import-report')).toContainText('The import was cancelled; the datasets loaded before it are unchanged.');
  await expect(page.locator('[data-testid^="dataset-card-user-"]')).toHaveCount(before);
});

test('a dropped dataset survives a reload (IndexedDB), trains from there, and Forget removes it for good', async ({ page }) => {
  test.setTimeout(6 * 60_000);
  const app = new AppPage(page);
  await app.open();
  await page.getByTestId('file-input').setInputFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: classZip(8) });
  expect(await app.importStatus()).toBe('loaded');
  const id = await page.getByTestId('dataset-select').inputValue();
  const fingerprint = await page.getByTestId('summary-fingerprint').textContent();

  await page.reload();
  await expect(page.getByTestId(`dataset-card-${id}`)).toBeVisible();
  await page.getByTestId(`dataset-card-${id}`).click();
  await expect(page.getByTestId('summary-fingerprint')).toHaveText(fingerprint!);
  await expect(classRow(page, 'red')).toHaveText(['red', '6', '2']);

  // The training worker reads the dataset from IndexedDB by its id.
  await app.setParams({ batchSize: 4, width: 4, headHidden: 16, projectionDim: 16, evalBankSize: 20, evalQuerySize: 10, metricsEvery: 1, maxSteps: 3, evalEvery: 3 });
  await page.getByTestId('train-button').click();
  await expect(app.phase()).toHaveAttribute('data-phase', 'completed', { timeout: 300_000 });
  await expect(page.getByTestId('backend-label')).toHaveAttribute('data-backend', AUTO_BACKEND_HERE);
  await expect(page.getByTestId('knn-chart')).toHaveAttribute('data-points', '2');

  await app.showTab('data');
  await page.getByTestId('forget-dataset').click();
  await expect(page.getByTestId(`dataset-card-${id}`)).toHaveCount(0);
  await expect(page.getByTestId('dataset-select')).toHaveValue('shapes');
  await page.reload();
  await expect(page.getByTestId('dataset-card-shapes')).toBeVisible();
  await expect(page.getByTestId(`dataset-card-${id}`)).toHaveCount(0);
});

test('a webcam clip is recorded (fake camera), decoded and summarised like a dropped video', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.locator('input[type="number"][max="10"]').fill('1');
  await page.getByTestId('webcam-button').click();
  await expect(page.getByTestId('import-progress')).toContainText('Recording from the webcam');
  expect(await app.importStatus()).toBe('loaded');
  await expect(page.getByTestId('import-report')).toContainText(/Loaded "Webcam clip [\d-]+ [\d:]+": 1 videos, \d+ frames at 10 fps\./);
  const frames = Number((await page.getByTestId('summary-videos').textContent())!.match(/(\d+) frames/)![1]);
  expect(frames).toBeGreaterThanOrEqual(5);
  expect(frames).toBeLessThanOrEqual(15);
});
