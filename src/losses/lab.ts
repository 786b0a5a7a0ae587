/**
 * sRGB <-> CIE Lab (D65 white), as tf ops on the backend (colorization's targets and previews)
 * and as plain JS for one colour (the in-gamut ab bins, the tests).
 *   linear c = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055)^2.4;  XYZ = M linear
 *   f(t) = t > (6/29)^3 ? t^(1/3) : t / (3 (6/29)^2) + 4/29
 *   L = 116 f(Y / Yn) - 16,  a = 500 (f(X / Xn) - f(Y / Yn)),  b = 200 (f(Y / Yn) - f(Z / Zn))
 */
import * as tf from '@tensorflow/tfjs';

const M = [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]];
const M_INV = [[3.2404542, -1.5371385, -0.4985314], [-0.9692660, 1.8760108, 0.0415560], [0.0556434, -0.2040259, 1.0572252]];
const WHITE = [0.95047, 1, 1.08883];
const DELTA = 6 / 29;

const linearJs = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fJs = (t: number) => (t > DELTA ** 3 ? Math.cbrt(t) : t / (3 * DELTA * DELTA) + 4 / 29);

/** One sRGB colour (components in [0, 1]) -> [L, a, b]. */
export function srgbToLab(r: number, g: number, b: number): [number, number, number] {
  const lin = [r, g, b].map(linearJs);
  const [fx, fy, fz] = M.map((row, i) => fJs((row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]) / WHITE[i]));
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** images [N, H, W, 3] sRGB in [0, 1] -> [N, H, W, 3] Lab (L in [0, 100], a and b about [-110, 110]). */
export function rgbToLab(images: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const lin = tf.where(images.lessEqual(0.04045), images.div(12.92), images.add(0.055).div(1.055).pow(2.4));
    const xyz = tf.matMul(lin.reshape([-1, 3]), tf.tensor2d(M).transpose()).div(tf.tensor1d(WHITE)); // [P, 3]
    const f = tf.where(xyz.greater(DELTA ** 3), xyz.maximum(1e-12).pow(1 / 3), xyz.div(3 * DELTA * DELTA).add(4 / 29));
    const [fx, fy, fz] = tf.split(f, 3, 1);
    const lab = tf.concat([fy.mul(116).sub(16), fx.sub(fy).mul(500), fy.sub(fz).mul(200)], 1);
    return lab.reshape(images.shape) as tf.Tensor4D;
  });
}

/** lab [N, H, W, 3] -> sRGB [N, H, W, 3] clipped to [0, 1] (previews of predicted colours). */
export function labToRgb(lab: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [l, a, b] = tf.split(lab.reshape([-1, 3]), 3, 1);
    const fy = l.add(16).div(116);
    const f = tf.concat([fy.add(a.div(500)), fy, fy.sub(b.div(200))], 1);
    const xyz = tf.where(f.greater(DELTA), f.pow(3), f.sub(4 / 29).mul(3 * DELTA * DELTA)).mul(tf.tensor1d(WHITE));
    const lin = tf.matMul(xyz, tf.tensor2d(M_INV).transpose()).clipByValue(0, 1);
    const rgb = tf.where(lin.lessEqual(0.0031308), lin.mul(12.92), lin.maximum(1e-12).pow(1 / 2.4).mul(1.055).sub(0.055));
    return rgb.clipByValue(0, 1).reshape(lab.shape) as tf.Tensor4D;
  });
}

/** The ab range the bins cover (the paper's grid spans about [-110, 110]). */
export const AB_RANGE = 110;

/**
 * The in-gamut ab bins of a square grid of side `grid` over [-110, 110]^2: every cell that some
 * sRGB colour falls in (a 33-level sampling of the RGB cube), as [a, b] cell centres. The paper's
 * grid 10 gives its 313 bins from the same rule on ImageNet's colours.
 */
export function inGamutBins(grid: number): [number, number][] {
  const cells = Math.ceil((2 * AB_RANGE) / grid);
  const hit = new Set<number>();
  const levels = 33;
  for (let r = 0; r < levels; r++) for (let g = 0; g < levels; g++) for (let b = 0; b < levels; b++) {
    const [, A, B] = srgbToLab(r / (levels - 1), g / (levels - 1), b / (levels - 1));
    const i = Math.min(cells - 1, Math.max(0, Math.floor((A + AB_RANGE) / grid)));
    const j = Math.min(cells - 1, Math.max(0, Math.floor((B + AB_RANGE) / grid)));
    hit.add(i * cells + j);
  }
  return [...hit].sort((x, y) => x - y).map((k) => [-AB_RANGE + (Math.floor(k / cells) + 0.5) * grid, -AB_RANGE + ((k % cells) + 0.5) * grid]);
}

/**
 * Class-rebalancing weights (Zhang et al. eq. 3-4): w ∝ ((1 - λ) p̃ + λ / Q)^-1 with p̃ the
 * bins' empirical distribution smoothed by a Gaussian of `sigma` ab units over the bin centres,
 * normalised so that the expected weight under p̃ is 1. counts [Q] -> [Q]. λ = 1: all ones.
 */
export function rebalanceWeights(counts: tf.Tensor1D, centres: readonly [number, number][], lambda: number, sigma = 5): tf.Tensor1D {
  return tf.tidy(() => {
    const q = centres.length;
    const kernel = new Float32Array(q * q);
    for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) {
      const d2 = (centres[i][0] - centres[j][0]) ** 2 + (centres[i][1] - centres[j][1]) ** 2;
      kernel[i * q + j] = Math.exp(-d2 / (2 * sigma * sigma));
    }
    const p = counts.div(counts.sum().maximum(1e-12));
    const smoothedRaw = tf.matMul(tf.tensor2d(kernel, [q, q]), p.reshape([q, 1])).reshape([q]);
    const smoothed = smoothedRaw.div(smoothedRaw.sum());
    const w = tf.scalar(1).div(smoothed.mul(1 - lambda).add(lambda / q));
    return w.div(smoothed.mul(w).sum()) as tf.Tensor1D;
  });
}
