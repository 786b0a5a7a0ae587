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

    x = separableBlur(x as tf.Tensor4D, d.blur);
    return x as tf.Tensor4D;
  });
}

/** True when every image's taps are [0, 0, 1, 0, 0] (no blur drawn): the blur is skipped. */
function allIdentity(taps: Float32Array): boolean {
  for (let i = 0; i < taps.length; i++) if (taps[i] !== (i % 5 === 2 ? 1 : 0)) return false;
  return true;
}

/**
 * Per-image separable blur with 5 taps (taps: [N*5]), reflect padding. Each image's channels
 * become channels of one [1, H, W, N*3] image, so both passes are one depthwise convolution
 * each with that image's taps per channel (a few kernels instead of 5 slices, muls and adds per
 * pass, which dominated the augmentation on wasm).
 */
export function separableBlur(x: tf.Tensor4D, taps: Float32Array): tf.Tensor4D {
  if (allIdentity(taps)) return x;
  return tf.tidy(() => {
    const [n, h, w, ch] = x.shape;
    const perChannel = new Float32Array(5 * n * ch); // [5, N*ch]: tap k of image i on its channels
    for (let k = 0; k < 5; k++) for (let i = 0; i < n; i++) for (let c = 0; c < ch; c++) perChannel[k * n * ch + i * ch + c] = taps[i * 5 + k];
    const stacked = x.transpose([1, 2, 0, 3]).reshape([1, h, w, n * ch]) as tf.Tensor4D;
    const alongW = tf.depthwiseConv2d(tf.mirrorPad(stacked, [[0, 0], [0, 0], [2, 2], [0, 0]], 'reflect'), tf.tensor4d(perChannel, [1, 5, n * ch, 1]), 1, 'valid');
    const alongH = tf.depthwiseConv2d(tf.mirrorPad(alongW, [[0, 0], [2, 2], [0, 0], [0, 0]], 'reflect'), tf.tensor4d(perChannel, [5, 1, n * ch, 1]), 1, 'valid');
    return alongH.reshape([h, w, n, ch]).transpose([2, 0, 1, 3]) as tf.Tensor4D;
  });
}
