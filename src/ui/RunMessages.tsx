import { useTranslation } from 'react-i18next';
import { formatInteger } from '../i18n/format';
import { useText } from '../i18n/render';
import { useFocusedRun } from '../store/runStore';
import { useText } from '../i18n/render';

/** Errors (with what was kept) and param adjustments the worker reported. */
export function RunMessages() {
<<<<<<< HEAD
  const { t } = useTranslation();
=======
>>>>>>> h-compare
  const tx = useText();
  const error = useFocusedRun((r) => r.error);
  const issues = useFocusedRun((r) => r.paramIssues);
  const points = useFocusedRun((r) => r.points.length);
  const notices = useFocusedRun((r) => r.notices);
  const saving = useFocusedRun((r) => r.history);
  const checkpointWarning = useFocusedRun((r) => r.checkpointWarning);
  const tx = useText();
  const notSaved = saving.status === 'refused' || saving.status === 'failed';
  if (!error && issues.length === 0 && notices.length === 0 && !notSaved && !checkpointWarning) return null;
  return (
    <div className="messages">
      {error && (
        <div className="error" role="alert" data-testid="run-error">
<<<<<<< HEAD
          <strong>{t('app.runMessages.stopped')}</strong> {tx(error)}
          {points > 0 && <span> {t('app.runMessages.keptSteps', { points: formatInteger(points) })}</span>}
=======
          <strong>Training stopped with an error.</strong> {tx(error)}
          {points > 0 && <span> The charts below keep the {points} steps recorded before it.</span>}
>>>>>>> h-messages
        </div>
      )}
      {/* Stays until a later checkpoint is written. */}
<<<<<<< HEAD
      {checkpointWarning && <div className="warning" role="alert" data-testid="checkpoint-warning">{tx(checkpointWarning)}</div>}
<<<<<<< HEAD
      {notSaved && <div className="warning" role="alert" data-testid="history-not-saved">{tx(saving.message)}</div>}
=======
      {notSaved && <div className="warning" role="alert" data-testid="history-not-saved">{saving.message}</div>}
>>>>>>> h-messages
      {notices.map((n, i) => <div key={i} className="warning" role="status" data-testid="run-notice">{tx(n)}</div>)}
=======
      {checkpointWarning && <div className="warning" role="alert" data-testid="checkpoint-warning">{checkpointWarning}</div>}
      {notSaved && <div className="warning" role="alert" data-testid="history-not-saved">{tx(saving.message)}</div>}
      {notices.map((n, i) => <div key={i} className="warning" role="status" data-testid="run-notice">{n}</div>)}
>>>>>>> h-compare
      {issues.length > 0 && (
        <div className="warning" role="status">
          {t('app.runMessages.paramsAdjusted', { issues: issues.map((i) => tx(i.message)).join(t('app.runMessages.issueSeparator')) })}
        </div>
      )}
    </div>
  );
}
