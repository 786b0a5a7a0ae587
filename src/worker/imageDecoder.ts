/// <reference lib="webworker" />
/**
 * One image file to size x size RGB bytes, off the main thread: the header gives the size, the
 * central square is cropped and downscaled by createImageBitmap itself, so an 8000x8000 photo is
 * never held as a full-size canvas here. Transparent pixels are composited over mid-gray.
 */
import type { Sniffed } from '../data/imageHeader';
import { text, type Text } from '../shared/text';

/** Above this many pixels an image is refused with a message instead of decoded. */
export const MAX_IMAGE_PIXELS = 16384 * 16384;

/** An image file that could not be decoded: `text` says why (the page shows it in the reader's language). */
export class ImageDecodeError extends Error {
  constructor(readonly text: Text) {
    super(text.key);
  }
}

/** Whether the file ends as its format says it must (catches a cut-short download). */
export function hasEndMarker(kind: Sniffed['kind'], b: Uint8Array): boolean {
  const tail = b.subarray(Math.max(0, b.length - 2048));
  if (kind === 'png') {
    for (let i = tail.length - 8; i >= 0; i--) if (tail[i] === 0x49 && tail[i + 1] === 0x45 && tail[i + 2] === 0x4e && tail[i + 3] === 0x44) return true; // "IEND"
    return false;
  }
  if (kind === 'jpeg') {
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
    return false;
  }
  if (kind === 'gif') return b[b.length - 1] === 0x3b;
  return true;
}

export class ImageDecoder {
  private readonly canvas: OffscreenCanvas;
  private readonly ctx: OffscreenCanvasRenderingContext2D;

  constructor(readonly size: number) {
    this.canvas = new OffscreenCanvas(size, size);
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('this browser has no 2D OffscreenCanvas in workers');
    this.ctx = ctx;
  }

  /** `source` is the file the bytes came from: decoding from it avoids copying the bytes into a new Blob. */
  async decode(bytes: Uint8Array, sniffed: Sniffed, source?: Blob): Promise<{ pixels: Uint8Array; gray: boolean }> {
    const { kind, width, height } = sniffed;
    const format = kind.toUpperCase();
    if (!hasEndMarker(kind, bytes)) throw new ImageDecodeError(text('data.worker.cutShort', { format }));
    if (width !== undefined && height !== undefined) {
      if (width === 0 || height === 0) throw new ImageDecodeError(text('data.worker.headerSize', { format, width, height }));
      if (width * height > MAX_IMAGE_PIXELS) throw new ImageDecodeError(text('data.worker.tooManyPixels', { width, height, megapixels: MAX_IMAGE_PIXELS / 1e6 }));
    }
    const blob = source ?? new Blob([bytes as Uint8Array<ArrayBuffer>]);
    const size = this.size;
    let bitmap: ImageBitmap;
    try {
      if (width !== undefined && height !== undefined) {
        const side = Math.min(width, height);
        bitmap = await createImageBitmap(blob, Math.floor((width - side) / 2), Math.floor((height - side) / 2), side, side, {
          resizeWidth: size, resizeHeight: size, resizeQuality: 'medium', premultiplyAlpha: 'default',
        });
      } else {
        bitmap = await createImageBitmap(blob);
      }
    } catch (e) {
      throw new ImageDecodeError(text('data.worker.browserCouldNot', { format, error: e instanceof Error ? e.message : String(e) }));
    }
    try {
      this.ctx.fillStyle = '#808080';
      this.ctx.fillRect(0, 0, size, size);
      if (width !== undefined && height !== undefined) this.ctx.drawImage(bitmap, 0, 0);
      else {
        const side = Math.min(bitmap.width, bitmap.height);
        this.ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, size, size);
      }
    } finally {
      bitmap.close();
    }
    const rgba = this.ctx.getImageData(0, 0, size, size).data;
    const pixels = new Uint8Array(size * size * 3);
    let gray = true;
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      pixels[j] = rgba[i]; pixels[j + 1] = rgba[i + 1]; pixels[j + 2] = rgba[i + 2];
      if (gray && (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2])) gray = false;
    }
    return { pixels, gray };
  }
}

