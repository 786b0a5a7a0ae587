/** Cross-entropy and distillation terms shared by the label-using methods (supervised, SLA+SD, S4L). */
import * as tf from '@tensorflow/tfjs';

/** Mean softmax cross-entropy; logits [N, C], labels [N] int32 in [0, C). */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  const logProb = tf.logSoftmax(logits, 1);
  const target = tf.oneHot(labels.toInt(), logits.shape[1]).toFloat();
  return tf.neg(tf.mean(tf.sum(logProb.mul(target), 1))) as tf.Scalar;
}

/**
 * Cross-entropy averaged over the rows where mask is 1 (labelled rows of a semi-supervised batch);
 * 0 when no row is labelled. mask: [N] float 0/1; labels of masked-out rows may be anything in [0, C).
 */
export function maskedCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, mask: tf.Tensor1D): tf.Scalar {
  const logProb = tf.logSoftmax(logits, 1);
  const target = tf.oneHot(labels.toInt(), logits.shape[1]).toFloat();
  const perRow = tf.neg(tf.sum(logProb.mul(target), 1));     // [N]
  return tf.sum(perRow.mul(mask)).div(tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
}

/**
 * Knowledge distillation term: T^2 * mean_i KL(softmax(teacher_i / T) || softmax(student_i / T)).
 * The teacher gets no gradient: pass it through stopGradient (./stopGradient.ts) first.
 */
export function distillationKl(teacherLogits: tf.Tensor2D, studentLogits: tf.Tensor2D, temperature: number): tf.Scalar {
  const logP = tf.logSoftmax(teacherLogits.div(temperature), 1);
  const logQ = tf.logSoftmax(studentLogits.div(temperature), 1);
  const kl = tf.sum(tf.exp(logP).mul(logP.sub(logQ)), 1);     // [N]
  return tf.mean(kl).mul(temperature * temperature) as tf.Scalar;
}

/** Fraction of rows whose argmax equals the label. */
export function batchAccuracy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.mean(tf.equal(tf.argMax(logits, 1), labels.toInt()).toFloat()) as tf.Scalar;
}

/** Mean cosine of row i of a with row i of b (pos) and of row i with row j != i (neg). a, b: [N, D]. */
export function pairedCosines(a: tf.Tensor2D, b: tf.Tensor2D): { posSim: tf.Scalar; negSim: tf.Scalar } {
  const n = a.shape[0];
  const unit = (x: tf.Tensor2D) => x.div(tf.norm(x, 2, 1, true).add(1e-12));
  const sim = tf.matMul(unit(a), unit(b), false, true);       // [N, N]
  const eye = tf.eye(n);
  const pos = tf.sum(sim.mul(eye)).div(n);
  const neg = tf.sum(sim.mul(tf.onesLike(eye).sub(eye))).div(Math.max(1, n * (n - 1)));
  return { posSim: pos as tf.Scalar, negSim: neg as tf.Scalar };
}
