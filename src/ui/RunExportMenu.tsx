/**
 * The Training tab's Export menu: the shown run's exports (the same items as its row in the
 * Compare table), the message of one that fails, and what each file is for.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusedRun } from '../store/runStore';
import { RowMenu } from './compare/RowMenu';
import { ExportHelp } from './compare/ExportHelp';
import { exportableRun, runExportActions } from './compare/runExportActions';
import { useText } from '../i18n/render';
import { errorMessage } from '../i18n/textError';
import type { Text } from '../shared/text';

export function RunExportMenu() {
  const { t } = useTranslation();
  const tx = useText();
  const run = useFocusedRun();
  const [error, setError] = useState<Text | string | null>(null);
  // Nothing to export before a run has logged anything (the draft's empty run).
  if (run.points.length === 0 && run.evals.length === 0 && !run.hasEncoder) return null;
  const attempt = (f: () => void | Promise<void>) => {
    const report = (e: unknown) => setError(errorMessage(e));
    try { setError(null); void f()?.catch(report); } catch (e) { report(e); }
  };
  return (
    <div className="run-export" data-testid="run-export">
      <RowMenu label={t('app.run.exportMenu', { name: run.name })} buttonText={t('app.run.export')} testId="run-export-menu"
        actions={runExportActions(exportableRun(run), () => run, t, tx, attempt)} />
      {error && <p className="error" role="alert" data-testid="run-export-error">{tx(error)}</p>}
      <ExportHelp />
    </div>
  );
}
