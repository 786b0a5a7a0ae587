import type { BackendName } from '../src/shared/config';

export type ConvGradientMode = 'ours' | 'stock' | 'conv' | 'matmul';

export interface BenchRequest {
  backend: BackendName;
  methodId: 'simclr' | 'moco';
  params: Record<string, number | string | boolean>;
  warmupSteps: number;
  timedSteps: number;
  /** Metrics are read back every this many steps, as in the training loop. */
  readEvery: number;
  /**
   * 'ours': the per-backend choice in src/kernels/convGradients.ts; 'stock': tfjs's own kernels;
   * 'conv' / 'matmul': that filter-gradient form forced (input gradient as tfjs's, wasm's own).
   */
  convGradients: ConvGradientMode;
  /** wasm threads (needs a cross-origin isolated page); undefined: tfjs's default. */
  threads?: number;
}

export interface KernelTime { name: string; ms: number; calls: number }

/** What timing a method's steps measures (bench/stepTiming.ts). */
export interface StepTiming {
  msPerStep: number;
  imagesPerSecond: number;
  /** Time to draw and augment one batch, read back (part of every step). */
  augmentMs: number;
  numTensorsBefore: number;
  numTensorsAfter: number;
  firstLoss: number;
  /** The most expensive kernels of one profiled step (tf.profile), by total time. */
  topKernels: KernelTime[];
}

export type BenchResult =
  | ({ ok: true; backend: BackendName; adapter: string; methodId: string; convGradients: ConvGradientMode; threads: number | null } & StepTiming)
  | { ok: false; backend: BackendName; methodId: string; convGradients: ConvGradientMode; threads?: number; error: string };
