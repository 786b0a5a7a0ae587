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
