/**
 * Comparison, sharing, history and export through the UI in real Chromium (real IndexedDB,
 * real downloads): two runs side by side, the link in a fresh browser context, a reload, every
 * export parsed back, and the exported encoder imported and evaluated again.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { AppPage, TINY, AUTO_BACKEND_HERE } from './appPage';
import { zipSync } from 'fflate';
import { parseEncoderModel } from '../src/export/encoderModel';
import { encodeRawPayload } from '../src/experiment/shareLink';
import { solidPng } from './helpers/png';

const read = async (d: Download) => readFileSync((await d.path())!);
const downloadOf = async (page: Page, click: () => Promise<void>) => {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return d;
};
const downloadsOf = async (page: Page, count: number, click: () => Promise<void>) => {
  const got: Download[] = [];
  const all = new Promise<void>((resolve) => page.on('download', (d) => { got.push(d); if (got.length === count) resolve(); }));
  await click();
  await all;
  return got;
};

/** A tiny CSV reader for the test (no quoted newlines in what we check). */
function parseCsv(text: string): string[][] {
  return text.trim().split('\n').map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')));
}

async function planTwoRuns(app: AppPage, page: Page): Promise<void> {
  await app.chooseMethod('simclr');
  await app.setParams({ ...TINY, maxSteps: 3, evalEvery: 3, temperature: 0.2 });
  await page.getByTestId('add-to-comparison').click();
  await app.chooseMethod('moco');
  await app.setParams({ ...TINY, queueSize: 32 });
  await page.getByTestId('add-to-comparison').click();
}

test('two runs side by side, a shared link in a fresh context, history across a reload, every export parsed back', async ({ page, browser, context }) => {
  test.setTimeout(16 * 60_000); // five short runs on SwiftShader (two at once), a reload, a second context
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new AppPage(page);
  await app.open();
  await planTwoRuns(app, page);

  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId('plan-item')).toHaveCount(2);
  await expect(page.getByTestId('plan-item').nth(0)).toContainText('SimCLR');
  await expect(page.getByTestId('plan-item').nth(1)).toContainText('MoCo');
  const plannedTexts = await page.getByTestId('plan-item').allTextContents();

  // --- Share: the link carries the whole setup.
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-status')).toContainText('Copied');
  const link = await page.getByTestId('share-link').inputValue();
  expect(link.length).toBeLessThan(2000);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // --- Run both at once (max 2 concurrent).
  await page.getByTestId('max-concurrent').fill('2');
  await page.getByTestId('run-plan').click();
  const rows = page.getByTestId('results-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('td[data-col="status"]')).toHaveAttribute('data-value', 'completed', { timeout: 300_000 });
  await expect(rows.nth(1).locator('td[data-col="status"]')).toHaveAttribute('data-value', 'completed', { timeout: 300_000 });
  for (const i of [0, 1]) await expect(rows.nth(i).locator('td[data-col="steps"]')).toHaveAttribute('data-value', '3');
  // Overlaid curves: one loss line per run, two similarity lines per run, accuracy at steps 0 and 3.
  await expect.poll(() => app.drawnLines('compare-loss')).toBe(2);
  await expect.poll(() => app.drawnLines('compare-similarity')).toBe(4);
  const knnSeries = JSON.parse((await page.getByTestId('compare-knn').getAttribute('data-series'))!) as { name: string; points: number }[];
  expect(knnSeries.map((s) => s.points)).toEqual([2, 2]);
  await expect(page.getByTestId('compare-loss').locator('.recharts-legend-item-text')).toHaveText([/^SimCLR: temperature 0.2/, /^MoCo: queueSize 32/]);
  await page.getByTestId('compare-x-wall').check();
  await expect.poll(() => app.drawnLines('compare-loss')).toBe(2);
  // t-SNE maps side by side.
  await expect(page.getByTestId('compare-map-0')).not.toHaveAttribute('data-points', '0');
  await expect(page.getByTestId('compare-map-1')).not.toHaveAttribute('data-points', '0');
  // Sorting by a column reorders the rows, both ways.
  await page.getByTestId('sort-name').click();
  await expect(rows.nth(0)).toHaveAttribute('data-run-name', /^MoCo/);
  await page.getByTestId('sort-name').click();
  await expect(rows.nth(0)).toHaveAttribute('data-run-name', /^SimCLR/);
  await expect(page.locator('th[aria-sort="descending"]')).toHaveCount(1);

  // The SimCLR run's first losses, to compare with the same run started from the link.
  await page.locator('[data-testid="results-row"][data-run-name^="SimCLR"]').getByRole('button', { name: 'View' }).click();
  const sharedLosses = JSON.parse((await page.getByTestId('loss-chart').getAttribute('data-series'))!) as number[];
  expect(sharedLosses).toHaveLength(3);
  await page.getByTestId('tab-compare').click();

  // --- Exports of the SimCLR run: CSV, JSON, Projector TSV, the model, a chart PNG, the table.
  const simclr = page.locator('[data-testid="results-row"][data-run-name^="SimCLR"]');
  const csv = (await read(await downloadOf(page, () => simclr.getByRole('button', { name: 'CSV' }).click()))).toString();
  const table = parseCsv(csv);
  expect(table[0].slice(0, 3)).toEqual(['step', 'wall_s', 'loss']);
  expect(table.map((r) => r[0])).toEqual(['step', '0', '1', '2', '3']);
  expect(Number(table[3][2])).toBeGreaterThan(0); // a loss at step 2
  const json = JSON.parse((await read(await downloadOf(page, () => simclr.getByRole('button', { name: 'JSON' }).click()))).toString());
  expect(json.format).toBe('pretext-run');
  expect(json.config.params.temperature).toBe(0.2);
  expect(json.points).toHaveLength(3);
  const [vectors, metadata] = await downloadsOf(page, 2, () => simclr.getByRole('button', { name: 'Projector TSV' }).click());
  const vectorLines = (await read(vectors)).toString().trim().split('\n');
  const metadataLines = (await read(metadata)).toString().trim().split('\n');
  expect(vectorLines).toHaveLength(TINY.evalQuerySize);
  expect(vectorLines[0].split('\t').length).toBe(4 * TINY.width); // h has 4 x width dimensions
  expect(metadataLines[0]).toBe('label\tclass_index');
  expect(metadataLines).toHaveLength(TINY.evalQuerySize + 1);
  const modelFiles = await downloadsOf(page, 2, () => simclr.getByRole('button', { name: 'Model' }).click());
  const modelJson = modelFiles.find((d) => d.suggestedFilename().endsWith('.json'))!;
  const weights = modelFiles.find((d) => d.suggestedFilename().endsWith('.bin'))!;
  const modelJsonText = (await read(modelJson)).toString();
  const weightBytes = await read(weights);
  const parsed = parseEncoderModel(modelJsonText, weightBytes.buffer.slice(weightBytes.byteOffset, weightBytes.byteOffset + weightBytes.byteLength));
  expect(parsed.ok && parsed.topology.encoder.width).toBe(TINY.width);
  expect(parsed.ok && parsed.topology.steps).toBe(3);
  const png = await read(await downloadOf(page, () => page.getByTestId('compare-loss').getByTestId('png-button').click()));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBeGreaterThan(300); // width in the IHDR chunk
  const results = parseCsv((await read(await downloadOf(page, () => page.getByTestId('export-results-csv').click()))).toString());
  expect(results).toHaveLength(3);
  expect(results[0][0]).toBe('name');

  // --- The exported encoder, imported again and evaluated on another dataset.
  await app.chooseDataset('fashion-mnist');
  await page.getByTestId('tab-history').click();
  await page.getByTestId('import-encoder-input').setInputFiles([
    { name: modelJson.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(modelJsonText) },
    { name: weights.suggestedFilename(), mimeType: 'application/octet-stream', buffer: weightBytes },
  ]);
  await expect(app.phase()).toHaveAttribute('data-phase', 'completed', { timeout: 300_000 });
  await expect(page.getByTestId('knn-value')).toContainText('kNN top-1');
  await expect(page.getByTestId('run-notice')).toContainText('Evaluating an imported encoder');
  // A file that is not an exported encoder is refused with what is wrong.
  await page.getByTestId('tab-history').click();
  await page.getByTestId('import-encoder-input').setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"layers-model","modelTopology":{}}') },
    { name: 'model.weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(8) },
  ]);
  await expect(page.getByTestId('import-encoder-message')).toContainText('model.json:');

  // --- The link in a fresh browser context restores the same setup and offers Run.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('shared-link')).toContainText('2 runs');
  await expect(other.getByTestId('shared-link-problems')).toHaveCount(0);
  await expect(other.getByTestId('shared-link-run')).toBeEnabled();
  await expect(other.getByTestId('method-select')).toHaveValue('simclr');
  await expect(other.locator('input[data-param="temperature"]')).toHaveValue('0.2');
  await expect(other.locator('input[data-param="batchSize"]')).toHaveValue(String(TINY.batchSize));
  await expect(other.locator('input[data-param="maxSteps"]')).toHaveValue('3');
  await other.getByTestId('tab-compare').click();
  await expect(other.getByTestId('plan-item')).toHaveText([/SimCLR/, /MoCo/]);
  expect(await other.getByTestId('plan-item').allTextContents()).toEqual(plannedTexts);
  // Run from the link: same backend, same seed, the same first losses (within 1e-4 relative).
  await other.getByTestId('shared-link-run').click();
  const otherRows = other.getByTestId('results-row');
  await expect(otherRows).toHaveCount(2);
  for (const i of [0, 1]) await expect(otherRows.nth(i).locator('td[data-col="status"]')).toHaveAttribute('data-value', 'completed', { timeout: 300_000 });
  await other.locator('[data-testid="results-row"][data-run-name^="SimCLR"]').getByRole('button', { name: 'View' }).click();
  await expect(other.getByTestId('backend-label')).toHaveAttribute('data-backend', AUTO_BACKEND_HERE);
  const reproduced = JSON.parse((await other.getByTestId('loss-chart').getAttribute('data-series'))!) as number[];
  expect(reproduced).toHaveLength(3);
  reproduced.forEach((v, i) => expect(Math.abs(v - sharedLosses[i]) / Math.abs(sharedLosses[i])).toBeLessThanOrEqual(1e-4));
  await fresh.close();

  // --- Reload: history keeps both runs; rename survives a reload; open re-fills Compare; delete.
  await page.reload();
  await page.getByTestId('tab-history').click();
  const historyRows = page.getByTestId('history-row');
  await expect(historyRows).toHaveCount(2);
  await expect(page.getByTestId('storage-use')).toContainText('Storage:');
  const name = historyRows.filter({ hasText: 'SimCLR' }).getByTestId('history-name');
  await name.fill('my SimCLR at T 0.2');
  await name.press('Enter');
  await expect(historyRows.first()).toHaveAttribute('data-run-name', /./);
  await expect(page.locator('[data-testid="history-row"][data-run-name="my SimCLR at T 0.2"]')).toHaveCount(1);
  await page.reload();
  await page.getByTestId('tab-history').click();
  const renamed = page.locator('[data-testid="history-row"][data-run-name="my SimCLR at T 0.2"]');
  await expect(renamed).toHaveCount(1);
  await renamed.getByTestId('history-open').click();
  await expect(page.getByTestId('results-row')).toHaveCount(1);
  await expect(page.getByTestId('results-row').locator('td[data-col="knn"]')).not.toHaveAttribute('data-value', '');
  await expect(page.getByTestId('compare-map-0')).not.toHaveAttribute('data-points', '0');
  const reopenedCsv = parseCsv((await read(await downloadOf(page, () => page.getByTestId('results-row').getByRole('button', { name: 'CSV' }).click()))).toString());
  expect(reopenedCsv).toEqual(table);
  await page.getByTestId('tab-history').click();
  page.once('dialog', (d) => void d.accept());
  await page.locator('[data-testid="history-row"][data-run-name^="MoCo"]').getByTestId('history-delete').click();
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await page.reload();
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(1);

  expect(problems).toEqual([]);
});

test('when storage is nearly full the run is not saved, the user is told, and earlier runs stay', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.setParams({ ...TINY, maxSteps: 2, evalEvery: 2 });
  await page.getByTestId('train-button').click();
  await expect(app.phase()).toHaveAttribute('data-phase', 'completed', { timeout: 300_000 });
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(1);

  // The browser now reports 99 of 100 MB used.
  await page.evaluate(() => {
    Object.defineProperty(navigator.storage, 'estimate', { value: async () => ({ usage: 99 * 2 ** 20, quota: 100 * 2 ** 20 }) });
  });
  await page.getByTestId('train-button').click();
  await expect(app.phase()).toHaveAttribute('data-phase', 'completed', { timeout: 300_000 });
  await expect(page.getByTestId('history-not-saved')).toContainText('Not saved to history');
  await expect(page.getByTestId('history-not-saved')).toContainText('99.0 of 100.0 MB used');
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await page.reload();
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(1);
});

test('a link to a dropped dataset asks for the same files and checks their fingerprint before it runs', async ({ page, browser }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByTestId('file-input').setInputFiles({ name: 'colours.zip', mimeType: 'application/zip', buffer: colourZip(3, 0) });
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-status', 'loaded', { timeout: 120_000 });
  await expect(page.getByTestId('dataset-select')).toHaveValue(/^user-/);
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-link').inputValue();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('shared-link-dataset')).toContainText('trains on your own dataset "colours"');
  await expect(other.getByTestId('shared-link-run')).toBeDisabled();
  await other.getByTestId('tab-compare').click();
  await expect(other.getByTestId('run-plan')).toBeDisabled(); // the planner's Run waits for the data too
  await other.getByTestId('tab-data').click();
  // Different pixels under the same name: refused, with both fingerprints.
  await other.getByTestId('file-input').setInputFiles({ name: 'colours.zip', mimeType: 'application/zip', buffer: colourZip(3, 40) });
  await expect(other.getByTestId('import-report')).toHaveAttribute('data-status', 'loaded', { timeout: 120_000 });
  await expect(other.getByTestId('shared-link-dataset')).toContainText('is not the same data');
  await expect(other.getByTestId('shared-link-run')).toBeDisabled();
  // The same files: accepted, and the setup points at them.
  await other.getByTestId('file-input').setInputFiles({ name: 'colours.zip', mimeType: 'application/zip', buffer: colourZip(3, 0) });
  await expect(other.getByTestId('shared-link-run')).toBeEnabled({ timeout: 120_000 });
  await expect(other.getByTestId('shared-link-dataset')).toHaveCount(0);
  expect(await other.getByTestId('dataset-select').inputValue()).toBe(await page.getByTestId('dataset-select').inputValue());
  await fresh.close();
});

/** Two colour classes of small PNGs; `shift` changes the pixels (and so the fingerprint), not the names. */
function colourZip(perClass: number, shift: number): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < perClass; i++) {
    files[`colours/red/${i}.png`] = solidPng(16, [200, 20 + i * 5 + shift, 30]);
    files[`colours/blue/${i}.png`] = solidPng(16, [30, 20 + i * 5 + shift, 200]);
  }
  return Buffer.from(zipSync(files));
}

/** A link holding `payload` (any JSON) in the current format, as a tampering user could make it. */
const rawLink = (payload: unknown) => `/#x=${encodeRawPayload(payload)}`;
const goodRaw = () => ({
  d: ['shapes', 'Colour shapes', ''],
  s: [1, 300, 50, 1000, 1000, 5, 'auto'],
  r: [['simclr', { temperature: 0.3 }]],
});

test('malformed, truncated, tampered, old and hostile links never crash or run anything: the user sees what fell back', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
  const valid = goodRaw();
  const validPayload = encodeRawPayload(valid);
  const hostile = ['<script>window.__pwned=1</script>', '"><img src=x onerror="window.__pwned=1">', 'javascript:window.__pwned=1'];
  const unreadable: [string, string][] = [
    ['/#x=', 'empty'],
    ['/#x=%%%garbage', ''],
    ['/#x=99.AAAA', 'newer version'],
    ['/#x=0.AAAA', 'older version'],
    [`/#x=${validPayload.slice(0, Math.floor(validPayload.length / 2))}`, ''],
    [rawLink([1, 2, 3]), ''],
  ];
  for (const [url, fragment] of unreadable) {
    await page.goto(url);
    await expect(page.getByTestId('shared-link-error'), url).toContainText(fragment);
    await expect(page.getByTestId('train-button')).toBeEnabled();
  }

  const repaired: { payload: unknown; expect: RegExp; check?: () => Promise<void> }[] = [
    { payload: { ...valid, s: [1, 1e9, 50, 1000, 1000, 5, 'auto'] }, expect: /Steps.*1000000000.*100000/, check: async () => expect(page.locator('input[data-param="maxSteps"]')).toHaveValue('100000') },
    { payload: { ...valid, s: [-5, 300, 50, 1000, 1000, 5, 'warp-drive'] }, expect: /backend/i, check: async () => expect(page.getByTestId('backend-select')).toHaveValue('auto') },
    { payload: { ...valid, r: [['simclr', { temperature: 99, learningRate: 'fast' }]] }, expect: /temperature/i, check: async () => expect(page.locator('input[data-param="temperature"]')).toHaveValue('2') },
    ...hostile.flatMap((h) => [
      { payload: { ...valid, d: [h, 'x', ''] }, expect: /dataset/i, check: async () => expect(page.getByTestId('dataset-select')).toHaveValue('shapes') },
      { payload: { ...valid, d: ['shapes', 'x', h] }, expect: /fingerprint/i },
      { payload: { ...valid, r: [[h, {}], ['simclr', {}]] }, expect: /method/i, check: async () => expect(page.getByTestId('method-select')).toHaveValue('simclr') },
      { payload: { ...valid, r: [['simclr', { [h]: 1 }]] }, expect: /unknown/i },
      { payload: { ...valid, r: [['simclr', { optimizer: h }]] }, expect: /Optimizer/, check: async () => expect(page.locator('[data-param="optimizer"]')).toHaveValue('adam') },
      { payload: { ...valid, s: [1, 300, 50, 1000, 1000, 5, h] }, expect: /backend/i },
    ]),
  ];
  for (const { payload, expect: message, check } of repaired) {
    await page.goto(rawLink(payload));
    await expect(page.getByTestId('shared-link-problems'), JSON.stringify(payload)).toContainText(message);
    await check?.();
  }

  // A hostile dataset name is shown as text, never as markup.
  for (const h of hostile) {
    await page.goto(rawLink({ ...valid, d: ['shapes', h, ''] }));
    await expect(page.getByTestId('shared-link')).toContainText(h);
    await expect(page.getByTestId('shared-link').locator('img, script')).toHaveCount(0);
  }
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});
