/** Projection heads g(h) -> z: SimCLR / MoCo v2 use an MLP, MoCo v1 a linear layer. */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../shared/rng';
import type { VariableSet } from './variables';

export class ProjectionHead {
  constructor(
    private readonly vars: VariableSet,
    readonly kind: 'mlp' | 'linear',
    inputDim: number,
    hidden: number,
    readonly outputDim: number,
    /** null: use the weights already in vars (a frozen copy). */
    rng: Rng | null,
  ) {
    if (!rng) return;
    if (kind === 'mlp') {
      vars.he('head/w1', [inputDim, hidden], inputDim, rng);
      vars.zeros('head/b1', [hidden]);
      vars.he('head/w2', [hidden, outputDim], hidden, rng);
    } else {
      vars.he('head/w2', [inputDim, outputDim], inputDim, rng);
    }
    vars.zeros('head/b2', [outputDim]);
  }

  private v(name: string): tf.Variable {
    return this.vars.get(name);
  }

  /** h: [N, inputDim] -> z: [N, outputDim] (not normalised). */
  apply(h: tf.Tensor2D): tf.Tensor2D {
    let x = h;
    if (this.kind === 'mlp') x = tf.relu(tf.matMul(x, this.v('head/w1')).add(this.v('head/b1')));
    return tf.matMul(x, this.v('head/w2')).add(this.v('head/b2')) as tf.Tensor2D;
  }
}

/**
 * Standardises features over the batch (batch norm without the affine part, which the linear
 * layer after it absorbs): (h - mean) / sqrt(var + eps), per feature, gradients through the
 * batch statistics. The encoder's h is mean-pooled ReLU features, nearly collinear across images
 * (held-out cosine between different images ~0.98 at init): a head on raw h sees a large common
 * vector and a tiny image-specific part, so it learns slowly or not at all (DIM's global feature
 * carried nothing per image, S4L-Exemplar's triplet embedding stayed collapsed). For heads used
 * only by the loss.
 */
export function batchStandardize(h: tf.Tensor2D, eps = 1e-5): tf.Tensor2D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(h, 0, true);
    return h.sub(mean).div(tf.sqrt(variance.add(eps))) as tf.Tensor2D;
  });
}

/**
 * batchStandardize for a classifier head that also predicts at test time: training steps use
 * the batch's statistics and keep them; `update()` (after the step) moves running averages
 * towards them, which test-time predictions (`apply`) use, so a prediction never depends on the
 * other images of its chunk. The running statistics are variables of their own (not trainable),
 * listed by `variables()` so checkpoints keep them. Before the first update they are 0 and 1
 * (the identity).
 */
export class FeatureNorm {
  private readonly vars: VariableSet;
  private pending: { mean: tf.Tensor; variance: tf.Tensor } | null = null;

  constructor(vars: VariableSet, readonly dim: number, readonly momentum = 0.9, readonly eps = 1e-5) {
    this.vars = vars;
    vars.zeros('mean', [dim]);
    vars.ones('variance', [dim]);
  }

  /** Training: standardised by the batch's statistics, which the next update() takes in. */
  train(h: tf.Tensor2D): tf.Tensor2D {
    const { mean, variance } = tf.moments(h, 0);
    this.pending?.mean.dispose();
    this.pending?.variance.dispose();
    this.pending = { mean: tf.keep(mean), variance: tf.keep(variance) };
    return h.sub(mean).div(tf.sqrt(variance.add(this.eps))) as tf.Tensor2D;
  }

  /** Test time: standardised by the running statistics. */
  apply(h: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => h.sub(this.vars.get('mean')).div(tf.sqrt(this.vars.get('variance').add(this.eps))) as tf.Tensor2D);
  }

  /** Moves the running statistics towards the last training batch's (call once per step, after it). */
  update(): void {
    if (!this.pending) return;
    const { mean, variance } = this.pending;
    tf.tidy(() => {
      const m = this.vars.get('mean'), v = this.vars.get('variance');
      m.assign(m.mul(this.momentum).add(mean.mul(1 - this.momentum)));
      v.assign(v.mul(this.momentum).add(variance.mul(1 - this.momentum)));
    });
    mean.dispose();
    variance.dispose();
    this.pending = null;
  }

  dispose(): void {
    this.pending?.mean.dispose();
    this.pending?.variance.dispose();
    this.pending = null;
  }
}
