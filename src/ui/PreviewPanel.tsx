import { useTranslation } from 'react-i18next';
import { ImageStrip } from './ImageStrip';
import { isActive, useAppStore, useFocusedRun } from '../store/runStore';
import { useText } from '../i18n/render';

export function PreviewPanel() {
  const { t } = useTranslation();
  const tx = useText();
  const runPreview = useFocusedRun((r) => r.preview);
  const draftPreview = useAppStore((s) => s.draftPreview);
  const phase = useFocusedRun((r) => r.phase);
  const { refreshPreview, previewDraft } = useAppStore.getState();
  const active = isActive(phase);
  const preview = runPreview ?? draftPreview.panels;
  return (
    <section className="preview" data-testid="preview-panel" aria-label={t('charts.preview.title')}>
      <div className="preview-head">
        <h2>{t('charts.preview.title')}</h2>
        {active ? (
          <button type="button" className="secondary" onClick={refreshPreview}>{t('charts.preview.newBatch')}</button>
        ) : (
          <button type="button" className="secondary" data-testid="preview-button" onClick={previewDraft} disabled={draftPreview.status === 'loading'}>
            {t('charts.preview.button')}
          </button>
        )}
      </div>
      {draftPreview.status === 'loading' && (
        <p className="muted" role="status">{t('charts.preview.preparing', { detail: tx(draftPreview.detail) })} <progress aria-label={t('charts.preview.preparingLabel')} /></p>
      )}
      {draftPreview.status === 'failed' && <p className="error" role="alert">{t('charts.preview.failed', { detail: tx(draftPreview.detail) })}</p>}
      {!preview && draftPreview.status !== 'loading' && (
        <p className="muted">{t('charts.preview.empty')}</p>
      )}
      {preview?.map((panel) => {
        const title = tx(panel.title);
        return (
          <div key={title} className="preview-panel">
            <h3>{title}</h3>
            {panel.rows.map((row) => <ImageStrip key={tx(row.caption)} row={row} />)}
          </div>
        );
      })}
    </section>
  );
}
