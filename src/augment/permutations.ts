/**
 * Jigsaw's permutation set (Noroozi and Favaro, ECCV 2016, Algorithm 1): start from one
 * permutation of the 9 tiles drawn uniformly from all 9! (from the seed), then greedily add the
 * candidate farthest from those chosen so far. Far apart permutations make the P classes
 * distinct: two that differ in one swap would be a near-impossible task.
 * "Farthest": the largest minimum Hamming distance to the chosen set, ties broken by the largest
 * summed distance (Algorithm 1's own criterion), then by lexicographic order. The summed distance
 * alone, as Algorithm 1 writes it, gave sets whose closest pair differs in 2 positions at P = 24-100
 * (measured), closer than random sets (3-4); the maximin rule gives 6-9. Plain JS, cached per (P, seed).
 */
import { createRng } from '../shared/rng';

export const PUZZLE_TILES = 9;
const FACTORIAL_9 = 362880;

let allPermutations: Uint8Array | null = null;

/** Every permutation of 0..8 in lexicographic order: [9! * 9]. */
function everyPermutation(): Uint8Array {
  if (allPermutations) return allPermutations;
  const out = new Uint8Array(FACTORIAL_9 * PUZZLE_TILES);
  const p = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  for (let k = 0; k < FACTORIAL_9; k++) {
    out.set(p, k * PUZZLE_TILES);
    // Next in lexicographic order: the rightmost ascent i, swap with the rightmost larger, reverse the tail.
    let i = PUZZLE_TILES - 2;
    while (i >= 0 && p[i] > p[i + 1]) i--;
    if (i < 0) break;
    let j = PUZZLE_TILES - 1;
    while (p[j] < p[i]) j--;
    [p[i], p[j]] = [p[j], p[i]];
    for (let a = i + 1, b = PUZZLE_TILES - 1; a < b; a++, b--) [p[a], p[b]] = [p[b], p[a]];
  }
  allPermutations = out;
  return out;
}

const cache = new Map<string, number[][]>();

/** P permutations of 0..8 (slot j shows tile perm[j]), the greedy maximal-Hamming-distance set. */
export function maximalHammingSet(count: number, seed: number): number[][] {
  if (count < 2 || count > 1000) throw new Error(`a jigsaw permutation set holds 2 to 1000 permutations, not ${count}`);
  const key = `${count}|${seed}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const all = everyPermutation();
  // Per candidate: its smallest and summed distance to the chosen set (total -1 once chosen).
  const total = new Int32Array(FACTORIAL_9);
  const nearest = new Uint8Array(FACTORIAL_9).fill(PUZZLE_TILES + 1);
  const chosen: number[][] = [];
  let next = createRng(seed).int(FACTORIAL_9);
  for (;;) {
    const perm = Array.from(all.subarray(next * PUZZLE_TILES, (next + 1) * PUZZLE_TILES));
    chosen.push(perm);
    total[next] = -1;
    if (chosen.length === count) break;
    let best = -1, bestNearest = -1, bestTotal = -1;
    for (let k = 0; k < FACTORIAL_9; k++) {
      if (total[k] < 0) continue;
      const base = k * PUZZLE_TILES;
      let d = 0;
      for (let t = 0; t < PUZZLE_TILES; t++) if (all[base + t] !== perm[t]) d++;
      const sum = total[k] + d;
      total[k] = sum;
      const near = d < nearest[k] ? (nearest[k] = d) : nearest[k];
      if (near > bestNearest || (near === bestNearest && sum > bestTotal)) { bestNearest = near; bestTotal = sum; best = k; }
    }
    next = best;
  }
  cache.set(key, chosen);
  return chosen;
}

/** Hamming distance of two permutations (positions where they differ). */
export function hamming(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** The smallest Hamming distance between two permutations of the set. */
export function minimumHamming(set: readonly (readonly number[])[]): number {
  let min = Infinity;
  for (let i = 0; i < set.length; i++) for (let j = i + 1; j < set.length; j++) min = Math.min(min, hamming(set[i], set[j]));
  return min;
}
