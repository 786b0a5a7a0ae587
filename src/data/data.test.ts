import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classCounts } from './dataset';
import { loadBuiltinDataset } from './builtin';
import { FASHION_MNIST_FILE } from './catalog';
import { deflateRaw, inflateRaw, packDataset, unpackDataset } from './packedDataset';
import { generateShapesDataset, generateShapesSplit } from './shapes';

const readPublic = async (path: string) => new Uint8Array(readFileSync(`public/${path}`));

describe('colour shapes', () => {
  it('is deterministic for a seed, balanced, and varies its nuisances', () => {
    const a = generateShapesSplit(1, 60, 16);
    const b = generateShapesSplit(1, 60, 16);
    expect(a.images).toEqual(b.images);
    expect(classCounts(a, 6)).toEqual([10, 10, 10, 10, 10, 10]);
    // Two images of the same class differ (colour, pose, background).
    const size = 16 * 16 * 3;
    expect(a.images.subarray(0, size)).not.toEqual(a.images.subarray(6 * size, 7 * size));
  });

  it('train and held-out splits do not share images', () => {
    const d = generateShapesDataset(30, 30, 5, 16);
    expect(d.train.images).not.toEqual(d.test.images);
  });
});

describe('packed dataset files', () => {
  it('round-trip through pack, deflate, inflate and unpack', async () => {
    const d = generateShapesDataset(12, 6, 2, 16);
    const back = unpackDataset(await inflateRaw(await deflateRaw(packDataset(d))));
    expect(back.train.images).toEqual(d.train.images);
    expect(back.test.labels).toEqual(d.test.labels);
    expect(back.classNames).toEqual(d.classNames);
  });

  it('rejects a truncated or foreign file with a clear message', async () => {
    const packed = packDataset(generateShapesDataset(12, 6, 2, 16));
    expect(() => unpackDataset(packed.subarray(0, packed.length - 10))).toThrow(/truncated/);
    expect(() => unpackDataset(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/bad magic/);
  });

  it('the shipped Fashion-MNIST subset has 10000 train and 2000 test images of 10 classes', async () => {
    const d = await loadBuiltinDataset('fashion-mnist', readPublic);
    if (d.kind !== 'images') throw new Error('Fashion-MNIST must load as images');
    expect([d.train.count, d.test.count, d.height, d.width, d.channels]).toEqual([10000, 2000, 28, 28, 1]);
    expect(classCounts(d.test, 10).every((c) => c > 150)).toBe(true);
    expect(Math.max(...d.train.labels)).toBe(9);
    expect(readFileSync(`public/${FASHION_MNIST_FILE}`).length).toBeLessThan(6_000_000);
  });
});
