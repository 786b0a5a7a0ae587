/**
 * Which queued runs may start now, and how many runs run at once by default. Pure: the store
 * calls it whenever a run is added or ends.
 */
import type { BackendPreference } from '../shared/config';

export interface QueuedOrRunning {
  id: string;
  /** 'queued': waiting for a slot; 'running': has a worker (any active phase). */
  slot: 'queued' | 'running' | 'done';
}

/** Ids to start, in queue order, so that at most `maxConcurrent` runs hold a worker. */
export function runsToStart(runs: readonly QueuedOrRunning[], maxConcurrent: number): string[] {
  const running = runs.filter((r) => r.slot === 'running').length;
  const free = Math.max(0, Math.floor(maxConcurrent) - running);
  return runs.filter((r) => r.slot === 'queued').slice(0, free).map((r) => r.id);
}

export const MAX_CONCURRENT = { min: 1, max: 8 };

/**
 * Default concurrency. webgpu: each worker owns a device and the GPU interleaves their kernels,
 * so two runs overlap one's JS work and readback with the other's compute; more mostly splits
 * the same GPU. webgl is the fallback where WebGPU is missing: weaker GPUs or SwiftShader on the
 * CPU, where a second run only takes time from the first, so one. cpu: each worker is one
 * thread, so half the cores (the page and the map need the rest), at most 4. Measured on a
 * GPU-less machine (npm run bench:concurrency, docs/benchmarks.md): 2 at once gave 1.02x on
 * webgpu and 0.96x on webgl; the webgpu default still needs a real GPU to confirm.
 */
export function defaultConcurrency(preference: BackendPreference, hasWebGpu: boolean, cores: number): number {
  const backend = preference === 'auto' ? (hasWebGpu ? 'webgpu' : 'webgl') : preference;
  if (backend === 'cpu' || backend === 'wasm') return Math.max(1, Math.min(4, Math.floor(cores / 2)));
  return backend === 'webgpu' ? 2 : 1;
}
