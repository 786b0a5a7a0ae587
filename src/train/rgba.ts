/**
 * RGBA bytes for images shown by the UI (canvas ImageData): the map's thumbnails (dataset bytes)
 * and the preview rows (the methods' [0, 1] float images). Pure: no tfjs, no DOM.
 */

/** [pixels * 4] RGBA from dataset bytes with `channels` per pixel (1: grey, copied to R, G and B; 3: RGB). */
export function rgbaFromBytes(bytes: ArrayLike<number>, pixels: number, channels: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(pixels * 4);
  const [g, b] = channels === 3 ? [1, 2] : [0, 0];
  for (let i = 0, p = 0; i < pixels; i++, p += channels) {
    rgba[i * 4] = bytes[p]; rgba[i * 4 + 1] = bytes[p + g]; rgba[i * 4 + 2] = bytes[p + b]; rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

/** [pixels * 4] RGBA from RGB floats in [0, 1] ([pixels * 3]); out-of-range values clamp. */
export function rgbaFromUnitRgb(rgb: ArrayLike<number>): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray((rgb.length / 3) * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i] * 255; rgba[j + 1] = rgb[i + 1] * 255; rgba[j + 2] = rgb[i + 2] * 255; rgba[j + 3] = 255;
  }
  return rgba;
}
