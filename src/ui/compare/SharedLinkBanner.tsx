/** What opening a shared link did: restored runs, fields that fell back, or why it could not be read. */
import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/runStore';
import { useText } from '../../i18n/render';
import { datasetName } from '../../i18n/content';
import { useDatasetCheck } from './datasetCheck';

export function SharedLinkBanner({ onRun }: { onRun: () => void }) {
  const { t } = useTranslation();
  const tx = useText();
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
        <strong>{t('compare.banner.errorTitle')}</strong> {tx(notice.error)} {t('compare.banner.errorAfter')}
        <button type="button" className="secondary small" onClick={dismissSharedLink}>{t('compare.banner.dismiss')}</button>
      </div>
    );
  }
  const dataset = notice.dataset ? datasetName(notice.dataset.id, notice.dataset.name) : '';
  return (
    <div className="shared-link" role="status" data-testid="shared-link">
      <div>
        <Trans i18nKey="compare.banner.opened" count={notice.runs} values={{ datasetName: dataset }} components={{ strong: <strong /> }} />
      </div>
      {notice.problems.length > 0 && (
        <div className="warning" data-testid="shared-link-problems">
          {t('compare.banner.problems')}
          <ul>{notice.problems.map((p, i) => <li key={i}>{tx(p)}</li>)}</ul>
        </div>
      )}
      {check && !check.ok && <div className="error" data-testid="shared-link-dataset">{tx(check.message)}</div>}
      {check?.ok && check.warning && <div className="warning">{tx(check.warning)}</div>}
      <div className="buttons">
        <button type="button" data-testid="shared-link-run" disabled={!check?.ok} onClick={() => { runPlan(); dismissSharedLink(); onRun(); }}>
          {t('compare.banner.run', { count: notice.runs })}
        </button>
        <button type="button" className="secondary" onClick={dismissSharedLink}>{t('compare.banner.dismiss')}</button>
      </div>
    </div>
  );
}
