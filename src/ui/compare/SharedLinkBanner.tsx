/** What opening a shared link did: restored runs, fields that fell back, or why it could not be read. */
import { useEffect } from 'react';
import { useAppStore } from '../../store/runStore';
import { useDatasetCheck } from './datasetCheck';

export function SharedLinkBanner({ onRun }: { onRun: () => void }) {
  const notice = useAppStore((s) => s.sharedLink);
  const check = useDatasetCheck(notice?.dataset ?? null);
  const { dismissSharedLink, runPlan, setDataset } = useAppStore.getState();
  // Once the same data is here (a matching drop), the draft points at it.
  const matchedId = check?.ok ? check.datasetId : null;
  useEffect(() => { if (matchedId && useAppStore.getState().draft.datasetId !== matchedId) setDataset(matchedId); }, [matchedId, setDataset]);
  if (!notice) return null;
  if (notice.error) {
    return (
      <div className="shared-link error" role="alert" data-testid="shared-link-error">
        <strong>This experiment link could not be read.</strong> {notice.error} Nothing was changed: the page starts with its defaults.
        <button type="button" className="secondary small" onClick={dismissSharedLink}>Dismiss</button>
      </div>
    );
  }
  return (
    <div className="shared-link" role="status" data-testid="shared-link">
      <div>
        <strong>Opened a shared experiment:</strong> {notice.runs} run{notice.runs === 1 ? '' : 's'} on “{notice.dataset?.name}”. The setup panel and the Compare tab hold its settings.
      </div>
      {notice.problems.length > 0 && (
        <div className="warning" data-testid="shared-link-problems">
          Some fields of the link were not valid and fell back to defaults:
          <ul>{notice.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
        </div>
      )}
      {check && !check.ok && <div className="error" data-testid="shared-link-dataset">{check.message}</div>}
      {check?.ok && check.warning && <div className="warning">{check.warning}</div>}
      <div className="buttons">
        <button type="button" data-testid="shared-link-run" disabled={!check?.ok} onClick={() => { runPlan(); dismissSharedLink(); onRun(); }}>
          Run {notice.runs === 1 ? 'it' : `all ${notice.runs}`}
        </button>
        <button type="button" className="secondary" onClick={dismissSharedLink}>Dismiss</button>
      </div>
    </div>
  );
}
