import { useFocusedRun } from '../store/runStore';
import { useText } from '../i18n/render';

/** Errors (with what was kept) and param adjustments the worker reported. */
export function RunMessages() {
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
          <strong>Training stopped with an error.</strong> {error}
          {points > 0 && <span> The charts below keep the {points} steps recorded before it.</span>}
        </div>
      )}
      {/* Stays until a later checkpoint is written. */}
      {checkpointWarning && <div className="warning" role="alert" data-testid="checkpoint-warning">{checkpointWarning}</div>}
      {notSaved && <div className="warning" role="alert" data-testid="history-not-saved">{tx(saving.message)}</div>}
      {notices.map((n, i) => <div key={i} className="warning" role="status" data-testid="run-notice">{n}</div>)}
      {issues.length > 0 && (
        <div className="warning" role="status">
          Some params were adjusted: {issues.map((i) => i.message).join('; ')}
        </div>
      )}
    </div>
  );
}
