/**
 * SimCLR-style views on the backend: random resized crop + flip (one cropAndResize), colour
 * jitter (brightness, contrast, then a per-image colour matrix for saturation, hue and
 * grayscale), and a per-image separable 5-tap Gaussian blur. No gradient flows through here.
 * The jitter order is fixed (torchvision shuffles it); the set of transforms is the same.
 */
import * as tf from '@tensorflow/tfjs';
import type { AugmentParams } from '../shared/paramGroups';
import type { Rng } from '../shared/rng';
import { drawViewParams, type ViewDraws } from './params';

/** images: [N, H, W, 3] in [0, 1] -> one augmented view [N, H, W, 3] in [0, 1]. */
export function augmentView(images: tf.Tensor4D, params: AugmentParams, rng: Rng): tf.Tensor4D {
  const n = images.shape[0];
  return applyViewDraws(images, drawViewParams(rng, n, params));
}

export function applyViewDraws(images: tf.Tensor4D, d: ViewDraws): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w] = images.shape;
    const boxInd = tf.range(0, n, 1, 'int32') as tf.Tensor1D;
    let x = tf.image.cropAndResize(images, tf.tensor2d(d.boxes, [n, 4]), boxInd, [h, w], 'bilinear');

    const b = tf.tensor4d(d.brightness, [n, 1, 1, 1]);
    x = tf.clipByValue(x.mul(b), 0, 1);

    const c = tf.tensor4d(d.contrast, [n, 1, 1, 1]);
    const gray = tf.sum(x.mul(tf.tensor1d([0.299, 0.587, 0.114])), 3, true); // [N, H, W, 1]
    const meanGray = tf.mean(gray, [1, 2], true);                                 // [N, 1, 1, 1]
    x = tf.clipByValue(x.sub(meanGray).mul(c).add(meanGray), 0, 1);

    // rgb' = M rgb per pixel: [N, HW, 3] x [N, 3, 3]^T
    const m = tf.tensor3d(d.colour, [n, 3, 3]);
    x = tf.clipByValue(tf.matMul(x.reshape([n, h * w, 3]), m, false, true).reshape([n, h, w, 3]), 0, 1);

    x = separableBlur(x as tf.Tensor4D, tf.tensor2d(d.blur, [n, 5]));
    return x as tf.Tensor4D;
  });
}

/** Per-image separable blur with 5 taps; taps: [N, 5]; reflect padding. */
function separableBlur(x: tf.Tensor4D, taps: tf.Tensor2D): tf.Tensor4D {
  const [n, h, w, ch] = x.shape;
  const tap = (j: number) => taps.slice([0, j], [n, 1]).reshape([n, 1, 1, 1]);
  const padW = tf.mirrorPad(x, [[0, 0], [0, 0], [2, 2], [0, 0]], 'reflect');
  let y = tf.zerosLike(x) as tf.Tensor4D;
  for (let j = 0; j < 5; j++) y = y.add(padW.slice([0, 0, j, 0], [n, h, w, ch]).mul(tap(j)));
  const padH = tf.mirrorPad(y, [[0, 0], [2, 2], [0, 0], [0, 0]], 'reflect');
  let z = tf.zerosLike(x) as tf.Tensor4D;
  for (let j = 0; j < 5; j++) z = z.add(padH.slice([0, j, 0, 0], [n, h, w, ch]).mul(tap(j)));
  return z;
}
