/** TCN's cross-view alignment error on embeddings whose nearest neighbours are known by construction. */
import { describe, expect, it } from 'vitest';
import { createRng, gaussian } from '../shared/rng';
import { alignmentError, chanceAlignmentError, multiViewAlignmentError } from './alignmentError';

/** [length*length] one-hot rows: row t is e_{order[t]}, so cosine similarity is 1 for equal ids and 0 otherwise. */
function oneHot(order: number[], dim = order.length): Float32Array {
  const out = new Float32Array(order.length * dim);
  order.forEach((id, t) => { out[t * dim + id] = 1; });
  return out;
}

const range = (n: number) => [...Array(n).keys()];

function randomEmbedding(seed: number, length: number, dim: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: length * dim }, () => gaussian(rng));
}

describe('alignment error', () => {
  it('is 0 for identical views, whatever their scale', () => {
    const a = randomEmbedding(1, 20, 8);
    expect(alignmentError(a, a, 20, 8)).toBe(0);
    expect(alignmentError(a, a.map((v) => 3 * v), 20, 8)).toBe(0); // cosine: the scale does not matter
  });

  it('matches hand-computed values for a reversed and for shifted copies', () => {
    // Reversed, length 4: t_nn = 3 - t, |t_nn - t| = 3, 1, 1, 3 -> 8 / (4 * 4).
    expect(alignmentError(oneHot([0, 1, 2, 3]), oneHot([3, 2, 1, 0]), 4, 4)).toBeCloseTo(0.5, 6);
    // Circular shift by 2, length 6: b[t] = a[(t + 2) % 6], t_nn = (t - 2) mod 6:
    // |t_nn - t| = 4, 4, 2, 2, 2, 2 -> 16 / 36.
    expect(alignmentError(oneHot(range(6)), oneHot(range(6).map((t) => (t + 2) % 6)), 6, 6)).toBeCloseTo(16 / 36, 6);
    // Clamped shift by 2: b = e2 e3 e4 e5 e5 e5. a[0], a[1] match nothing (all ties -> frame 0),
    // a[5] ties among frames 3, 4, 5 -> 3: |t_nn - t| = 0, 1, 2, 2, 2, 2 -> 9 / 36.
    expect(alignmentError(oneHot(range(6)), oneHot([2, 3, 4, 5, 5, 5], 6), 6, 6)).toBeCloseTo(9 / 36, 6);
  });

  it('averages over ordered pairs of views', () => {
    const a = oneHot([0, 1, 2, 3]), reversed = oneHot([3, 2, 1, 0]);
    // a-a and r-r are not pairs; a->r and r->a are 0.5 each.
    expect(multiViewAlignmentError([a, reversed], 4, 4)).toBeCloseTo(0.5, 6);
    // Three views a, a, reversed: of the 6 ordered pairs, the 2 between the copies of a are 0, the other 4 are 0.5.
    expect(multiViewAlignmentError([a, a, reversed], 4, 4)).toBeCloseTo(4 * 0.5 / 6, 6);
    expect(() => multiViewAlignmentError([a], 4, 4)).toThrow(/at least 2/);
    expect(() => alignmentError(a, new Float32Array(12), 4, 4)).toThrow(/expected length \* dim/);
  });

  it('is at chance for random embeddings of length 48', () => {
    const length = 48, dim = 16, seeds = 150;
    let total = 0;
    for (let s = 0; s < seeds; s++) total += alignmentError(randomEmbedding(2 * s, length, dim), randomEmbedding(2 * s + 1, length, dim), length, dim);
    expect(Math.abs(total / seeds - chanceAlignmentError(length))).toBeLessThan(0.01);
  });

  it('has a closed form for chance equal to the mean over all pairs of frames', () => {
    for (const length of [1, 2, 3, 7, 48, 100]) {
      let sum = 0;
      for (let t = 0; t < length; t++) for (let u = 0; u < length; u++) sum += Math.abs(u - t) / length;
      expect(chanceAlignmentError(length)).toBeCloseTo(sum / (length * length), 10);
    }
    expect(chanceAlignmentError(2)).toBeCloseTo(0.25, 10); // |0-1| and |1-0| over 2, in 2 of 4 pairs
  });
});
