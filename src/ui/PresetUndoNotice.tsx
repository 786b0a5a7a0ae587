/** After a preset replaced the setup panel and the plan: what changed, and an Undo. */
import { useTranslation } from 'react-i18next';
import { PRESETS } from '../experiment/presets';
import { presetTitle } from '../i18n/content';
import { useText } from '../i18n/render';
import type { Text } from '../shared/text';
import { useAppStore } from '../store/runStore';

/** The preset's title in the current language: the store keeps its English title. */
function shownTitle(title: string | Text, tx: (x: string | Text) => string): string {
  const preset = typeof title === 'string' ? PRESETS.find((p) => p.title === title) : undefined;
  return preset ? presetTitle(preset.id) : tx(title);
}

export function PresetUndoNotice() {
  const { t } = useTranslation();
  const tx = useText();
  const undo = useAppStore((s) => s.presetUndo);
  const runs = useAppStore((s) => s.plan.length);
  if (!undo) return null;
  const { undoPreset, dismissPresetUndo } = useAppStore.getState();
  const before = undo.plan.length;
  const values = { title: shownTitle(undo.title, tx), runs: t('app.presetUndo.runs', { count: runs }) };
  return (
    <div className="notice preset-undo" role="status" data-testid="preset-undo">
      {before > 0 ? t('app.presetUndo.loadedOverPlan', { ...values, before: t('app.presetUndo.runs', { count: before }) }) : t('app.presetUndo.loaded', values)}{' '}
      <button type="button" className="secondary small" data-testid="preset-undo-button" onClick={undoPreset}>{t('app.presetUndo.undo')}</button>{' '}
      <button type="button" className="secondary small" aria-label={t('app.presetUndo.dismiss')} onClick={dismissPresetUndo}>×</button>
    </div>
  );
}
