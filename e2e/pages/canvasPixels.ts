/** Pixel reads of the app's canvases, done in the page. */
import type { Locator } from '@playwright/test';

/** Pixels of a canvas that are colourful (r, g, b not all equal) or dark (any channel under 200). */
export function countPixels(canvas: Locator, ink: 'colourful' | 'dark'): Promise<number> {
  return canvas.evaluate((el, kind) => {
    const c = el as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      const colourful = Math.abs(d[i] - d[i + 1]) > 2 || Math.abs(d[i + 1] - d[i + 2]) > 2;
      const dark = d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200;
      if (kind === 'colourful' ? colourful : dark) n++;
    }
    return n;
  }, ink);
}

/** Mean brightness (0-255) of each image of a row canvas (images side by side, 2 px apart). */
export function imageMeans(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const count = Number(c.dataset.count);
    const step = c.width / count;
    const ctx = c.getContext('2d')!;
    return Array.from({ length: count }, (_, i) => {
      const d = ctx.getImageData(Math.round(i * step), 0, Math.floor(step) - 6, c.height).data;
      let sum = 0;
      for (let k = 0; k < d.length; k += 4) sum += (d[k] + d[k + 1] + d[k + 2]) / 3;
      return sum / (d.length / 4);
    });
  });
}

/** Pixel colours at the centre (or near the bottom) of each 32 px image of a row canvas. */
export function imageCentres(canvas: Locator, at: 'centre' | 'bottom' = 'centre'): Promise<number[][]> {
  return canvas.evaluate((el, where) => {
    const c = el as HTMLCanvasElement;
    const count = Number(c.dataset.count);
    const ctx = c.getContext('2d')!;
    const scale = c.height / 32;
    const out: number[][] = [];
    for (let i = 0; i < count; i++) {
      const x = Math.round((i * 34 + 16) * scale), y = Math.round((where === 'centre' ? 16 : 29) * scale);
      out.push([...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)]);
    }
    return out;
  }, at);
}
