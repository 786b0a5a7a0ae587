/** Fixed held-out splits: the same data always gives the same split, whatever the run's seed. */
import { createRng } from '../shared/rng';

/** The split's seed: fixed, so a dataset's held-out part never depends on a run. */
export const SPLIT_SEED = 0x5eed;

export function shuffled<T>(items: T[], seed = SPLIT_SEED): T[] {
  const rng = createRng(seed);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * A stratified hold-out: `fraction` of each class (at least one image of a class with two or
 * more) goes to test; unlabelled items (-1) stay in train. Both index lists come out shuffled, so
 * any prefix of them mixes the classes.
 */
export function stratifiedHoldOut(labels: ArrayLike<number>, fraction: number, seed = SPLIT_SEED): { train: number[]; test: number[] } {
  const byClass = new Map<number, number[]>();
  const train: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0) { train.push(i); continue; }
    const list = byClass.get(labels[i]) ?? [];
    list.push(i);
    byClass.set(labels[i], list);
  }
  const test: number[] = [];
  for (const [label, members] of [...byClass.entries()].sort((a, b) => a[0] - b[0])) {
    const order = shuffled(members, seed + label);
    const k = members.length >= 2 ? Math.max(1, Math.round(members.length * fraction)) : 0;
    test.push(...order.slice(0, k));
    train.push(...order.slice(k));
  }
  return { train: shuffled(train, seed), test: shuffled(test, seed + 1) };
}
