/**
 * Sharing through the UI: the link of a comparison in a fresh browser context (another user's
 * browser) restores the setup and reproduces the runs; a link to a dropped dataset waits for the
 * same files; broken and hostile links never crash or run anything.
 */
import { zipSync } from 'fflate';
import { expect, test } from './appTest';
import { AUTO_BACKEND_HERE, TINY } from './pages/appPage';
import { solidPng } from './helpers/png';
import { expectBothCompleted, planTwoRuns, runBothAtOnce } from './helpers/twoRuns';
import { encodeRawPayload } from '../src/experiment/shareLink';

test('a shared link carries the whole comparison: a fresh context restores the setup and plan, and its runs give the same losses', async ({ app, context, openFresh }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open();
  await planTwoRuns(app);
  const plannedTexts = await app.compare.planItems.allTextContents();

  // The link carries the whole setup, and is on the clipboard.
  const link = await app.compare.copyLink();
  await expect(app.compare.copyStatus).toContainText('Copied');
  expect(link.length).toBeLessThan(2000);
  expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // The SimCLR run's first losses, to compare with the same run started from the link.
  await runBothAtOnce(app);
  await app.compare.viewButton(app.compare.row('SimCLR')).click();
  const sharedLosses = await app.losses();
  expect(sharedLosses).toHaveLength(3);

  // The link in a fresh browser context restores the same setup and offers Run.
  const other = await openFresh(link);
  await expect(other.sharedLink.root).toContainText('2 runs');
  await expect(other.sharedLink.problems).toHaveCount(0);
  await expect(other.sharedLink.runButton).toBeEnabled();
  await expect(other.methodSelect).toHaveValue('simclr');
  await expect(other.param('temperature')).toHaveValue('0.2');
  await expect(other.param('batchSize')).toHaveValue(String(TINY.batchSize));
  await expect(other.param('maxSteps')).toHaveValue('3');
  await other.showTab('compare');
  await expect(other.compare.planItems).toHaveText([/SimCLR/, /MoCo/]);
  expect(await other.compare.planItems.allTextContents()).toEqual(plannedTexts);
  // Run from the link: same backend, same seed, the same first losses (within 1e-4 relative).
  await other.sharedLink.runButton.click();
  await expectBothCompleted(other);
  await other.compare.viewButton(other.compare.row('SimCLR')).click();
  await expect(other.backendLabel).toHaveAttribute('data-backend', AUTO_BACKEND_HERE);
  const reproduced = await other.losses();
  expect(reproduced).toHaveLength(3);
  reproduced.forEach((v, i) => expect(Math.abs(v - sharedLosses[i]) / Math.abs(sharedLosses[i])).toBeLessThanOrEqual(1e-4));
});

/** Two colour classes of small PNGs; `shift` changes the pixels (and so the fingerprint), not the names. */
function colourZip(perClass: number, shift: number) {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < perClass; i++) {
    files[`colours/red/${i}.png`] = solidPng(16, [200, 20 + i * 5 + shift, 30]);
    files[`colours/blue/${i}.png`] = solidPng(16, [30, 20 + i * 5 + shift, 200]);
  }
  return { name: 'colours.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) };
}

test('a link to a dropped dataset asks for the same files and checks their fingerprint before it runs', async ({ app, openFresh }) => {
  await app.open();
  await app.data.importFiles(colourZip(3, 0));
  await expect(app.data.report).toHaveAttribute('data-status', 'loaded', { timeout: 120_000 });
  await expect(app.datasetSelect).toHaveValue(/^user-/);
  await app.showTab('compare');
  const link = await app.compare.copyLink();

  const other = await openFresh(link);
  await expect(other.sharedLink.dataset).toContainText('trains on your own dataset "colours"');
  await expect(other.sharedLink.runButton).toBeDisabled();
  await other.showTab('compare');
  await expect(other.compare.runButton).toBeDisabled(); // the planner's Run waits for the data too
  await other.showTab('data');
  // Different pixels under the same name: refused, with both fingerprints.
  await other.data.importFiles(colourZip(3, 40));
  await expect(other.data.report).toHaveAttribute('data-status', 'loaded', { timeout: 120_000 });
  await expect(other.sharedLink.dataset).toContainText('is not the same data');
  await expect(other.sharedLink.runButton).toBeDisabled();
  // The same files: accepted, and the setup points at them.
  await other.data.importFiles(colourZip(3, 0));
  await expect(other.sharedLink.runButton).toBeEnabled({ timeout: 120_000 });
  await expect(other.sharedLink.dataset).toHaveCount(0);
  expect(await other.datasetSelect.inputValue()).toBe(await app.datasetSelect.inputValue());
});

/** A link holding `payload` (any JSON) in the current format, as a tampering user could make it. */
const rawLink = (payload: unknown) => `/#x=${encodeRawPayload(payload)}`;
const goodRaw = () => ({
  d: ['shapes', 'Colour shapes', ''],
  s: [1, 300, 50, 1000, 1000, 5, 'auto'],
  r: [['simclr', { temperature: 0.3 }]],
});

test('malformed, truncated, tampered, old and hostile links never crash or run anything: the user sees what fell back', async ({ app, page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(`dialog: ${d.message()}`); void d.dismiss(); });
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
    await app.goto(url);
    await expect(app.sharedLink.error, url).toContainText(fragment);
    await expect(app.trainButton).toBeEnabled();
  }

  const repaired: { payload: unknown; expect: RegExp; check?: () => Promise<void> }[] = [
    { payload: { ...valid, s: [1, 1e9, 50, 1000, 1000, 5, 'auto'] }, expect: /Steps.*1000000000.*100000/, check: async () => expect(app.param('maxSteps')).toHaveValue('100000') },
    { payload: { ...valid, s: [-5, 300, 50, 1000, 1000, 5, 'warp-drive'] }, expect: /backend/i, check: async () => expect(app.backendSelect).toHaveValue('auto') },
    { payload: { ...valid, r: [['simclr', { temperature: 99, learningRate: 'fast' }]] }, expect: /temperature/i, check: async () => expect(app.param('temperature')).toHaveValue('2') },
    ...hostile.flatMap((h) => [
      { payload: { ...valid, d: [h, 'x', ''] }, expect: /dataset/i, check: async () => expect(app.datasetSelect).toHaveValue('shapes') },
      { payload: { ...valid, d: ['shapes', 'x', h] }, expect: /fingerprint/i },
      { payload: { ...valid, r: [[h, {}], ['simclr', {}]] }, expect: /method/i, check: async () => expect(app.methodSelect).toHaveValue('simclr') },
      { payload: { ...valid, r: [['simclr', { [h]: 1 }]] }, expect: /unknown/i },
      { payload: { ...valid, r: [['simclr', { optimizer: h }]] }, expect: /Optimizer/, check: async () => expect(app.choice('optimizer')).toHaveValue('adam') },
      { payload: { ...valid, s: [1, 300, 50, 1000, 1000, 5, h] }, expect: /backend/i },
    ]),
  ];
  for (const { payload, expect: message, check } of repaired) {
    await app.goto(rawLink(payload));
    await expect(app.sharedLink.problems, JSON.stringify(payload)).toContainText(message);
    await check?.();
  }

  // A hostile dataset name is shown as text, never as markup.
  for (const h of hostile) {
    // A dropped dataset's name comes from the link (a built-in one shows the app's own name, in the reader's language).
    await app.goto(rawLink({ ...valid, d: ['user-0123456789ab', h, '0123456789abcdef'] }));
    await expect(app.sharedLink.root).toContainText(h);
    await expect(app.sharedLink.root.locator('img, script')).toHaveCount(0);
  }
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]); // page errors: the shared problem watcher
});
