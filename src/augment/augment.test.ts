import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../shared/rng';
import { drawCropBox, drawViewParams, gaussianTaps, hueMatrix, matMul3, saturationMatrix } from './params';
import { applyViewDraws, augmentView } from './views';

const IDENTITY3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const identityDraws = (n: number) => ({
  boxes: new Float32Array(Array.from({ length: n }, () => [0, 0, 1, 1]).flat()),
  brightness: new Float32Array(n).fill(1),
  contrast: new Float32Array(n).fill(1),
  colour: new Float32Array(Array.from({ length: n }, () => IDENTITY3).flat()),
  blur: new Float32Array(Array.from({ length: n }, () => gaussianTaps(0)).flat()),
});

function randomImages(n: number, size: number): tf.Tensor4D {
  return tf.randomUniform([n, size, size, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
}

describe('augmentation parameters', () => {
  it('crop boxes stay inside the image with the requested area range', () => {
    const rng = createRng(1);
    for (let i = 0; i < 500; i++) {
      const [y1, x1, y2, x2] = drawCropBox(rng, 0.3);
      expect(y1).toBeGreaterThanOrEqual(0); expect(x1).toBeGreaterThanOrEqual(0);
      expect(y2).toBeLessThanOrEqual(1 + 1e-9); expect(x2).toBeLessThanOrEqual(1 + 1e-9);
      expect((y2 - y1) * (x2 - x1)).toBeGreaterThanOrEqual(0.3 - 1e-9);
    }
  });

  it('colour matrices: saturation 0 is grayscale, hue 0 and saturation 1 are identity', () => {
    const gray = saturationMatrix(0);
    for (let r = 0; r < 3; r++) expect(gray.slice(r * 3, r * 3 + 3)).toEqual([0.299, 0.587, 0.114].map((v) => expect.closeTo(v, 9)));
    saturationMatrix(1).forEach((v, i) => expect(v).toBeCloseTo(IDENTITY3[i], 9));
    hueMatrix(0).forEach((v, i) => expect(v).toBeCloseTo(IDENTITY3[i], 2));
    // A hue rotation keeps gray pixels gray.
    const m = hueMatrix(0.3);
    const out = [0, 1, 2].map((r) => 0.5 * (m[r * 3] + m[r * 3 + 1] + m[r * 3 + 2]));
    out.forEach((v) => expect(v).toBeCloseTo(0.5, 2));
    expect(matMul3(IDENTITY3, m)).toEqual(m);
  });

  it('blur taps are normalised and symmetric', () => {
    for (const s of [0.3, 1, 2]) {
      const t = gaussianTaps(s);
      expect(t.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(t[0]).toBeCloseTo(t[4], 12);
    }
  });

  it('probabilities 0 give no jitter, grayscale or blur', () => {
    const d = drawViewParams(createRng(2), 16, { cropScaleMin: 0.2, flipProb: 0, jitterProb: 0, jitterStrength: 1, grayscaleProb: 0, blurProb: 0, blurSigmaMax: 1 });
    expect(Array.from(d.brightness).every((v) => v === 1)).toBe(true);
    expect(Array.from(d.colour)).toEqual(Array.from({ length: 16 }, () => IDENTITY3).flat());
    expect(Array.from(d.blur)).toEqual(Array.from({ length: 16 }, () => [0, 0, 1, 0, 0]).flat());
    for (let i = 0; i < 16; i++) expect(d.boxes[i * 4 + 1]).toBeLessThan(d.boxes[i * 4 + 3]); // no flip
  });
});

describe('views on the backend', () => {
  it('identity parameters return the image unchanged', async () => {
    const x = randomImages(3, 8);
    const y = applyViewDraws(x, identityDraws(3));
    expect(tf.max(tf.abs(y.sub(x))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('a reversed box flips horizontally', async () => {
    const x = randomImages(2, 8);
    const d = identityDraws(2);
    d.boxes.set([0, 1, 1, 0], 0);
    const y = applyViewDraws(x, d);
    const flipped = tf.reverse(x, 2);
    expect(tf.max(tf.abs(y.slice([0], [1]).sub(flipped.slice([0], [1])))).dataSync()[0]).toBeLessThan(1e-5);
    expect(tf.max(tf.abs(y.slice([1], [1]).sub(x.slice([1], [1])))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('grayscale makes the three channels equal; blur smooths; output stays in [0, 1]', async () => {
    const x = randomImages(2, 8);
    const d = identityDraws(2);
    d.colour.set(saturationMatrix(0), 0);
    d.blur.set(gaussianTaps(1.5), 5); // image 1 only
    const y = applyViewDraws(x, d);
    const [r, g, b] = tf.split(y.slice([0], [1]), 3, 3);
    expect(tf.max(tf.abs(r.sub(g))).dataSync()[0]).toBeLessThan(1e-5);
    expect(tf.max(tf.abs(g.sub(b))).dataSync()[0]).toBeLessThan(1e-5);
    // Blur lowers the variance of image 1 (random noise image).
    const variance = (t: tf.Tensor) => tf.moments(t).variance.dataSync()[0];
    expect(variance(y.slice([1], [1]))).toBeLessThan(0.5 * variance(x.slice([1], [1])));
    const full = augmentView(x, { cropScaleMin: 0.2, flipProb: 0.5, jitterProb: 1, jitterStrength: 1.5, grayscaleProb: 0.5, blurProb: 0.5, blurSigmaMax: 2 }, createRng(5));
    expect(tf.min(full).dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(tf.max(full).dataSync()[0]).toBeLessThanOrEqual(1);
    expect(full.shape).toEqual([2, 8, 8, 3]);
  });

  it('the same seed draws the same views', async () => {
    const x = randomImages(4, 8);
    const p = { cropScaleMin: 0.2, flipProb: 0.5, jitterProb: 0.8, jitterStrength: 0.5, grayscaleProb: 0.2, blurProb: 0.5, blurSigmaMax: 1 };
    const a = await augmentView(x, p, createRng(9)).data();
    const b = await augmentView(x, p, createRng(9)).data();
    const c = await augmentView(x, p, createRng(10)).data();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });
});

describe('separable blur', () => {
  it('equals a plain-JS 5-tap reflect-padded blur per image, and skips images without blur', async () => {
    const { separableBlur } = await import('./views');
    const [n, h, w, ch] = [3, 6, 7, 3];
    const rng = createRng(9);
    const values = Float32Array.from({ length: n * h * w * ch }, () => rng.next());
    const taps = new Float32Array([...gaussianTaps(1.2), ...gaussianTaps(0), ...gaussianTaps(0.6)]);
    const got = await separableBlur(tf.tensor4d(values, [n, h, w, ch]), taps).data();
    const reflect = (i: number, size: number) => (i < 0 ? -i : i >= size ? 2 * size - 2 - i : i);
    const at = (a: Float32Array, i: number, y: number, x: number, c: number) => a[((i * h + y) * w + x) * ch + c];
    const alongW = new Float32Array(values.length), expected = new Float32Array(values.length);
    for (let i = 0; i < n; i++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < ch; c++) {
      let sum = 0;
      for (let k = 0; k < 5; k++) sum += taps[i * 5 + k] * at(values, i, y, reflect(x + k - 2, w), c);
      alongW[((i * h + y) * w + x) * ch + c] = sum;
    }
    for (let i = 0; i < n; i++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < ch; c++) {
      let sum = 0;
      for (let k = 0; k < 5; k++) sum += taps[i * 5 + k] * at(alongW, i, reflect(y + k - 2, h), x, c);
      expected[((i * h + y) * w + x) * ch + c] = sum;
    }
    for (let j = 0; j < expected.length; j++) expect(got[j]).toBeCloseTo(expected[j], 5);
    // Image 1 has identity taps: unchanged.
    for (let j = h * w * ch; j < 2 * h * w * ch; j++) expect(got[j]).toBeCloseTo(values[j], 6);
  });
});
