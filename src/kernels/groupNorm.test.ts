import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { groupNorm, groupNormOps } from '../models/encoder';
import { startNodeBackend } from '../node/backend';
import { createRng } from '../shared/rng';
import { maxRelativeError } from '../testing/compare';
import { groupNormKernel, hasGroupNormKernel } from './groupNormKernel';

await startNodeBackend('cpu');

/** Group norm by plain autodiff through tf.moments: the independent reference. */
function reference(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, groups: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const grouped = x.reshape([n, h, w, groups, c / groups]);
  const { mean, variance } = tf.moments(grouped, [1, 2, 4], true);
  return grouped.sub(mean).div(variance.add(1e-5).sqrt()).reshape([n, h, w, c]).mul(gamma).add(beta) as tf.Tensor4D;
}

const random = (shape: number[], seed: number, scale = 1, offset = 0) => {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => offset + scale * (rng.next() * 2 - 1)), shape);
};

type Norm = (x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, groups: number) => tf.Tensor4D;

/** Output and the gradients of a weighted sum of it with respect to x, gamma, beta. */
async function run(norm: Norm, shape: number[], groups: number): Promise<Float32Array[]> {
  const x = random(shape, 1, 2, 0.5), gamma = random([shape[3]], 2, 0.5, 1), beta = random([shape[3]], 3), weights = random(shape, 4);
  const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => norm(a as tf.Tensor4D, g, b, groups).mul(weights).sum();
  const y = norm(x as tf.Tensor4D, gamma, beta, groups);
  const grads = tf.grads(f)([x, gamma, beta]);
  return Promise.all([y, ...grads].map((t) => t.data() as Promise<Float32Array>));
}

const maxRelative = maxRelativeError;

describe('group norm', () => {
  // 8 groups of 1 channel (the encoder's width-8 stages), groups of 2 and 4, and one group.
  const CASES: [number[], number][] = [[[3, 5, 4, 8], 8], [[2, 4, 4, 16], 8], [[2, 3, 3, 12], 3], [[2, 4, 2, 6], 1]];
  for (const [shape, groups] of CASES) {
    it(`the fused kernel (cpu and wasm) and the op composite match autodiff: [${shape}], ${groups} groups`, async () => {
      const expected = await run(reference, shape, groups);
      const candidates: [string, () => Promise<Float32Array[]>][] = [
        ['composite', () => run(groupNormOps, shape, groups)],
        ['cpu kernel', () => run((x, g, b, gr) => groupNormKernel(x, g, b, gr, 1e-5), shape, groups)],
        ['wasm kernel', async () => { await tf.setBackend('wasm'); try { return await run((x, g, b, gr) => groupNormKernel(x, g, b, gr, 1e-5), shape, groups); } finally { await tf.setBackend('cpu'); } }],
      ];
      for (const [name, candidate] of candidates) {
        const got = await candidate();
        ['y', 'dx', 'dgamma', 'dbeta'].forEach((what, i) => expect(maxRelative(got[i], expected[i]), `${name} ${what}`).toBeLessThan(1e-4));
      }
    });
  }

  it('the encoder takes the kernel where one is registered, and leaks no tensors', async () => {
    expect(hasGroupNormKernel()).toBe(true);
    const x = random([2, 4, 4, 8], 5) as tf.Tensor4D, g = tf.ones([8]), b = tf.zeros([8]);
    const before = tf.memory();
    for (let i = 0; i < 3; i++) tf.tidy(() => { tf.grads((a: tf.Tensor) => groupNorm(a as tf.Tensor4D, g, b, 4).square().sum())([x]); });
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
  });
});
