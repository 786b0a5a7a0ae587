import * as tf from '@tensorflow/tfjs';
import type { TrainingParams } from '../shared/paramGroups';

/** Adam, or SGD with momentum 0.9 (the papers use LARS / SGD at scales the browser does not reach). */
export function createOptimizer(p: Pick<TrainingParams, 'optimizer' | 'learningRate'>): tf.Optimizer {
  return p.optimizer === 'sgd' ? tf.train.momentum(p.learningRate, 0.9) : tf.train.adam(p.learningRate);
}

export interface LossTerms {
  loss: tf.Scalar;
  /** Metrics reported beside the loss (pos / neg similarity first), not differentiated. */
  extras: tf.Scalar[];
}

/** [loss, ...extras] without any update. */
export function metricsOf(terms: LossTerms): tf.Tensor1D {
  return tf.concat([terms.loss.reshape([1]), tf.stack(terms.extras)]) as tf.Tensor1D;
}

/**
 * Runs optimizer.minimize over `vars` and returns [loss, ...extras] as one vector. `lossFn`
 * returns the loss and the extra metrics (scalars, read back later, not differentiated).
 */
export function minimizeWithMetrics(
  optimizer: tf.Optimizer,
  vars: tf.Variable[],
  lossFn: () => LossTerms,
): tf.Tensor1D {
  let extras: tf.Tensor1D | null = null;
  const loss = optimizer.minimize(() => {
    const r = lossFn();
    // kept: minimize disposes everything but the loss it returns
    extras = tf.keep(tf.stack(r.extras) as tf.Tensor1D);
    return r.loss;
  }, true, vars);
  if (!loss || !extras) throw new Error('minimize returned no loss');
  const kept = extras as tf.Tensor1D;
  const metrics = tf.concat([loss.reshape([1]), kept]) as tf.Tensor1D;
  loss.dispose();
  kept.dispose();
  return metrics;
}
