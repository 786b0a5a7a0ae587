/** After a preset replaced the setup panel and the plan: what changed, and an Undo. */
import { useAppStore } from '../store/runStore';

export function PresetUndoNotice() {
  const undo = useAppStore((s) => s.presetUndo);
  const runs = useAppStore((s) => s.plan.length);
  if (!undo) return null;
  const { undoPreset, dismissPresetUndo } = useAppStore.getState();
  const before = undo.plan.length;
  return (
    <div className="notice preset-undo" role="status" data-testid="preset-undo">
      Loaded the preset "{undo.title}": the setup panel and the plan ({runs} run{runs === 1 ? '' : 's'}) replace what was there
      {before > 0 ? ` (a plan of ${before} run${before === 1 ? '' : 's'})` : ''}.{' '}
      <button type="button" className="secondary small" data-testid="preset-undo-button" onClick={undoPreset}>Undo</button>{' '}
      <button type="button" className="secondary small" aria-label="Dismiss" onClick={dismissPresetUndo}>×</button>
    </div>
  );
}
