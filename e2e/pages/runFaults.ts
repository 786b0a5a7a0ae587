/**
 * The durability tests' handle on a run: what the page shows of an interrupted or stalled run
 * (the alert, Resume, Discard, Stop) and the test hooks that make faults happen
 * (window.__pretextTest, src/ui/testHooks.ts): a crashed worker, a lost device, a hang.
 */
import { expect, type Locator, type Page } from '@playwright/test';

type Fault = 'deviceLost' | 'uncaughtError' | 'hang';
interface HookRun { id: string; name: string; phase: string; steps: number; backend: string | null; checkpointStep: number | null }
// window.__pretextTest's type is declared by src/ui/testHooks.ts (the page installs it at start).

export const CHECKPOINT_DB = 'pretext-checkpoints';

export class RunFaults {
  constructor(readonly page: Page) {}

  /** The alert of an interrupted run ("Interrupted at step N …"). */
  get interrupted(): Locator { return this.page.getByRole('alert').filter({ hasText: /^Interrupted at step/ }); }
  /** The alert of a run whose worker stopped answering. */
  get stalled(): Locator { return this.page.getByRole('alert').filter({ hasText: 'has not answered for' }); }
  resumeFrom(step: number | RegExp): Locator { return this.page.getByRole('button', { name: typeof step === 'number' ? `Resume from step ${step}` : step }); }
  get resumeAny(): Locator { return this.page.getByRole('button', { name: /^Resume from step \d+$/ }); }
  get discard(): Locator { return this.page.getByRole('button', { name: 'Discard' }); }
  get stopStalled(): Locator { return this.page.getByRole('button', { name: 'Stop run' }); }
  get resumeStalled(): Locator { return this.page.getByRole('button', { name: 'Resume from last checkpoint' }); }
  /** "Last checkpoint: step N (… MB, … ms)". */
  get lastCheckpoint(): Locator { return this.page.getByText(/^Last checkpoint: step \d+/); }

  async runs(): Promise<HookRun[]> { return this.page.evaluate(() => window.__pretextTest!.runs()); }

  /** The shown run: the only live one, or the newest. */
  async runId(): Promise<string> {
    const runs = await this.runs();
    return runs[runs.length - 1].id;
  }

  async losses(id: string): Promise<{ step: number; loss: number }[]> {
    return this.page.evaluate((runId) => window.__pretextTest!.points(runId).map((p) => ({ step: p.step, loss: p.loss })), id);
  }

  /** Waits until the run has written a checkpoint at or after `step`; returns its step. */
  async waitForCheckpoint(id: string, step: number): Promise<number> {
    await expect.poll(async () => (await this.runs()).find((r) => r.id === id)?.checkpointStep ?? -1, { timeout: 300_000 }).toBeGreaterThanOrEqual(step);
    return (await this.runs()).find((r) => r.id === id)!.checkpointStep!;
  }

  async terminateWorker(id: string): Promise<void> { await this.page.evaluate((runId) => window.__pretextTest!.terminateWorker(runId), id); }
  async inject(id: string, fault: Fault): Promise<void> { await this.page.evaluate(([runId, f]) => window.__pretextTest!.injectFault(runId, f as Fault), [id, fault]); }
  async setWatchdogFloor(ms: number): Promise<void> { await this.page.evaluate((n) => window.__pretextTest!.setWatchdogFloorMs(n), ms); }

  /** The checkpoint steps IndexedDB holds for a run, newest first (read as the page would). */
  async storedSteps(id: string): Promise<number[]> {
    return this.page.evaluate(([db, runId]) => new Promise<number[]>((resolve, reject) => {
      const open = indexedDB.open(db);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('checkpoints', 'readonly');
        const all = tx.objectStore('checkpoints').getAll(IDBKeyRange.bound([runId, -Infinity], [runId, Infinity]));
        all.onsuccess = () => { open.result.close(); resolve((all.result as { step: number }[]).map((c) => c.step).sort((a, b) => b - a)); };
        all.onerror = () => reject(all.error);
      };
    }), [CHECKPOINT_DB, id]);
  }

  /** Flips bytes in the tensor data of every stored checkpoint of a run (storage damaged on disk). */
  async corruptCheckpoints(id: string): Promise<number> {
    return this.page.evaluate(([db, runId]) => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(db);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('checkpoints', 'readwrite');
        const store = tx.objectStore('checkpoints');
        const all = store.getAll(IDBKeyRange.bound([runId, -Infinity], [runId, Infinity]));
        let n = 0;
        all.onsuccess = () => {
          for (const c of all.result as { state: { data: ArrayBuffer } }[]) {
            const bytes = new Uint8Array(c.state.data);
            for (let i = 0; i < bytes.length; i += 97) bytes[i] ^= 0x5a;
            store.put(c);
            n++;
          }
        };
        tx.oncomplete = () => { open.result.close(); resolve(n); };
        tx.onerror = () => reject(tx.error);
      };
    }), [CHECKPOINT_DB, id]);
  }
}

/** Relative difference of two losses (the resume-equality check). */
export const relativeDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);
