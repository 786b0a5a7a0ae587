import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../node/backend';
import { conv2dFilterGradient, conv2dFilterGradientMatMul, conv2dInputGradient, forceConvGradients } from './convGradients';
import { registerTfOpKernel, restoreKernel } from './tfOpKernel';
import { createRng } from '../shared/rng';
import { maxRelativeError } from '../testing/compare';

await startNodeBackend('cpu');

/** Deterministic values in [-1, 1). */
function random(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1), shape);
}

const relativeError = maxRelativeError;

/** tfjs's own gradient kernel on the cpu backend (the reference). */
function stockKernel(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): tf.Tensor {
  return tf.engine().runKernel(name, inputs, { dataFormat: 'NHWC', dilations: 1, ...attrs } as unknown as tf.NamedAttrMap) as tf.Tensor;
}

async function onBackend<T>(name: 'cpu' | 'wasm', f: () => T | Promise<T>): Promise<T> {
  await tf.setBackend(name);
  try { return await f(); } finally { await tf.setBackend('cpu'); }
}

// The encoder's convolutions (stem, blocks, stride-2 blocks, 1x1 projections) and shapes where
// 'same' padding leaves a row unused or pads unevenly.
const CASES = [
  { x: [4, 16, 16, 3], k: 3, out: 8, s: 1, pad: 'same' },
  { x: [4, 16, 16, 8], k: 3, out: 8, s: 1, pad: 'same' },
  { x: [4, 16, 16, 8], k: 3, out: 16, s: 2, pad: 'same' },
  { x: [4, 16, 16, 8], k: 1, out: 16, s: 2, pad: 'same' },
  { x: [4, 8, 8, 16], k: 3, out: 32, s: 2, pad: 'same' },
  { x: [4, 8, 8, 16], k: 1, out: 32, s: 2, pad: 'same' },
  { x: [2, 15, 13, 4], k: 3, out: 6, s: 2, pad: 'same' },
  { x: [2, 15, 13, 4], k: 1, out: 6, s: 2, pad: 'same' },
  { x: [2, 9, 9, 4], k: 3, out: 5, s: 2, pad: 'valid' },
  { x: [2, 10, 10, 4], k: 3, out: 5, s: 1, pad: 'valid' },
] as const;

afterEach(() => forceConvGradients(null));

describe('conv2d gradients as forward convolutions', () => {
  for (const c of CASES) {
    const name = `${c.k}x${c.k} stride ${c.s} ${c.pad}, x [${c.x}] -> ${c.out} channels`;
    const x = () => random([...c.x], 1) as tf.Tensor4D;
    const w = () => random([c.k, c.k, c.x[3], c.out], 2) as tf.Tensor4D;
    const dy = () => { const y = tf.conv2d(x(), w(), c.s, c.pad); return random(y.shape, 3) as tf.Tensor4D; };

    it(`filter gradient equals tfjs's stock kernel on cpu and wasm: ${name}`, async () => {
      const stock = await stockKernel('Conv2DBackpropFilter', { x: x(), dy: dy() }, { filterShape: [c.k, c.k, c.x[3], c.out], strides: c.s, pad: c.pad }).data() as Float32Array;
      for (const backend of ['cpu', 'wasm'] as const) {
        for (const [form, f] of [['conv', conv2dFilterGradient], ['matmul', conv2dFilterGradientMatMul]] as const) {
          const ours = await onBackend(backend, () => f(x(), dy(), [c.k, c.k, c.x[3], c.out], c.s, c.pad).data()) as Float32Array;
          expect(ours.length).toBe(stock.length);
          expect(relativeError(ours, stock), `${form} on ${backend}`).toBeLessThan(1e-4);
        }
      }
    });

    it(`input gradient equals tfjs's stock kernel on cpu and wasm: ${name}`, async () => {
      const stock = await stockKernel('Conv2DBackpropInput', { dy: dy(), filter: w() }, { inputShape: [...c.x], strides: c.s, pad: c.pad }).data() as Float32Array;
      for (const backend of ['cpu', 'wasm'] as const) {
        const ours = await onBackend(backend, () => conv2dInputGradient([...c.x], dy(), w(), c.s, c.pad).data()) as Float32Array;
        expect(relativeError(ours, stock), backend).toBeLessThan(1e-4);
      }
    });
  }

  it('is what tf.grads of conv2d computes once installed (and the stock one when forced back)', async () => {
    const c = CASES[2];
    const f = (xx: tf.Tensor, ww: tf.Tensor) => tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.s, c.pad).square().sum();
    const x = random([...c.x], 1), w = random([3, 3, 8, 16], 2);
    forceConvGradients({ filter: 'stock', input: 'stock' });
    const [sx, sw] = await Promise.all(tf.grads(f)([x, w]).map((g) => g.data() as Promise<Float32Array>));
    forceConvGradients({ filter: 'conv', input: 'conv' });
    const [ox, ow] = await Promise.all(tf.grads(f)([x, w]).map((g) => g.data() as Promise<Float32Array>));
    expect(relativeError(ox, sx)).toBeLessThan(1e-4);
    expect(relativeError(ow, sw)).toBeLessThan(1e-4);
    // The same values through a different path: a planted error in either formula shows here.
    expect(ow.some((v, i) => v !== sw[i])).toBe(true);
  });
});

describe('wasm kernel fills', () => {
  it('gather with batchDims 1 matches cpu (wasm 4.22 returns garbage for [3,4] by [3,2])', async () => {
    const cases: [number[], number[], number[], number][] = [
      [[3, 4], [3, 2], [3, 0, 1, 1, 2, 3], 1],
      [[2, 5, 3], [2, 2], [4, 0, 1, 3], 1],
      [[4, 6], [4, 3], [5, 0, 2, 1, 1, 4, 3, 3, 0, 2, 5, 1], 1],
    ];
    for (const [xShape, iShape, idx, axis] of cases) {
      const make = () => [random(xShape, 5), tf.tensor(idx, iShape, 'int32')] as const;
      const expected = await tf.gather(...make(), axis, 1).data();
      const got = await onBackend('wasm', () => tf.gather(...make(), axis, 1).data());
      expect(Array.from(got)).toEqual(Array.from(expected));
    }
  });

  it("gather's gradient (UnsortedSegmentSum, missing on wasm) matches cpu, repeated indices included", async () => {
    const f = (x: tf.Tensor) => tf.gather(x, tf.tensor1d([2, 0, 2, 3, 2], 'int32')).mul(random([5, 3], 8)).sum();
    const expected = await tf.grad(f)(random([4, 3], 7)).data();
    const got = await onBackend('wasm', () => tf.grad(f)(random([4, 3], 7)).data());
    expect(relativeError(got as Float32Array, expected as Float32Array)).toBeLessThan(1e-6);
  });
});

describe('registerTfOpKernel', () => {
  it('keeps tensors and data buffers exact across calls, including a body that returns its input', async () => {
    const previous = registerTfOpKernel('Square', 'cpu', ({ x }) => x.mul(x));
    const previousNeg = registerTfOpKernel('Neg', 'cpu', ({ x }) => x);
    try {
      const x = tf.tensor1d([1, 2, 3]);
      const before = tf.memory();
      for (let i = 0; i < 5; i++) tf.tidy(() => { tf.square(x).add(tf.neg(x)); });
      const y = tf.square(x), z = tf.neg(x);
      expect(Array.from(await y.data())).toEqual([1, 4, 9]);
      expect(Array.from(await z.data())).toEqual([1, 2, 3]); // the planted identity, not a negation
      tf.dispose([y, z]);
      expect(tf.memory().numTensors).toBe(before.numTensors);
      expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
      expect(Array.from(await x.data())).toEqual([1, 2, 3]); // the input survived
    } finally {
      restoreKernel('Square', 'cpu', previous);
      restoreKernel('Neg', 'cpu', previousNeg);
    }
  });
});
