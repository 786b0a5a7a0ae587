/**
 * Named weights created with seeded initialisers. tfjs draws randomNormal in JS, so the same seed
 * gives the same initial weights on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../shared/rng';

export class VariableSet {
  /** Local name (e.g. "b2/c1/kernel") -> variable, in creation order. */
  readonly byName = new Map<string, tf.Variable>();

  constructor(private readonly prefix: string, private readonly trainable = true) {}

  /** He-normal weight for a layer with `fanIn` inputs. */
  he(name: string, shape: number[], fanIn: number, rng: Rng): tf.Variable {
    return this.add(name, tf.tidy(() => tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', rng.seed())));
  }

  zeros(name: string, shape: number[]): tf.Variable {
    return this.add(name, tf.zeros(shape));
  }

  ones(name: string, shape: number[]): tf.Variable {
    return this.add(name, tf.ones(shape));
  }

  add(name: string, initial: tf.Tensor): tf.Variable {
    if (this.byName.has(name)) throw new Error(`duplicate variable ${this.prefix}/${name}`);
    // tfjs variable names are global per engine; a counter keeps two runs in one process apart.
    const v = tf.variable(initial, this.trainable, `${this.prefix}/${name}#${nextId++}`);
    initial.dispose();
    this.byName.set(name, v);
    return v;
  }

  get(name: string): tf.Variable {
    const v = this.byName.get(name);
    if (!v) throw new Error(`missing variable ${this.prefix}/${name}`);
    return v;
  }

  list(): tf.Variable[] {
    return [...this.byName.values()];
  }

  dispose(): void {
    for (const v of this.byName.values()) v.dispose();
    this.byName.clear();
  }
}
let nextId = 0;

/** A frozen copy (not trainable, so no optimizer sees it), same names and values. */
export function frozenCopy(source: VariableSet, prefix: string): VariableSet {
  const copy = new VariableSet(prefix, false);
  for (const [name, v] of source.byName) {
    copy.add(name, v.clone());
  }
  return copy;
}

/**
 * target <- m * target + (1 - m) * source, variable by variable (MoCo's key encoder update).
 * Both sets must have been built by the same code, so their insertion orders match.
 */
export function momentumUpdate(target: VariableSet, source: VariableSet, m: number): void {
  const t = target.list();
  const s = source.list();
  if (t.length !== s.length) throw new Error('momentumUpdate: variable sets differ');
  tf.tidy(() => {
    for (let i = 0; i < t.length; i++) {
      t[i].assign(t[i].mul(m).add(s[i].mul(1 - m)));
    }
  });
}
