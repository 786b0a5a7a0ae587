/**
 * MoCo's queue of keys: K rows of L2-normalised keys in a non-trainable variable. Enqueueing N
 * keys overwrites the N oldest rows (a ring buffer), so the queue is FIFO. Before it fills, the
 * remaining rows hold random unit vectors, as in the official code.
 */
import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from '../losses/normalize';

let nextQueueId = 0;

export class KeyQueue {
  readonly keys: tf.Variable;
  /** Next row to overwrite. */
  private pointer = 0;
  private filled = 0;

  constructor(readonly size: number, readonly dim: number, seed: number) {
    const initial = tf.tidy(() => l2Normalize(tf.randomNormal([size, dim], 0, 1, 'float32', seed)));
    // Named (with a per-process counter, as VariableSet does): a checkpoint names its tensors.
    this.keys = tf.variable(initial, false, `moco/queue#${nextQueueId++}`);
    initial.dispose(); // the variable holds its own reference to the data
  }

  get fillFraction(): number {
    return this.filled / this.size;
  }

  /** The row the next enqueue writes first (the oldest key). */
  get nextRow(): number {
    return this.pointer;
  }

  /** keys: [N, dim], already normalised and without gradient. */
  enqueue(keys: tf.Tensor2D): void {
    const n = keys.shape[0];
    // source[r]: row r of the old queue, or K + j for the j-th new key landing on row r.
    const source = new Int32Array(this.size);
    for (let r = 0; r < this.size; r++) source[r] = r;
    for (let j = 0; j < n; j++) source[(this.pointer + j) % this.size] = this.size + j;
    tf.tidy(() => {
      const updated = tf.gather(tf.concat([this.keys, keys], 0), tf.tensor1d(source, 'int32'));
      this.keys.assign(updated);
    });
    this.pointer = (this.pointer + n) % this.size;
    this.filled = Math.min(this.size, this.filled + n);
  }

  /** The ring buffer's plain-number state (the keys themselves are a variable). */
  saveCounters(): Record<string, number> {
    return { pointer: this.pointer, filled: this.filled };
  }

  loadCounters(v: Record<string, number>): void {
    const ok = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= this.size;
    if (!ok(v.pointer) || !ok(v.filled) || v.pointer >= this.size) throw new Error(`not a key queue state of size ${this.size}: ${JSON.stringify(v)}`);
    this.pointer = v.pointer;
    this.filled = v.filled;
  }

  dispose(): void {
    this.keys.dispose();
  }
}
