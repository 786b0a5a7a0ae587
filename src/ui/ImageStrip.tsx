import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useText } from '../i18n/render';
import type { PreviewImageRow } from '../shared/preview';
import type { Text } from '../shared/text';

/** A row of images; its caption may be a Text (the data summary's "unlabelled", a clip's frames). */
export type ImageRow = Omit<PreviewImageRow, 'caption'> & { caption: Text | string };

/** A captioned row of small images, drawn pixel-exact at `scale`x on one canvas. */
export function ImageStrip({ row, scale = 3, testId }: { row: ImageRow; scale?: number; testId?: string }) {
  const { t } = useTranslation();
  const tx = useText();
  const canvas = useRef<HTMLCanvasElement>(null);
  const caption = tx(row.caption);
  const labels = row.labels?.map(tx);
  const ariaLabel = labels
    ? t('data.imageStrip.ariaLabelWithLabels', { caption, count: row.count, labels: labels.join(t('app.listSeparator')) })
    : t('data.imageStrip.ariaLabel', { caption, count: row.count });
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const { count, width, height, rgba } = row;
    // Side by side with a 2 px gap.
    const strip = new ImageData(Math.max(1, count * (width + 2)), height);
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
    c.width = strip.width * scale;
    c.height = height * scale;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(tmp, 0, 0, c.width, c.height);
  }, [row, scale]);
  return (
    <div className="preview-row" data-testid={testId}>
      <span className="preview-caption">{caption}</span>
      <div className="preview-images">
        <canvas ref={canvas} role="img" aria-label={ariaLabel} data-count={row.count} />
        {labels && (
          <div className="preview-labels" data-testid="preview-labels">
            {labels.map((text, i) => <span key={i} style={{ width: (row.width + 2) * scale }} title={text}>{text}</span>)}
          </div>
        )}
      </div>
    </div>
  );
}
