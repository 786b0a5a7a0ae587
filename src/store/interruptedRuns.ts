/**
 * After a reload (or a closed tab, a crashed browser): runs whose checkpoints are still stored
 * but that no worker trains any more come back as interrupted runs, ready to resume. A run is
 * still trained somewhere (another tab) while its Web Lock (runLockName) is held; the previous
 * page's workers may take a moment to let theirs go, so held locks are checked again a few times.
 */
import type { CheckpointHead } from '../checkpoint/types';
import { runLockName } from '../checkpoint/types';
import { stateFromCheckpointHead } from './runRecords';
import type { RunState } from './runState';

export interface ScanDeps {
  listHeads(): Promise<CheckpointHead[]>;
  /** Names of the Web Locks held now (none where the Locks API is missing). */
  heldLocks(): Promise<Set<string>>;
  /** Ids of the runs this page already shows. */
  runsInSession(): Set<string>;
  /** Adds the found runs to the session. */
  add(runs: RunState[]): void;
  /** Waits `ms` (tests pass one that resolves at once). */
  sleep?(ms: number): Promise<void>;
}

/** Waits before each re-check of runs whose lock was held: about 10 s in all. */
export const LOCK_RECHECKS_MS = [1000, 2000, 3000, 4000];

/** The heads of runs to bring back now, and those to look at again (their lock is held). Pure. */
export function sortHeads(heads: readonly CheckpointHead[], held: Set<string>, inSession: Set<string>): { found: CheckpointHead[]; held: CheckpointHead[] } {
  const candidates = heads.filter((h) => !inSession.has(h.runId));
  return {
    found: candidates.filter((h) => !held.has(runLockName(h.runId))),
    held: candidates.filter((h) => held.has(runLockName(h.runId))),
  };
}

/** The held locks' names by navigator.locks.query(); an empty set where locks are missing or the query fails. */
export async function browserHeldLocks(): Promise<Set<string>> {
  try {
    const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
    if (!locks?.query) return new Set();
    const snapshot = await locks.query();
    return new Set((snapshot.held ?? []).flatMap((l) => (l.name ? [l.name] : [])));
  } catch {
    return new Set();
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Lists the stored checkpoints and adds each run that is not in this page and not held by a
 * worker as an interrupted run; runs whose lock is held are checked again after each of
 * LOCK_RECHECKS_MS. Resolves with every run it added. Never throws (no IndexedDB: nothing found).
 */
export async function findInterruptedRuns(deps: ScanDeps): Promise<RunState[]> {
  const sleep = deps.sleep ?? wait;
  let heads: CheckpointHead[];
  try { heads = await deps.listHeads(); } catch { return []; }
  const added: RunState[] = [];
  let pending = heads;
  for (let round = 0; pending.length; round++) {
    const { found, held } = sortHeads(pending, await deps.heldLocks(), deps.runsInSession());
    if (found.length) {
      const runs = found.map(stateFromCheckpointHead);
      deps.add(runs);
      added.push(...runs);
    }
    pending = held;
    if (!pending.length || round >= LOCK_RECHECKS_MS.length) break;
    await sleep(LOCK_RECHECKS_MS[round]);
  }
  return added;
}
