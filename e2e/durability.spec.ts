/**
 * Durability as a user meets it: a run whose worker crashes, whose GPU device is lost, or whose
 * page is reloaded shows as interrupted at its last checkpoint and resumes from it, continuing
 * exactly (same losses as an uninterrupted run of the same seed); a hung worker is noticed; a full
 * quota costs checkpoints, not training; a damaged checkpoint is refused, never loaded.
 */
import { expect, test } from './appTest';
import { TINY } from './pages/appPage';
import { relativeDiff, RunFaults } from './pages/runFaults';

/** The checkpoint settings (run settings, not part of the experiment). */
async function setCheckpoints(page: import('@playwright/test').Page, everySteps: number, keep = 2): Promise<void> {
  await page.getByLabel(/^Checkpoint every/).fill(String(everySteps));
  await page.getByLabel(/^and at least every/).fill('0');
  await page.getByLabel(/^Checkpoints kept/).fill(String(keep));
}

/** A SimCLR run at the tiny settings that trains until stopped, checkpointing every 5 steps; its id. */
async function startLongRun(app: import('./pages/appPage').AppPage, faults: RunFaults, keep?: number): Promise<string> {
  await app.open();
  await app.setUp({ method: 'simclr', params: { ...TINY, maxSteps: 100000, evalEvery: 0 } });
  await setCheckpoints(app.page, 5, keep);
  await app.train();
  return faults.runId();
}

test('a run interrupted by a crashed worker, a lost GPU device and a reload resumes each time from its checkpoint, on WebGPU, with the losses of an uninterrupted run', async ({ app, page }) => {
  test.setTimeout(600_000);
  const faults = new RunFaults(page);
  await app.open();
  await app.setUp({ method: 'simclr', backend: 'webgpu', params: { ...TINY, maxSteps: 16, evalEvery: 0 } });
  await setCheckpoints(page, 4);

  // The reference: the same seed, uninterrupted.
  await app.train();
  await app.expectBackend('webgpu');
  await app.expectCompleted();
  const reference = await faults.losses(await faults.runId());
  expect(reference.map((p) => p.step)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));

  await app.train();
  const id = await faults.runId();
  await app.expectBackend('webgpu');

  // 1. The worker dies (as worker.terminate() or a crash would): interrupted at the last checkpoint.
  const first = await faults.waitForCheckpoint(id, 4);
  await faults.terminateWorker(id);
  await expect(faults.interrupted).toBeVisible();
  await expect(faults.interrupted).toContainText('crashed');
  await expect(page.getByTestId('pause-button')).toHaveCount(0);
  await expect(faults.resumeFrom(first)).toBeVisible();
  await faults.resumeFrom(first).click();
  await expect(app.runNotice.filter({ hasText: `Resumed from the checkpoint at step ${first}` })).toBeVisible();
  await app.expectBackend('webgpu');

  // 2. The GPU device is lost (the worker reports it, as the real callback does).
  const second = await faults.waitForCheckpoint(id, first + 4);
  await faults.inject(id, 'deviceLost');
  await expect(faults.interrupted).toContainText(/GPU device was lost/);
  await faults.resumeAny.click();
  await app.expectPhase('training');

  // 3. The page is reloaded mid-run: the run is there after the reload, interrupted, and resumes.
  const third = await faults.waitForCheckpoint(id, Math.max(second, 12));
  await app.reload();
  await expect(faults.interrupted).toBeVisible({ timeout: 30_000 });
  await expect(faults.interrupted).toContainText(/reloaded or closed/);
  await expect(faults.resumeFrom(third)).toBeVisible();
  // What it recorded up to the checkpoint is on screen before it resumes.
  expect((await faults.losses(id)).length).toBe(third);
  await faults.resumeFrom(third).click();
  await app.expectCompleted();
  await app.expectBackend('webgpu');

  const resumed = await faults.losses(id);
  expect(resumed.map((p) => p.step)).toEqual(reference.map((p) => p.step));
  const worst = Math.max(...resumed.map((p, i) => relativeDiff(p.loss, reference[i].loss)));
  console.log(`resume equality on webgpu: checkpoints at steps ${first}, ${second}, ${third}; largest relative loss difference over 16 steps ${worst.toExponential(2)}`);
  expect(worst).toBeLessThanOrEqual(1e-4);
  // A completed run's checkpoints are deleted: it is in History now.
  await expect.poll(() => faults.storedSteps(id)).toEqual([]);
});

test('a hung worker is noticed by the watchdog and resumed from its checkpoint; an uncaught error interrupts the run, which resumes on another backend and says so; Discard deletes its checkpoints', async ({ app, page }) => {
  test.setTimeout(300_000);
  const faults = new RunFaults(page);
  const id = await startLongRun(app, faults);
  await app.expectBackend('wasm');
  await faults.setWatchdogFloor(3000);

  const at = await faults.waitForCheckpoint(id, 5);
  await faults.inject(id, 'hang');
  await expect(faults.stalled).toBeVisible({ timeout: 30_000 });
  await expect(faults.stopStalled).toBeVisible();
  await faults.resumeStalled.click();
  await expect(faults.stalled).toHaveCount(0);
  await expect(app.runNotice.filter({ hasText: /Resumed from the checkpoint at step \d+/ })).toBeVisible({ timeout: 60_000 });
  await app.waitForStep(at + 3);

  const before = await faults.waitForCheckpoint(id, at + 5);
  await faults.inject(id, 'uncaughtError');
  await expect(faults.interrupted).toContainText('crashed');
  // Resumed on another backend than it trained on: it continues, and says its losses will differ slightly.
  await page.getByLabel('Resume on').selectOption('webgl');
  await faults.resumeAny.click();
  await app.expectBackend('webgl');
  await expect(app.runNotice.filter({ hasText: 'This run trained on wasm up to its checkpoint and continues on webgl: its losses will differ slightly' })).toBeVisible({ timeout: 60_000 });
  await app.waitForStep(before + 2);

  await faults.terminateWorker(id);
  await expect(faults.interrupted).toBeVisible();
  expect((await faults.storedSteps(id)).length).toBeGreaterThan(0);
  await faults.discard.click();
  await expect(faults.interrupted).toHaveCount(0);
  await expect.poll(() => faults.storedSteps(id)).toEqual([]);
});

test('a full quota costs checkpoints, not training, and keeps the last good one; a damaged checkpoint is refused with a message and never loaded', async ({ app, page }) => {
  test.setTimeout(300_000);
  const faults = new RunFaults(page);
  const id = await startLongRun(app, faults, 1);
  const good = await faults.waitForCheckpoint(id, 5);

  // The origin's quota shrinks below what it already uses: no checkpoint can be written now.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.max(1024, Math.floor(usage / 2)) });
  const warning = page.getByRole('alert').filter({ hasText: /Checkpoint at step \d+ not written/ });
  await expect(warning).toBeVisible({ timeout: 120_000 });
  await expect(warning).toContainText('Training goes on');
  // The write failed in IndexedDB itself (Chromium's estimate does not show an overridden quota).
  await expect(warning).toContainText('ran out of room while writing it');
  // Steps are fast here: the checkpoint kept is the last one written before the quota shrank.
  const kept = await faults.storedSteps(id);
  expect(kept).toHaveLength(1);
  expect(kept[0]).toBeGreaterThanOrEqual(good);
  const stepAtWarning = await app.step();
  await app.waitForStep(stepAtWarning + 20);
  expect(await faults.storedSteps(id)).toEqual(kept);

  // The last good checkpoint is what a crash resumes from. The worker goes before the quota
  // comes back, or it could write a newer checkpoint in between (keep is 1 here).
  await faults.terminateWorker(id);
  await expect(faults.resumeFrom(kept[0])).toBeVisible();
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  expect(await faults.storedSteps(id)).toEqual(kept);

  // The stored record is damaged on disk: Resume refuses it and says why, and starts over.
  expect(await faults.corruptCheckpoints(id)).toBe(1);
  await faults.resumeFrom(kept[0]).click();
  const refused = app.runNotice.filter({ hasText: /damaged/ });
  await expect(refused).toBeVisible({ timeout: 60_000 });
  await expect(refused).toContainText(`the checkpoint at step ${kept[0]} is damaged (its checksum does not match what it holds); no older checkpoint is left, so the run starts again from step 0`);
  await expect(app.runNotice.filter({ hasText: 'Resumed from the checkpoint' })).toHaveCount(0);
  await app.expectPhase('training');
  await app.stop();
  await app.expectPhase('stopped');
});
