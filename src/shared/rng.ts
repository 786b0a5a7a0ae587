/**
 * Seeded pseudo-random numbers (sfc32 seeded through splitmix32). Every random choice of a run
 * (batch indices, augmentation parameters, weight init seeds) comes from one of these, so the same
 * seed gives the same run on the same backend.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A 31-bit seed for tfjs random ops (tf.randomNormal(..., seed)). */
  seed(): number;
  /** An independent stream, so adding draws in one place does not shift another. */
  fork(): Rng;
  /** The generator's four 32-bit words: a checkpoint keeps them so a resumed run draws on as it would have. */
  getState(): RngState;
  /** Continues from a state getState returned (throws on anything else). */
  setState(state: RngState): void;
}

/** sfc32's state: four unsigned 32-bit words. */
export type RngState = [number, number, number, number];

const isWord = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0xffffffff;

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init(), b = init(), c = init(), d = init();
  const nextUint = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) nextUint();
  const rng: Rng = {
    next: () => nextUint() / 4294967296,
    uniform: (lo, hi) => lo + (hi - lo) * rng.next(),
    int: (n) => Math.floor(rng.next() * n),
    chance: (p) => rng.next() < p,
    seed: () => nextUint() >>> 1,
    fork: () => createRng(nextUint()),
    // >>> 0: the rotation leaves c signed; the state is four unsigned words.
    getState: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
    setState: (state) => {
      if (!Array.isArray(state) || state.length !== 4 || !state.every(isWord)) throw new Error(`not an rng state: ${JSON.stringify(state)}`);
      [a, b, c, d] = state;
    },
  };
  return rng;
}

/** n distinct indices from [0, size) (partial Fisher-Yates); n <= size. */
export function sampleWithoutReplacement(rng: Rng, size: number, n: number): Int32Array {
  if (n > size) throw new Error(`cannot draw ${n} distinct items from ${size}`);
  const pool = new Int32Array(size);
  for (let i = 0; i < size; i++) pool[i] = i;
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(size - i);
    const t = pool[i]; pool[i] = pool[j]; pool[j] = t;
  }
  return pool.slice(0, n);
}

/** A standard normal draw (Box-Muller). */
export function gaussian(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log(0) never happens
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
