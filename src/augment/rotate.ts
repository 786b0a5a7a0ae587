/** Quarter-turn rotations of square images (SLA and S4L-Rotation). No gradient flows through here. */
import * as tf from '@tensorflow/tfjs';

/** The number of rotations (0, 90, 180, 270 degrees) the rotation methods use. */
export const ROTATIONS = 4;

/** images: [N, S, S, C] rotated by k quarter turns counter-clockwise (square images only). */
export function rot90(images: tf.Tensor4D, k: number): tf.Tensor4D {
  const [, h, w] = images.shape;
  if (h !== w) throw new Error(`rotations need square images, got ${h}x${w}`);
  switch (((k % 4) + 4) % 4) {
    case 0: return images.clone();
    // new(r, c) = old(c, S-1-r)
    case 1: return tf.reverse(tf.transpose(images, [0, 2, 1, 3]), 1);
    case 2: return tf.reverse(images, [1, 2]);
    // new(r, c) = old(S-1-c, r)
    default: return tf.reverse(tf.transpose(images, [0, 2, 1, 3]), 2);
  }
}

/**
 * [4N, S, S, C]: rows 4i..4i+3 are image i rotated by 0, 90, 180, 270 degrees (interleaved per
 * image, so row r shows image floor(r / 4) at rotation r mod 4).
 */
export function interleavedRotations(images: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = images.shape;
    const turned = Array.from({ length: ROTATIONS }, (_, k) => rot90(images, k)); // 4 x [N, S, S, C]
    return tf.stack(turned, 1).reshape([n * ROTATIONS, h, w, c]) as tf.Tensor4D;
  });
}

/** [4N] rotation index of each row of interleavedRotations. */
export function interleavedRotationIndex(n: number): Int32Array {
  return Int32Array.from({ length: n * ROTATIONS }, (_, r) => r % ROTATIONS);
}
