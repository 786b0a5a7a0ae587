/**
 * Defaults per backend tier, chosen by measured learning per minute (docs/experiments.md,
 * "Tier defaults"): a machine with a real GPU affords a wider encoder, larger batches and more
 * steps than wasm or cpu on a few cores. A tier's values override the method spec's defaults
 * (the spec's default is what the cpu tier uses unless listed here). UI-safe (no tfjs).
 */
import type { MethodId } from '../methods/catalog';
import type { AnyParamValues } from './params';
import { text, type Text } from './text';

export type Tier = 'gpu' | 'cpu';

/** Each tier in words, for "Defaults are tuned for …". */
export const TIER_LABELS: Record<Tier, Text> = {
  gpu: text('setup.tiers.gpu'),
  cpu: text('setup.tiers.cpu'),
};

export interface TierDefaults {
  /** Training steps of a default run. */
  maxSteps: number;
  /** Evaluate every this many steps. */
  evalEvery: number;
  /** Overrides of the method's param defaults. */
  params: AnyParamValues;
}

/**
 * cpu: about 1.5 min of training on wasm on one core (SimCLR ~140 ms a step), where 600 steps
 * took SimCLR on shapes from 30% to 81% kNN; batch 64 learned less per minute (70.5% in 1.4x
 * the time), so the batch stays 32. gpu: not measured here (no GPU machine was lent): a wider
 * encoder and bigger batches, scaled from what a GPU backend's step costs relative to wasm.
 */
const CPU: TierDefaults = { maxSteps: 600, evalEvery: 100, params: {} };
const GPU: TierDefaults = { maxSteps: 2000, evalEvery: 200, params: { width: 16, batchSize: 64 } };

/** Per method, where it differs from the tier's common values: the slower steps get fewer of them (about the same minutes). */
const METHOD_TIER: Partial<Record<MethodId, Partial<Record<Tier, Partial<TierDefaults>>>>> = {
  cpc: { cpu: { maxSteps: 400 } },
  dim: { cpu: { maxSteps: 300 } },
};

export function tierDefaults(methodId: MethodId, tier: Tier): TierDefaults {
  const base = tier === 'gpu' ? GPU : CPU;
  const own = METHOD_TIER[methodId]?.[tier] ?? {};
  return { ...base, ...own, params: { ...base.params, ...own.params } };
}
