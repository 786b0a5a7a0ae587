/**
 * Hooks for the e2e fault tests, on `window.__pretextTest`: read the runs and their points, and
 * cause the faults a test cannot cause from outside (a crashed worker, a lost GPU device, a hang),
 * with a watchdog that gives up sooner. They only reach the store and the worker pool, as the UI
 * does; nothing here changes how the app behaves until a test calls it.
 */
import type { WorkerFault } from '../shared/protocol';
import type { MetricPoint } from '../store/metricsBuffer';
import { appPool, useAppStore } from '../store/runStore';

export interface TestRunSummary {
  id: string;
  name: string;
  phase: string;
  /** The newest step the page recorded. */
  steps: number;
  /** The backend running (or that last ran) it, null before it is known. */
  backend: string | null;
  /** The newest checkpoint's step, null when none was written. */
  checkpointStep: number | null;
  /** The newest checkpoint's estimated bytes and capture-to-commit milliseconds (null: none yet, or found after a reload). */
  checkpoint: { bytes: number; ms: number | null } | null;
  msPerStep: number;
}

export interface PretextTestHooks {
  runs(): TestRunSummary[];
  points(id: string): MetricPoint[];
  /** Kills the run's worker as a crash would: the page treats it exactly like worker.onerror. */
  terminateWorker(id: string): void;
  /** Asks the run's worker to fail as the fault would (the worker side plays it). */
  injectFault(id: string, fault: WorkerFault): void;
  /** The watchdog's shortest silence called a hang (30 s by default). */
  setWatchdogFloorMs(ms: number): void;
}

declare global {
  interface Window {
    __pretextTest?: PretextTestHooks;
  }
}

export function installTestHooks(target: Window = window): void {
  const find = (id: string) => useAppStore.getState().runs.find((r) => r.id === id);
  target.__pretextTest = {
    runs: () => useAppStore.getState().runs.map((r) => ({
      id: r.id, name: r.name, phase: r.phase, steps: r.points[r.points.length - 1]?.step ?? 0, backend: r.backend?.backend ?? null, checkpointStep: r.checkpoint?.step ?? null,
      checkpoint: r.checkpoint ? { bytes: r.checkpoint.bytes, ms: r.checkpoint.ms ?? null } : null, msPerStep: r.msPerStep,
    })),
    points: (id) => {
      appPool.flush();
      return structuredClone(find(id)?.points ?? []);
    },
    terminateWorker: (id) => appPool.crash(id, 'the worker was terminated (test hook)'),
    injectFault: (id, fault) => appPool.injectFault(id, fault),
    setWatchdogFloorMs: (ms) => appPool.setWatchdogFloorMs(ms),
  };
}
