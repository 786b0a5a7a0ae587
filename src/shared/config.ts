/** A run's full configuration: everything needed to reproduce it. UI-safe (no tfjs). */
import type { MethodId } from '../methods/catalog';
import { METHOD_SPECS } from '../methods/catalog';
import { defaultParams, type AnyParamValues, type NumberParam } from './params';
import { tierDefaults, type Tier } from './tiers';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;
/** Auto's order before software GPU adapters are moved below wasm (shared/backendChoice.ts). */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface RunConfig {
  methodId: MethodId;
  /** A built-in dataset's id, or "user-<fingerprint prefix>" for a dropped one (kept in IndexedDB). */
  datasetId: string;
  params: AnyParamValues;
  seed: number;
  /** Training stops after this many steps. */
  maxSteps: number;
  /** kNN evaluation every this many steps (and at step 0: the random-init encoder); 0: none. */
  evalEvery: number;
  /** Images of the train split used as the kNN memory bank. */
  evalBankSize: number;
  /** Held-out images classified by kNN. */
  evalQuerySize: number;
  /** Metrics are read back from the backend every this many steps, in one small tensor. */
  metricsEvery: number;
  backend: BackendPreference;
}

/** Run-level settings with their ranges (the per-method params live in each MethodSpec). */
export const RUN_SETTINGS = {
  seed: { kind: 'int', label: 'Seed', default: 1, min: 0, max: 2 ** 31 - 1 },
  maxSteps: { kind: 'int', label: 'Steps', default: 300, min: 1, max: 100000 },
  evalEvery: { kind: 'int', label: 'Evaluate every (steps; 0 = never)', default: 50, min: 0, max: 10000 },
  evalBankSize: { kind: 'int', label: 'Evaluation train images (kNN bank, probe)', default: 1000, min: 20, max: 10000 },
  evalQuerySize: { kind: 'int', label: 'Held-out images (kNN, probe, map, video tasks)', default: 1000, min: 10, max: 2000 },
  metricsEvery: { kind: 'int', label: 'Read metrics every (steps)', default: 5, min: 1, max: 100 },
} as const satisfies Record<string, NumberParam>;

/** A run at the defaults of `tier` (shared/tiers.ts): the method's params with the tier's overrides. */
export function defaultRunConfig(methodId: MethodId = 'simclr', datasetId = 'shapes', tier: Tier = 'cpu'): RunConfig {
  const t = tierDefaults(methodId, tier);
  const specs = METHOD_SPECS[methodId].params;
  const overrides = Object.fromEntries(Object.entries(t.params).filter(([k]) => k in specs));
  return {
    methodId,
    datasetId,
    params: { ...defaultParams(specs), ...overrides },
    seed: RUN_SETTINGS.seed.default,
    maxSteps: t.maxSteps,
    evalEvery: t.evalEvery,
    evalBankSize: RUN_SETTINGS.evalBankSize.default,
    evalQuerySize: RUN_SETTINGS.evalQuerySize.default,
    metricsEvery: RUN_SETTINGS.metricsEvery.default,
    backend: 'auto',
  };
}
