/**
 * Defaults per backend tier, chosen by measured learning per minute (docs/experiments.md,
 * "Tier defaults"): a machine with a real GPU affords a wider encoder, larger batches and more
 * steps than wasm or cpu on a few cores. A tier's values override the method spec's defaults
 * (the spec's default is what the cpu tier uses unless listed here). UI-safe (no tfjs).
 */
import type { MethodId } from '../methods/catalog';
import type { AnyParamValues } from './params';

export type Tier = 'gpu' | 'cpu';

export const TIER_LABELS: Record<Tier, string> = {
  gpu: 'a real GPU (WebGPU or WebGL on a hardware adapter)',
  cpu: 'no GPU (wasm or cpu, or a software GPU adapter)',
};

export interface TierDefaults {
  /** Training steps of a default run. */
  maxSteps: number;
  /** Evaluate every this many steps. */
  evalEvery: number;
  /** Overrides of the method's param defaults. */
  params: AnyParamValues;
}

const CPU: TierDefaults = { maxSteps: 300, evalEvery: 50, params: {} };
const GPU: TierDefaults = { maxSteps: 1000, evalEvery: 100, params: { width: 16, batchSize: 64 } };

/** Per method, where it differs from the tier's common values. */
const METHOD_TIER: Partial<Record<MethodId, Partial<Record<Tier, Partial<TierDefaults>>>>> = {};

export function tierDefaults(methodId: MethodId, tier: Tier): TierDefaults {
  const base = tier === 'gpu' ? GPU : CPU;
  const own = METHOD_TIER[methodId]?.[tier] ?? {};
  return { ...base, ...own, params: { ...base.params, ...own.params } };
}
