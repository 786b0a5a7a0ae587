/**
 * The Data panel in real Chromium: built-in datasets, a folder, a zip and videos through the file
 * chooser and through a drop, bad files, huge and many files, the IndexedDB cache, the webcam.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { expect, test } from './appTest';
import { AUTO_BACKEND_HERE } from './pages/appPage';
import { fixture, writeTree } from './helpers/dataFiles';
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

test('the built-in datasets are listed with counts; a multi-view video dataset shows its views and frames', async ({ app }) => {
  const { data } = app;
  await app.open();
  await expect(data.card('shapes')).toContainText('6000 train / 1200 held-out images · 6 classes · 32 px');
  await expect(data.card('fashion-mnist')).toContainText('10000 train / 2000 held-out images · 10 classes · 28 px');
  await expect(data.card('moving-shapes')).toContainText('60 videos, 2400 frames at 10 fps · 6 classes');
  await expect(data.card('turntable')).toContainText('18 videos, 864 frames at 10 fps, 3 views');
  await expect(data.card('shapes').locator('canvas')).toHaveCount(1);
  await data.card('turntable').click();
  await expect(app.datasetSelect).toHaveValue('turntable');
  await expect(data.summary('videos')).toHaveText('18 videos in 6 scenes (up to 3 views), 864 frames at 10 fps');
  await expect(data.summary('fingerprint')).toHaveText(/^[0-9a-f]{16}$/);
  await expect(data.previewRows).toHaveCount(8);
  await expect(data.tooShort).toHaveCount(0); // 48 frames and 3 views: enough for every video method
});

test('a folder through the chooser: classes from subfolders, every PNG flavour decoded right, bad files listed and skipped', async ({ app }) => {
  const { data } = app;
  await app.open();
  await data.importFolder(petsFolder());
  expect(await data.importStatus()).toBe('loaded');
  await expect(data.report).toContainText('Loaded "pets": 7 images, 2 classes.');
  await expect(data.classRow('cat')).toHaveText(['cat', '2', '1']);
  await expect(data.classRow('dog')).toHaveText(['dog', '2', '1']);
  await expect(data.summary('unlabelled')).toHaveText('1');
  await expect(data.summary('size')).toHaveText('32 x 32 x 3 (RGB)');
  await expect(data.summary('fingerprint')).toHaveText(/^[0-9a-f]{16}$/);
  await expect(app.datasetSelect).toHaveValue(/^user-[0-9a-f]{12}$/);
  const skipped = await data.showSkipped();
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
  near(await data.rowCentres('dog'), [RED, RED, [200, 200, 200]]);
  near(await data.rowCentres('cat', 'bottom'), [[120, 120, 120], BLUE, [128, 128, 128]]);
  await expect(data.previewRow('unlabelled')).toHaveCount(1);
});

test('a zip through the chooser, then images and a webm through a drop; an empty drop is refused with a message', async ({ app }) => {
  const { data } = app;
  await app.open();
  await data.importFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: classZip(3) });
  expect(await data.importStatus()).toBe('loaded');
  await expect(data.report).toContainText('Loaded "shapes": 6 images, 2 classes.');
  await expect(data.classRow('blue')).toHaveText(['blue', '2', '1']);
  await expect(data.classRow('red')).toHaveText(['red', '2', '1']);
  await expect(await data.showSkipped()).toContainText('shapes.zip/readme.txt: not an image, video or zip (text)');

  await data.drop([
    { name: 'a.png', bytes: solidPng(20, RED), type: 'image/png' },
    { name: 'b.png', bytes: solidPng(20, BLUE), type: 'image/png' },
    { name: 'walk-vp8.webm', bytes: fixture('walk-vp8.webm'), type: 'video/webm' },
  ]);
  expect(await data.importStatus()).toBe('loaded');
  const report = data.report;
  await expect(report).toContainText('Loaded "3 dropped files (images)": 2 images, 0 classes.');
  await expect(report).toContainText('Loaded "3 dropped files (videos)": 1 videos, 20 frames at 10 fps.');
  await expect(data.summary('unlabelled')).toHaveText('2');
  await expect(data.decodeSpeed).toContainText(/Images decoded at \d+ per second\. Video frames decoded at [\d.]+ per second\./);
  await data.userCards('videos').click();
  await expect(data.summary('videos')).toHaveText('1 videos in 1 scene (up to 1 view), 20 frames at 10 fps');
  await expect(data.previewRows).toHaveCount(1);

  const cards = await data.userCards().count();
  await data.drop([]);
  expect(await data.importStatus()).toBe('failed');
  await expect(data.report).toContainText('Nothing to import: the drop held no files');
  await expect(data.userCards()).toHaveCount(cards);
});

test('webm views: synchronised views are cut to the shortest, an undecodable video is named, a short one is flagged', async ({ app }) => {
  const { data } = app;
  await app.open();
  await data.syncViews.check();
  await data.importFiles([
    { name: 'left.webm', mimeType: 'video/webm', buffer: fixture('walk-vp8.webm') },
    { name: 'right.webm', mimeType: 'video/webm', buffer: fixture('walk-vp9.webm') },
    // A webm header followed by garbage: the browser cannot decode it.
    { name: 'broken.webm', mimeType: 'video/webm', buffer: Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(4000, 7)]) },
  ]);
  expect(await data.importStatus()).toBe('loaded');
  await expect(data.warnings).toContainText('left.webm: 20, right.webm: 15 frames); all are cut to the shortest, 15 frames.');
  await expect(data.summary('videos')).toHaveText('2 videos in 1 scene (up to 2 views), 30 frames at 10 fps');
  await expect(await data.showSkipped()).toContainText('broken.webm: "broken.webm" could not be decoded');

  await data.syncViews.uncheck();
  await data.importFiles({ name: 'blink.webm', mimeType: 'video/webm', buffer: fixture('blink.webm') });
  expect(await data.importStatus()).toBe('loaded');
  await expect(data.summary('videos')).toHaveText('1 videos in 1 scene (up to 1 view), 3 frames at 10 fps');
  await expect(data.tooShort).toContainText('Shuffle and Learn needs at least 8 frames (five ordered frames a<b<c<d<e with gaps between them): no clip is long enough: "blink.webm" (3 frames).');
});

test('an 8000x8000 image is decoded downscaled to the input size', async ({ app }) => {
  const { data } = app;
  await app.open();
  const dir = writeTree('huge', {});
  const path = join(dir, 'huge.png');
  // A gradient, so the downscaled image shows the central crop: red grows left to right.
  writeFileSync(path, encodePng({ width: 8000, height: 8000, colourType: 2, pixel: (x) => [Math.floor((x * 255) / 7999), 60, 90] }));
  await data.importFiles(path);
  expect(await data.importStatus()).toBe('loaded');
  await expect(data.report).toContainText('1 images, 0 classes');
  await expect(data.summary('size')).toHaveText('32 x 32 x 3 (RGB)');
  const [centre] = await data.rowCentres('unlabelled');
  expect(Math.abs(centre[0] - 128)).toBeLessThanOrEqual(6);
  expect(centre.slice(1)).toEqual([60, 90]);
});

test('20,000 small files: progress moves, the page keeps painting, and cancel keeps what was loaded before', async ({ app }) => {
  test.setTimeout(10 * 60_000);
  const { data } = app;
  await app.open();
  await data.importFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: classZip(3) });
  expect(await data.importStatus()).toBe('loaded');
  const before = await data.userCards().count();

  const files: Record<string, Buffer> = {};
  const tiles = [0, 1, 2, 3].map((k) => solidPng(8, [40 * k, 200 - 40 * k, 90]));
  for (let i = 0; i < 20_000; i++) files[`c${i % 4}/${i}.png`] = tiles[i % 4];
  await data.importFolder(writeTree('many', files));

  const progress = data.progressBar;
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 120_000 }).toBeGreaterThan(0);
  const first = Number(await progress.getAttribute('value'));
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(first);
  // The main thread keeps painting while the worker decodes: count animation frames for a second.
  const frames = await app.page.evaluate(() => new Promise<number>((resolve) => {
    let n = 0;
    const start = performance.now();
    const tick = () => { n++; if (performance.now() - start < 1000) requestAnimationFrame(tick); else resolve(n); };
    requestAnimationFrame(tick);
  }));
  expect(frames).toBeGreaterThan(10);
  await data.cancelButton.click();
  expect(await data.importStatus()).toBe('cancelled');
  await expect(data.report).toContainText('The import was cancelled; the datasets loaded before it are unchanged.');
  await expect(data.userCards()).toHaveCount(before);
});

test('a dropped dataset survives a reload (IndexedDB), trains from there, and Forget removes it for good', async ({ app }) => {
  test.setTimeout(6 * 60_000);
  const { data } = app;
  await app.open();
  await data.importFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: classZip(8) });
  expect(await data.importStatus()).toBe('loaded');
  const id = await app.datasetSelect.inputValue();
  const fingerprint = await data.summary('fingerprint').textContent();

  await app.reload();
  await expect(data.card(id)).toBeVisible();
  await data.card(id).click();
  await expect(data.summary('fingerprint')).toHaveText(fingerprint!);
  await expect(data.classRow('red')).toHaveText(['red', '6', '2']);

  // The training worker reads the dataset from IndexedDB by its id.
  await app.setParams({ batchSize: 4, width: 4, headHidden: 16, projectionDim: 16, evalBankSize: 20, evalQuerySize: 10, metricsEvery: 1, maxSteps: 3, evalEvery: 3 });
  await app.train();
  await app.expectPhase('completed');
  await expect(app.backendLabel).toHaveAttribute('data-backend', AUTO_BACKEND_HERE);
  await expect(app.accuracyChart.root).toHaveAttribute('data-points', '2');

  await app.showTab('data');
  // Forget asks first: Cancel keeps the dataset; confirming deletes it and says so.
  await data.forgetButton.click();
  await data.forgetCancelButton.click();
  await expect(data.card(id)).toBeVisible();
  await expect(app.datasetSelect).toHaveValue(id);
  await data.forgetButton.click();
  await expect(data.card(id)).toBeVisible();
  await data.forgetConfirmButton.click();
  await expect(data.forgottenMessage).toContainText('deleted from this browser');
  await expect(data.card(id)).toHaveCount(0);
  await expect(app.datasetSelect).toHaveValue('shapes');
  await app.reload();
  await expect(data.card('shapes')).toBeVisible();
  await expect(data.card(id)).toHaveCount(0);
});

test('a webcam clip is recorded (fake camera), decoded and summarised like a dropped video', async ({ app }) => {
  const { data } = app;
  await app.open();
  await data.webcamSeconds.fill('1');
  await data.webcamButton.click();
  await expect(data.progress).toContainText('Recording from the webcam');
  expect(await data.importStatus()).toBe('loaded');
  await expect(data.report).toContainText(/Loaded "Webcam clip [\d-]+ [\d:]+": 1 videos, \d+ frames at 10 fps\./);
  const frames = Number((await data.summary('videos').textContent())!.match(/(\d+) frames/)![1]);
  expect(frames).toBeGreaterThanOrEqual(5);
  expect(frames).toBeLessThanOrEqual(15);
});
