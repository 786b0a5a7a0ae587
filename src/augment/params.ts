/**
 * Per-image augmentation parameters drawn in JS from the run's seeded RNG (so a seed reproduces
 * the views on any backend), then applied to the whole batch on the backend in ./views.ts.
 */
import type { AugmentParams } from '../shared/paramGroups';
import type { Rng } from '../shared/rng';

export interface ViewDraws {
  /** [N*4] crop boxes y1, x1, y2, x2 in [0, 1]; x1 > x2 means horizontally flipped. */
  boxes: Float32Array;
  /** [N] brightness factors. */
  brightness: Float32Array;
  /** [N] contrast factors. */
  contrast: Float32Array;
  /** [N*9] row-major 3x3 colour matrices (saturation, hue, grayscale), applied as rgb' = M rgb. */
  colour: Float32Array;
  /** [N*5] normalised 5-tap Gaussian kernels (identity where no blur). */
  blur: Float32Array;
}

const LUMA = [0.299, 0.587, 0.114];

/** Random resized crop (torchvision's sampling: area scale and log-uniform aspect ratio). */
export function drawCropBox(rng: Rng, scaleMin: number): [number, number, number, number] {
  for (let attempt = 0; attempt < 10; attempt++) {
    const area = rng.uniform(scaleMin, 1);
    const ratio = Math.exp(rng.uniform(Math.log(3 / 4), Math.log(4 / 3)));
    const w = Math.sqrt(area * ratio);
    const h = Math.sqrt(area / ratio);
    if (w <= 1 && h <= 1) {
      const x0 = rng.uniform(0, 1 - w);
      const y0 = rng.uniform(0, 1 - h);
      return [y0, x0, y0 + h, x0 + w];
    }
  }
  return [0, 0, 1, 1];
}

/** 3x3 matrix blending towards luma: s = 1 keeps colour, s = 0 is grayscale. */
export function saturationMatrix(s: number): number[] {
  const m: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m.push((1 - s) * LUMA[c] + (r === c ? s : 0));
  return m;
}

/** Hue rotation by `turns` of a full circle, as a rotation about the gray axis in YIQ space. */
export function hueMatrix(turns: number): number[] {
  const a = turns * 2 * Math.PI;
  const cos = Math.cos(a), sin = Math.sin(a);
  const toYiq = [0.299, 0.587, 0.114, 0.596, -0.274, -0.322, 0.211, -0.523, 0.312];
  const toRgb = [1, 0.956, 0.621, 1, -0.272, -0.647, 1, -1.106, 1.703];
  const rot = [1, 0, 0, 0, cos, -sin, 0, sin, cos];
  return matMul3(toRgb, matMul3(rot, toYiq));
}

export function matMul3(a: number[], b: number[]): number[] {
  const out = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) for (let k = 0; k < 3; k++) out[r * 3 + c] += a[r * 3 + k] * b[k * 3 + c];
  return out;
}

/** 5-tap Gaussian kernel, normalised; sigma <= 0 gives the identity [0, 0, 1, 0, 0]. */
export function gaussianTaps(sigma: number): number[] {
  if (sigma <= 0) return [0, 0, 1, 0, 0];
  const taps = [-2, -1, 0, 1, 2].map((d) => Math.exp(-(d * d) / (2 * sigma * sigma)));
  const sum = taps.reduce((a, b) => a + b, 0);
  return taps.map((t) => t / sum);
}

export function drawViewParams(rng: Rng, n: number, p: AugmentParams): ViewDraws {
  const boxes = new Float32Array(n * 4);
  const brightness = new Float32Array(n).fill(1);
  const contrast = new Float32Array(n).fill(1);
  const colour = new Float32Array(n * 9);
  const blur = new Float32Array(n * 5);
  const s = p.jitterStrength;
  for (let i = 0; i < n; i++) {
    const [y1, x1, y2, x2] = drawCropBox(rng, p.cropScaleMin);
    const flip = rng.chance(p.flipProb);
    boxes.set(flip ? [y1, x2, y2, x1] : [y1, x1, y2, x2], i * 4);

    let m = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    if (rng.chance(p.jitterProb)) {
      brightness[i] = rng.uniform(Math.max(0, 1 - 0.8 * s), 1 + 0.8 * s);
      contrast[i] = rng.uniform(Math.max(0, 1 - 0.8 * s), 1 + 0.8 * s);
      const sat = rng.uniform(Math.max(0, 1 - 0.8 * s), 1 + 0.8 * s);
      const hue = rng.uniform(-Math.min(0.5, 0.2 * s), Math.min(0.5, 0.2 * s));
      m = matMul3(hueMatrix(hue), saturationMatrix(sat));
    }
    if (rng.chance(p.grayscaleProb)) m = matMul3(saturationMatrix(0), m);
    colour.set(m, i * 9);

    const sigma = rng.chance(p.blurProb) ? rng.uniform(0.1, p.blurSigmaMax) : 0;
    blur.set(gaussianTaps(sigma), i * 5);
  }
  return { boxes, brightness, contrast, colour, blur };
}
