/**
 * Self-supervised label augmentation (Lee, Hwang, Shin, ICML 2020). A joint classifier over
 * C * M labels (class y, rotation j), joint index y * M + j. Inputs are interleaved per image:
 * row i * M + j is image i rotated by j (see augment/rotate.ts).
 */
import * as tf from '@tensorflow/tfjs';

/** [N * M] joint labels y_i * M + j for the interleaved rows. labels: [N] int32. */
export function jointLabels(labels: tf.Tensor1D, rotations: number): tf.Tensor1D {
  return tf.tidy(() => {
    const n = labels.shape[0];
    const y = labels.toInt().reshape([n, 1]).mul(rotations);               // [N, 1]
    const j = tf.range(0, rotations, 1, 'int32').reshape([1, rotations]);  // [1, M]
    return y.add(j).reshape([n * rotations]) as tf.Tensor1D;
  });
}

/**
 * Aggregated inference: class score y of image i = (1/M) sum_j z[(y, j)] of the input rotated by j.
 * jointLogits: [N * M, C * M] (interleaved rows) -> [N, C].
 */
export function aggregatedLogits(jointLogits: tf.Tensor2D, numClasses: number, rotations: number): tf.Tensor2D {
  return tf.tidy(() => {
    const n = jointLogits.shape[0] / rotations;
    const z = jointLogits.reshape([n, rotations, numClasses, rotations]); // [image, input rotation j, class y, label rotation]
    const match = tf.eye(rotations).reshape([1, rotations, 1, rotations]); // keep label rotation == input rotation
    return tf.mean(tf.sum(z.mul(match), 3), 1) as tf.Tensor2D;           // [N, C]
  });
}

/** SLA single inference: the joint logits of the unrotated input for (y, 0). -> [N, C]. */
export function singleLogits(jointLogits: tf.Tensor2D, numClasses: number, rotations: number): tf.Tensor2D {
  return tf.tidy(() => {
    const n = jointLogits.shape[0] / rotations;
    const z = jointLogits.reshape([n, rotations, numClasses, rotations]);
    return z.slice([0, 0, 0, 0], [n, 1, numClasses, 1]).reshape([n, numClasses]) as tf.Tensor2D;
  });
}

/** The unrotated rows (0, M, 2M, ...) of an interleaved tensor [N * M, ...] -> [N, ...]. */
export function unrotatedRows<T extends tf.Tensor>(x: T, rotations: number): T {
  return tf.tidy(() => {
    const n = x.shape[0] / rotations;
    const rest = x.shape.slice(1);
    const grouped = x.reshape([n, rotations, ...rest]);
    return grouped.slice(new Array(rest.length + 2).fill(0), [n, 1, ...rest]).reshape([n, ...rest]) as T;
  });
}
