/** A dense layer y = x W + b (classifier heads, DIM's and CPC's small nets). */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../shared/rng';
import { batchStandardize } from './heads';
import type { VariableSet } from './variables';

export class Linear {
  /** init 'identity': the identity on the first min(in, out) units plus uniform noise of +-0.01 (DIM's shortcuts). */
  constructor(private readonly vars: VariableSet, private readonly name: string, readonly inDim: number, readonly outDim: number, rng: Rng, init: 'he' | 'zero' | 'identity' = 'he', private readonly bias = true) {
    if (init === 'he') vars.he(`${name}/w`, [inDim, outDim], inDim, rng);
    else if (init === 'identity') vars.add(`${name}/w`, tf.tidy(() => tf.eye(inDim, outDim).add(tf.randomUniform([inDim, outDim], -0.01, 0.01, 'float32', rng.seed()))));
    else vars.zeros(`${name}/w`, [inDim, outDim]);
    if (bias) vars.zeros(`${name}/b`, [outDim]);
  }

  /** x: [N, inDim] -> [N, outDim]. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    const y = tf.matMul(x, this.vars.get(`${this.name}/w`));
    return (this.bias ? y.add(this.vars.get(`${this.name}/b`)) : y) as tf.Tensor2D;
  }
}

/**
 * DIM's encode-and-dot-product nets (its code's MIFCNet / MI1x1ConvNet): linear - batch norm -
 * ReLU - linear, plus a linear shortcut that starts as the identity (with +-0.01 noise), and for
 * the local net a layer norm of the output. Without the batch norm and the identity start the
 * nets mapped the encoder's nearly collinear features to scores that told no image from another.
 */
export class ResidualMlp {
  private readonly l1: Linear;
  private readonly l2: Linear;
  private readonly shortcut: Linear;
  constructor(vars: VariableSet, name: string, inDim: number, hidden: number, outDim: number, rng: Rng, private readonly layerNorm = false) {
    // No bias before the batch norm (it would cancel: a zero gradient, which Adam turns into noise).
    this.l1 = new Linear(vars, `${name}/l1`, inDim, hidden, rng, 'he', false);
    this.l2 = new Linear(vars, `${name}/l2`, hidden, outDim, rng);
    this.shortcut = new Linear(vars, `${name}/shortcut`, inDim, outDim, rng, 'identity');
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    const y = this.l2.apply(tf.relu(batchStandardize(this.l1.apply(x)))).add(this.shortcut.apply(x)) as tf.Tensor2D;
    if (!this.layerNorm) return y;
    const { mean, variance } = tf.moments(y, 1, true);
    return y.sub(mean).div(tf.sqrt(variance.add(1e-5))) as tf.Tensor2D;
  }
}

