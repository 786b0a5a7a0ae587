/** Reading the app state: the focused run (stored once, in `runs`) and what follows from it. */
import type { MethodId } from '../methods/catalog';
import type { AppState } from './appState';
import { IDLE_RUN, type RunState } from './runState';

/** The run the Training tab shows, or the (frozen, so stable) idle run when none is focused. */
export const selectFocusedRun = (s: Pick<AppState, 'runs' | 'focusId'>): RunState =>
  (s.focusId !== null && s.runs.find((r) => r.id === s.focusId)) || IDLE_RUN;

/**
 * The method whose charts and heads the Training tab shows: the focused run's, the draft's when
 * no run is focused, and none for an imported encoder (it was not trained here).
 */
export function selectShownMethod(s: Pick<AppState, 'runs' | 'focusId' | 'draft'>): MethodId | null {
  const run = selectFocusedRun(s);
  if (run.config) return run.config.methodId;
  return run.imported ? null : s.draft.methodId;
}
