import { useEffect, useRef } from 'react';
import type { PreviewRowMessage } from '../shared/protocol';
import { isActive, useAppStore } from '../store/runStore';

const SCALE = 3;

function PreviewRow({ row }: { row: PreviewRowMessage }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const { count, width, height, rgba } = row;
    // rgba holds images one after another; lay them out side by side with a 2 px gap.
    const strip = new ImageData(count * (width + 2), height);
    for (let i = 0; i < count; i++) {
      for (let y = 0; y < height; y++) {
        const src = (i * height * width + y * width) * 4;
        const dst = (y * strip.width + i * (width + 2)) * 4;
        strip.data.set(rgba.subarray(src, src + width * 4), dst);
      }
    }
    const tmp = document.createElement('canvas');
    tmp.width = strip.width;
    tmp.height = height;
    tmp.getContext('2d')!.putImageData(strip, 0, 0);
    c.width = strip.width * SCALE;
    c.height = height * SCALE;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(tmp, 0, 0, c.width, c.height);
  }, [row]);
  return (
    <div className="preview-row">
      <span className="preview-caption">{row.caption}</span>
      <canvas ref={canvas} role="img" aria-label={`${row.caption}: ${row.count} images`} />
    </div>
  );
}

export function PreviewPanel() {
  const runPreview = useAppStore((s) => s.run.preview);
  const draftPreview = useAppStore((s) => s.draftPreview);
  const phase = useAppStore((s) => s.run.phase);
  const { refreshPreview, previewDraft } = useAppStore.getState();
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
        <p className="muted" role="status">Preparing a preview: {draftPreview.detail}… <progress aria-label="Preparing preview" /></p>
      )}
      {draftPreview.status === 'failed' && <p className="error" role="alert">The preview failed: {draftPreview.detail}</p>}
      {!preview && draftPreview.status !== 'loading' && (
        <p className="muted">The augmented views of a few training images appear here when a run starts, or now with the button.</p>
      )}
      {preview?.map((panel) => (
        <div key={panel.title} className="preview-panel">
          <h3>{panel.title}</h3>
          {panel.rows.map((row) => <PreviewRow key={row.caption} row={row} />)}
        </div>
      ))}
    </section>
  );
}
