import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { chunkSize, EMBED_CHUNK, embedImages, embedInChunks, embedInChunksData } from './embedInChunks';
import { ResNetEncoder } from '../models/encoder';
import { VariableSet } from '../models/variables';
import { createRng } from '../shared/rng';

/** A row-wise f whose output names its input row: [N, 2] = (pixel 0, sum of the row). */
const rowSignature = (x: tf.Tensor4D): tf.Tensor2D => tf.stack([x.reshape([x.shape[0], -1]).slice([0, 0], [-1, 1]).squeeze([1]), x.sum([1, 2, 3])], 1) as tf.Tensor2D;

describe('embedInChunks', () => {
  it('chunk sizes: the next power of two below the cap, the cap above it', () => {
    expect([1, 2, 3, 20, 64, 65, 128, 200].map((n) => chunkSize(n))).toEqual([1, 2, 4, 32, 64, 128, 128, 128]);
    expect(chunkSize(200, 64)).toBe(64);
    expect(chunkSize(20, 64)).toBe(32);
  });

  it('keeps row order over a count that is not a multiple of the chunk, every chunk full size', () => {
    const count = 2 * EMBED_CHUNK + 5;
    const images = tf.tidy(() => tf.range(0, count).reshape([count, 1, 1, 1]).tile([1, 2, 2, 3]) as tf.Tensor4D);
    const sizes: number[] = [];
    const out = embedImages(images, (x) => { sizes.push(x.shape[0]); return rowSignature(x); });
    expect(sizes).toEqual([EMBED_CHUNK, EMBED_CHUNK, EMBED_CHUNK]);
    expect(out.shape).toEqual([count, 2]);
    const values = out.arraySync();
    expect(values.map((r) => r[0])).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(values.map((r) => r[1])).toEqual(Array.from({ length: count }, (_, i) => 12 * i));
    tf.dispose([images, out]);
  });

  it('pads the last chunk with repeats of its first row, and leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const seen: number[][] = [];
    const out = embedInChunks(11, (rows) => { seen.push(Array.from(rows)); return tf.tensor1d(Float32Array.from(rows)).reshape([rows.length, 1, 1, 1]) as tf.Tensor4D; }, rowSignature, 8);
    expect(seen).toEqual([[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 8, 8, 8, 8, 8]]);
    expect(Array.from(out.dataSync())).toEqual(Array.from({ length: 11 }, (_, i) => [i, i]).flat());
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('padding does not change an encoder\'s embeddings: chunked equals embedding all rows at once', async () => {
    const vars = new VariableSet('chunk-test');
    const encoder = new ResNetEncoder(vars, { width: 4, norm: 'group', normGroups: 8 }, createRng(3));
    const images = tf.randomUniform([EMBED_CHUNK + 7, 12, 12, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const f = (x: tf.Tensor4D) => encoder.apply(x).h;
    const direct = f(images);
    const chunked = embedImages(images, f);
    const small = embedImages(images.slice([0, 0, 0, 0], [5, -1, -1, -1]), f, 64);
    expect(tf.max(tf.abs(chunked.sub(direct))).dataSync()[0]).toBeLessThan(1e-5);
    expect(tf.max(tf.abs(small.sub(direct.slice([0, 0], [5, -1])))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([images, direct, chunked, small]);
    vars.dispose();
  });

  it('reads back values and dim; zero rows give none', async () => {
    const { values, dim } = await embedInChunksData(3, (rows) => tf.tensor1d(Float32Array.from(rows)).reshape([rows.length, 1, 1, 1]) as tf.Tensor4D, rowSignature, 2);
    expect(dim).toBe(2);
    expect(Array.from(values)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(await embedInChunksData(0, () => { throw new Error('not called'); }, rowSignature)).toEqual({ values: new Float32Array(0), dim: 0 });
    expect(() => embedInChunks(0, () => tf.zeros([1, 1, 1, 1]), rowSignature)).toThrow(/at least one row/);
  });
});
