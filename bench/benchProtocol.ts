import type { BackendName } from '../src/shared/config';

export interface BenchRequest {
  backend: BackendName;
  methodId: 'simclr' | 'moco';
  params: Record<string, number | string | boolean>;
  warmupSteps: number;
  timedSteps: number;
  /** Metrics are read back every this many steps, as in the training loop. */
  readEvery: number;
}

export type BenchResult =
  | {
      ok: true;
      backend: BackendName;
      adapter: string;
      methodId: string;
      msPerStep: number;
      imagesPerSecond: number;
      /** Time to draw and augment one batch, read back (part of every step). */
      augmentMs: number;
      numTensorsBefore: number;
      numTensorsAfter: number;
      firstLoss: number;
    }
  | { ok: false; backend: BackendName; methodId: string; error: string };
