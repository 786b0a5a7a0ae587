import { useTranslation } from 'react-i18next';
import { formatInteger } from '../i18n/format';
import { useText } from '../i18n/render';
import { useFocusedRun } from '../store/runStore';

/** Errors (with what was kept) and param adjustments the worker reported. */
export function RunMessages() {
  const { t } = useTranslation();
  const tx = useText();
  const error = useFocusedRun((r) => r.error);
  const issues = useFocusedRun((r) => r.paramIssues);
  const points = useFocusedRun((r) => r.points.length);
  const notices = useFocusedRun((r) => r.notices);
  const saving = useFocusedRun((r) => r.history);
  const checkpointWarning = useFocusedRun((r) => r.checkpointWarning);
  const notSaved = saving.status === 'refused' || saving.status === 'failed';
  if (!error && issues.length === 0 && notices.length === 0 && !notSaved && !checkpointWarning) return null;
  return (
    <div className="messages">
      {error && (
        <div className="error" role="alert" data-testid="run-error">
          <strong>{t('app.runMessages.stopped')}</strong> {tx(error)}
          {points > 0 && <span> {t('app.runMessages.keptSteps', { points: formatInteger(points) })}</span>}
        </div>
      )}
      {/* Stays until a later checkpoint is written. */}
      {checkpointWarning && <div className="warning" role="alert" data-testid="checkpoint-warning">{tx(checkpointWarning)}</div>}
      {notSaved && <div className="warning" role="alert" data-testid="history-not-saved">{tx(saving.message)}</div>}
      {notices.map((n, i) => <div key={i} className="warning" role="status" data-testid="run-notice">{tx(n)}</div>)}
      {issues.length > 0 && (
        <div className="warning" role="status">
          {t('app.runMessages.paramsAdjusted', { issues: issues.map((i) => tx(i.message)).join(t('app.runMessages.issueSeparator')) })}
        </div>
      )}
    </div>
  );
}
