import { ImageStrip } from './ImageStrip';
import { isActive, useAppStore, useFocusedRun } from '../store/runStore';
import { useText } from '../i18n/render';

export function PreviewPanel() {
  const runPreview = useFocusedRun((r) => r.preview);
  const draftPreview = useAppStore((s) => s.draftPreview);
  const phase = useFocusedRun((r) => r.phase);
  const { refreshPreview, previewDraft } = useAppStore.getState();
  const tx = useText();
  const active = isActive(phase);
  const preview = runPreview ?? draftPreview.panels;
  return (
    <section className="preview" data-testid="preview-panel" aria-label="What the model sees">
      <div className="preview-head">
        <h2>What the model sees</h2>
        {active ? (
          <button type="button" className="secondary" onClick={refreshPreview}>New batch</button>
        ) : (
          <button type="button" className="secondary" data-testid="preview-button" onClick={previewDraft} disabled={draftPreview.status === 'loading'}>
            Preview views with these settings
          </button>
        )}
      </div>
      {draftPreview.status === 'loading' && (
        <p className="muted" role="status">Preparing a preview: {tx(draftPreview.detail)}… <progress aria-label="Preparing preview" /></p>
      )}
      {draftPreview.status === 'failed' && <p className="error" role="alert">The preview failed: {tx(draftPreview.detail)}</p>}
      {!preview && draftPreview.status !== 'loading' && (
        <p className="muted">The augmented views of a few training images appear here when a run starts, or now with the button.</p>
      )}
      {preview?.map((panel) => (
        <div key={panel.title} className="preview-panel">
          <h3>{panel.title}</h3>
          {panel.rows.map((row) => <ImageStrip key={row.caption} row={row} />)}
        </div>
      ))}
    </section>
  );
}
