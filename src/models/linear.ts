/** A dense layer y = x W + b (classifier heads, DIM's and CPC's small nets). */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../shared/rng';
import type { VariableSet } from './variables';

export class Linear {
  constructor(private readonly vars: VariableSet, private readonly name: string, readonly inDim: number, readonly outDim: number, rng: Rng, init: 'he' | 'zero' = 'he') {
    if (init === 'he') vars.he(`${name}/w`, [inDim, outDim], inDim, rng);
    else vars.zeros(`${name}/w`, [inDim, outDim]);
    vars.zeros(`${name}/b`, [outDim]);
  }

  /** x: [N, inDim] -> [N, outDim]. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.matMul(x, this.vars.get(`${this.name}/w`)).add(this.vars.get(`${this.name}/b`)) as tf.Tensor2D;
  }
}

/** A two-layer perceptron with ReLU and a linear shortcut (DIM's encode-and-dot-product nets). */
export class ResidualMlp {
  private readonly l1: Linear;
  private readonly l2: Linear;
  private readonly shortcut: Linear;
  constructor(vars: VariableSet, name: string, inDim: number, hidden: number, outDim: number, rng: Rng) {
    this.l1 = new Linear(vars, `${name}/l1`, inDim, hidden, rng);
    this.l2 = new Linear(vars, `${name}/l2`, hidden, outDim, rng);
    this.shortcut = new Linear(vars, `${name}/shortcut`, inDim, outDim, rng);
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.l2.apply(tf.relu(this.l1.apply(x))).add(this.shortcut.apply(x)) as tf.Tensor2D;
  }
}
