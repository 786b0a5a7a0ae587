/**
 * A run's full state in and out of a checkpoint: the method's variables (by position in
 * MethodRun.variables() order), every optimizer's slots and step count, every rng stream drawn
 * from after setup, and the method's counters.
 *
 * Capture is split so the step's path only pays for clones: captureRun (between two steps) clones
 * the variables and optimizer slots (a clone shares the data; a later assign gives the variable new
 * data, so the clone keeps the values of this step), and readCapture reads them back, packs them and
 * frees the clones while training goes on.
 */
import * as tf from '@tensorflow/tfjs';
import { packTensors, tensorsOf, type TensorValues } from '../checkpoint/format';
import type { CheckpointState } from '../checkpoint/types';
import type { MethodRun } from '../methods/types';
import type { Rng } from '../shared/rng';

/** What a checkpoint reads of a run: its method's run and the rng streams the session holds. */
export interface CheckpointTarget {
  run: Pick<MethodRun, 'variables' | 'checkpointParts'>;
  /** The session's own streams ('batch', 'preview'); the method's are added as 'method:<name>'. */
  rngs: Record<string, Rng>;
}

/** A capture between two steps: clones not yet read back, and the plain state copied. */
export interface Capture {
  tensors: { group: string; name: string; tensor: tf.Tensor }[];
  state: Pick<CheckpointState, 'optimizers' | 'rngs' | 'counters'>;
}

/** tfjs names a variable "<prefix>/<name>#<per-process counter>": the counter differs between processes. */
export const stableName = (name: string) => name.replace(/#\d+(?=\/|$)/g, '');

const optimizerGroup = (name: string) => `optimizer:${name}`;

function allRngs(target: CheckpointTarget): Record<string, Rng> {
  const own = target.run.checkpointParts().rngs;
  return { ...target.rngs, ...Object.fromEntries(Object.entries(own).map(([k, r]) => [`method:${k}`, r])) };
}

/**
 * Clones every tensor of the state and copies the rest. Awaits only optimizer.getWeights (which
 * resolves at once: no step runs while the caller awaits it). The caller must readCapture or
 * disposeCapture the result.
 */
export async function captureRun(target: CheckpointTarget): Promise<Capture> {
  const tensors: Capture['tensors'] = [];
  const optimizers: CheckpointState['optimizers'] = {};
  try {
    for (const v of target.run.variables()) tensors.push({ group: 'variables', name: stableName(v.name), tensor: v.clone() });
    const parts = target.run.checkpointParts();
    for (const [name, opt] of Object.entries(parts.optimizers)) {
      const weights = await opt.getWeights();
      // weights[0]: the step count as a fresh scalar (iterations are kept as a number instead).
      weights[0].tensor.dispose();
      optimizers[name] = { kind: opt.getClassName(), iterations: opt.iterations };
      for (const w of weights.slice(1)) tensors.push({ group: optimizerGroup(name), name: stableName(w.name), tensor: w.tensor.clone() });
    }
    const rngs = Object.fromEntries(Object.entries(allRngs(target)).map(([k, r]) => [k, r.getState()]));
    return { tensors, state: { optimizers, rngs, counters: { ...parts.counters.save() } } };
  } catch (e) {
    tf.dispose(tensors.map((t) => t.tensor));
    throw e;
  }
}

export function disposeCapture(c: Capture): void {
  tf.dispose(c.tensors.map((t) => t.tensor));
  c.tensors.length = 0;
}

/** Reads the clones back (asynchronously), packs them into one buffer and frees them. */
export async function readCapture(c: Capture): Promise<CheckpointState> {
  try {
    // All readbacks at once: on a GPU backend each one is a round trip to the device.
    const values: TensorValues[] = await Promise.all(c.tensors.map(async (t) => ({ group: t.group, name: t.name, shape: t.tensor.shape, values: (await t.tensor.data()) as Float32Array })));
    return { format: 1, ...packTensors(values), ...c.state };
  } finally {
    disposeCapture(c);
  }
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Puts a checkpoint's state into a freshly built run of the same config (its optimizers not yet
 * stepped). Everything is checked before anything changes: on a throw the run is as it was.
 */
export async function restoreRun(target: CheckpointTarget, state: CheckpointState): Promise<void> {
  const vars = target.run.variables();
  const stored = tensorsOf(state, 'variables');
  if (stored.length !== vars.length) throw new Error(`the checkpoint holds ${stored.length} variables, this run has ${vars.length}`);
  vars.forEach((v, i) => {
    if (!sameShape(v.shape, stored[i].shape)) throw new Error(`variable ${i} (${stableName(v.name)}) has shape [${v.shape}], the checkpoint's ${stored[i].name} has [${stored[i].shape}]`);
  });
  const parts = target.run.checkpointParts();
  const names = Object.keys(parts.optimizers);
  const storedNames = Object.keys(state.optimizers);
  if (names.length !== storedNames.length || names.some((n) => !state.optimizers[n])) throw new Error(`the checkpoint holds optimizers ${storedNames.join(', ')}, this run has ${names.join(', ')}`);
  for (const n of names) {
    const opt = parts.optimizers[n];
    if (opt.getClassName() !== state.optimizers[n].kind) throw new Error(`optimizer ${n} is ${opt.getClassName()} here, ${state.optimizers[n].kind} in the checkpoint`);
    if ((opt.iterations ?? 0) !== 0) throw new Error(`optimizer ${n} has already stepped: restore into a fresh run`);
  }
  const rngs = allRngs(target);
  const missing = Object.keys(rngs).filter((k) => !state.rngs[k]);
  if (missing.length) throw new Error(`the checkpoint has no rng state for ${missing.join(', ')}`);

  vars.forEach((v, i) => {
    const t = tf.tensor(stored[i].values.slice(), stored[i].shape, v.dtype);
    v.assign(t);
    t.dispose(); // the variable holds its own reference
  });
  for (const n of names) {
    const slots = tensorsOf(state, optimizerGroup(n)).map((t) => ({ name: t.name, tensor: tf.tensor(t.values.slice(), t.shape) }));
    const iterations = tf.scalar(state.optimizers[n].iterations, 'int32');
    // setWeights makes variables of the slots (sharing their data): ours are freed after.
    await parts.optimizers[n].setWeights([{ name: 'iter', tensor: iterations }, ...slots]);
    tf.dispose([iterations, ...slots.map((s) => s.tensor)]);
  }
  for (const [k, r] of Object.entries(rngs)) r.setState(state.rngs[k]);
  parts.counters.load(state.counters);
}
