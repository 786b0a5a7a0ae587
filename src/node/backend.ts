/**
 * Starts a tfjs backend in Node for tests, benchmarks and experiment scripts: wasm (SIMD, the
 * default: several times faster than cpu) or cpu, with the project's kernels installed.
 * In Node the wasm package finds its own binaries under node_modules; no download.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installKernels } from '../kernels';

export type NodeBackend = 'wasm' | 'cpu';

export async function startNodeBackend(name: NodeBackend = 'wasm'): Promise<void> {
  installKernels();
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} did not start`);
  await tf.ready();
}

/** BACKEND=cpu|wasm from the environment (default wasm). */
export function nodeBackendFromEnv(env: Record<string, string | undefined> = process.env): NodeBackend {
  const name = env.BACKEND ?? 'wasm';
  if (name !== 'wasm' && name !== 'cpu') throw new Error(`BACKEND=${name}: Node runs wasm or cpu`);
  return name;
}
