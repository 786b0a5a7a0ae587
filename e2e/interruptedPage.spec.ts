/**
 * Interrupted runs as the page handles them on its own (the main thread's side of durability): a
 * run a previous page left comes back after a reload from its stored checkpoint, and a run whose
 * worker crashes is interrupted rather than failed, and not saved to history.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './appTest';
import { TINY } from './pages/appPage';

/** Stores a checkpoint head (no tensors: the page lists heads only) as a page that trained 50 steps would have left it. */
async function leaveCheckpointHead(page: Page, runId: string): Promise<void> {
  await page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('pretext-checkpoints', 1);
      r.onupgradeneeded = () => { r.result.createObjectStore('checkpoints', { keyPath: ['runId', 'step'] }); r.result.createObjectStore('heads', { keyPath: 'runId' }); };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const points = Array.from({ length: 50 }, (_, i) => ({ step: i + 1, wall: (i + 1) / 10, loss: 4 - i * 0.03, posSim: 0.5, negSim: 0.1 }));
    const head = {
      runId: id, step: 50, savedAt: Date.now() - 60_000, identity: { id, name: 'Left by the last page', createdAt: Date.now() - 120_000, datasetRef: { id: 'shapes', name: 'Colour shapes', fingerprint: '' } },
      config: { methodId: 'simclr', datasetId: 'shapes', params: {}, seed: 1, maxSteps: 300, evalEvery: 50, evalBankSize: 1000, evalQuerySize: 1000, metricsEvery: 5, backend: 'auto' },
      backend: 'webgl', bytes: 420_000, checksum: 'x', kept: [{ step: 50, bytes: 420_000 }],
      progress: { metricNames: ['loss', 'posSim', 'negSim'], points, evals: [], baseline: null, embeddings: null, wallMs: 5000, msPerStep: 100, imagesPerSecond: 640 },
    };
    await new Promise((resolve, reject) => { const tx = db.transaction('heads', 'readwrite'); tx.objectStore('heads').put(head); tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
  }, runId);
}

const interruptedAlert = (page: Page) => page.getByRole('alert').filter({ hasText: /^Interrupted at step \d+/ });

test('a run a previous page left is back after a reload as interrupted, with its steps; Discard deletes it for good', async ({ app, page }) => {
  await app.open();
  await leaveCheckpointHead(page, 'run-left-behind');
  await app.reload();
  const alert = interruptedAlert(page);
  await expect(alert).toContainText(/^Interrupted at step 50\. This run was interrupted at step 50 when the page was reloaded or closed/);
  await expect(page.getByRole('button', { name: 'Resume from step 50' })).toBeVisible();
  await expect(page.getByTestId('last-checkpoint')).toHaveText(/Last checkpoint: step 50 \(0\.4 MB\)/);
  await expect(app.stepCounter).toHaveAttribute('data-step', '50');
  // Not live: no Pause or Stop; it is not in history either.
  await expect(page.getByTestId('pause-button')).toHaveCount(0);
  await expect(page.getByTestId('stop-button')).toHaveCount(0);
  // The alert and its buttons pass axe (serious and critical), and the buttons are in the Tab order.
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="interrupted-banner"]').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await expect(page.getByRole('button', { name: 'Discard' })).not.toHaveAttribute('tabindex', '-1');
  const runs = await page.evaluate(() => window.__pretextTest!.runs());
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ id: 'run-left-behind', name: 'Left by the last page', phase: 'interrupted', steps: 50, backend: 'webgl', checkpointStep: 50 });

  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(alert).toHaveCount(0);
  expect(await page.evaluate(() => window.__pretextTest!.runs())).toEqual([]);
  await app.reload();
  await page.waitForTimeout(1000);
  await expect(interruptedAlert(page)).toHaveCount(0);
});

test('a crashed worker interrupts its run (not failed, not saved to history); Pause and Stop give way to Resume and Discard', async ({ app, page }) => {
  await app.open();
  await app.chooseBackend('wasm');
  await app.setParams({ ...TINY, maxSteps: 5000, evalEvery: 0 });
  await app.train();
  await app.waitForStep(2);
  const [run] = await page.evaluate(() => window.__pretextTest!.runs());
  await page.evaluate((id) => window.__pretextTest!.terminateWorker(id), run.id);

  const alert = interruptedAlert(page);
  await expect(alert).toContainText(/^Interrupted at step \d+\. The training worker crashed: /);
  await expect(app.phase()).toHaveAttribute('data-phase', 'interrupted');
  await expect(page.getByTestId('pause-button')).toHaveCount(0);
  await expect(page.getByTestId('stop-button')).toHaveCount(0);
  const resume = page.getByRole('button', { name: /^Resume from step \d+$/ });
  await expect(resume).toBeVisible();
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  const steps = await page.evaluate((id) => window.__pretextTest!.points(id).length, run.id);
  expect(steps).toBeGreaterThanOrEqual(2);
  await app.showTab('history');
  await page.waitForTimeout(500);
  await expect(app.history.rows).toHaveCount(0);

  // Resume from the keyboard: the run leaves the interrupted state for a new worker.
  await resume.focus();
  await page.keyboard.press('Enter');
  await expect(alert).toHaveCount(0);
  await expect(app.phase()).not.toHaveAttribute('data-phase', 'interrupted');
});
