import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../shared/rng';
import { KeyQueue } from './keyQueue';
import { frozenCopy, momentumUpdate, VariableSet } from './variables';
import { ResNetEncoder } from './encoder';

describe('momentum (EMA) update', () => {
  it('moves every key variable to m * key + (1 - m) * query', async () => {
    const query = new VariableSet('q');
    query.add('a', tf.tensor1d([1, 2, 3]));
    query.add('b', tf.tensor2d([[4, 5]]));
    const key = frozenCopy(query, 'k');
    query.get('a').assign(tf.tensor1d([11, 12, 13]));
    query.get('b').assign(tf.tensor2d([[0, 0]]));
    momentumUpdate(key, query, 0.9);
    const a = await key.get('a').data();
    [0.9 * 1 + 0.1 * 11, 0.9 * 2 + 0.1 * 12, 0.9 * 3 + 0.1 * 13].forEach((v, i) => expect(a[i]).toBeCloseTo(v, 5));
    expect(Array.from(await key.get('b').data())).toEqual([expect.closeTo(3.6, 5), expect.closeTo(4.5, 5)]);
    // The query is untouched, and the key copy is not trainable.
    expect(Array.from(await query.get('a').data())).toEqual([11, 12, 13]);
    expect(key.list().every((v) => !v.trainable)).toBe(true);
    expect(query.list().every((v) => v.trainable)).toBe(true);
  });

  it('a frozen copy of an encoder computes the same features', async () => {
    const vars = new VariableSet('enc');
    const enc = new ResNetEncoder(vars, { width: 4, norm: 'group', normGroups: 8 }, createRng(1));
    const copy = new ResNetEncoder(frozenCopy(vars, 'enc-key'), { width: 4, norm: 'group', normGroups: 8 }, null);
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const d = tf.max(tf.abs(enc.apply(x).h.sub(copy.apply(x).h))).dataSync()[0];
    expect(d).toBeLessThan(1e-6);
  });
});

describe('key queue', () => {
  it('is FIFO: each enqueue overwrites the oldest rows, wrapping around', async () => {
    const q = new KeyQueue(6, 2, 1);
    const batch = (v: number) => tf.tensor2d([[v, 0], [v + 0.5, 0]]);
    expect(q.fillFraction).toBe(0);
    q.enqueue(batch(1)); // rows 0, 1
    q.enqueue(batch(2)); // rows 2, 3
    q.enqueue(batch(3)); // rows 4, 5
    expect(q.fillFraction).toBe(1);
    let rows = (await q.keys.array()) as number[][];
    expect(rows.map((r) => r[0])).toEqual([1, 1.5, 2, 2.5, 3, 3.5]);
    q.enqueue(batch(4)); // the oldest (batch 1) goes
    rows = (await q.keys.array()) as number[][];
    expect(rows.map((r) => r[0])).toEqual([4, 4.5, 2, 2.5, 3, 3.5]);
    expect(q.nextRow).toBe(2);
  });

  it('wraps a batch that straddles the end, and keeps the newest when the batch exceeds K', async () => {
    const q = new KeyQueue(5, 1, 1);
    q.enqueue(tf.tensor2d([[1], [2], [3]]));
    q.enqueue(tf.tensor2d([[4], [5], [6]])); // rows 3, 4, then 0
    expect(((await q.keys.array()) as number[][]).flat()).toEqual([6, 2, 3, 4, 5]);
    const small = new KeyQueue(2, 1, 1);
    small.enqueue(tf.tensor2d([[1], [2], [3]]));
    expect(((await small.keys.array()) as number[][]).flat()).toEqual([3, 2]);
  });

  it('starts with random unit vectors and keeps them normalised', async () => {
    const q = new KeyQueue(8, 4, 3);
    const norms = await tf.norm(q.keys, 2, 1).data();
    norms.forEach((n) => expect(n).toBeCloseTo(1, 5));
  });
});
