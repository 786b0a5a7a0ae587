/**
 * The watchdog's arithmetic, pure so it is tested with a fake clock. Every message from a run's
 * worker counts as a heartbeat (the worker also sends 'heartbeat' about once a second while it
 * steps). A training run (not paused, not before its loop) whose worker has been silent for longer
 * than its limit is flagged as stalled; the UI then offers to stop it or resume it from its last
 * checkpoint. The limit grows with the run's own pace, so a slow step or a long evaluation is not
 * mistaken for a hang.
 */
import { isEvaluating } from '../shared/protocol';
import type { RunState } from './runState';

export { isEvaluating };

/** The shortest silence that counts as a hang, by default (the e2e hook lowers it). */
export const WATCHDOG_FLOOR_MS = 30_000;
/** So many steps' time without a message is a hang... */
export const STEP_FACTOR = 20;
/** ...and, while the run evaluates, so many times its longest evaluation so far. */
export const EVALUATION_FACTOR = 3;

type Watched = Pick<RunState, 'phase' | 'detail' | 'msPerStep' | 'evals' | 'baseline'>;

/** The longest silence allowed of the run's worker now, in ms. */
export function watchdogLimit(run: Watched, floorMs = WATCHDOG_FLOOR_MS): number {
  let limit = Math.max(floorMs, STEP_FACTOR * run.msPerStep);
  if (isEvaluating(run.detail)) {
    const longest = Math.max(0, ...run.evals.map((e) => e.ms), run.baseline?.ms ?? 0);
    limit = Math.max(limit, EVALUATION_FACTOR * longest);
  }
  return limit;
}

/** Whether the watchdog looks at the run at all: only while its loop trains (paused and preparing runs may be silent). */
export const watched = (run: Pick<RunState, 'phase'>) => run.phase === 'training';

/**
 * The run's stall at `now`, or null: `lastHeard` is when its worker's latest message arrived (or
 * when the watch began: the worker's start, a resume).
 */
export function stallOf(run: Watched, lastHeard: number, now: number, floorMs = WATCHDOG_FLOOR_MS): { silentMs: number; limitMs: number } | null {
  if (!watched(run)) return null;
  const silentMs = now - lastHeard;
  const limitMs = watchdogLimit(run, floorMs);
  return silentMs > limitMs ? { silentMs, limitMs } : null;
}
