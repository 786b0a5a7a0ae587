/**
 * Every method the product offers, as UI-safe specs. Adding a method: an implementation file
 * (defineMethod, ./base.ts), a spec file (./specs/), one line here and one in ./registry.ts (the
 * types there require an implementation of each spec under its id).
 */
import type { AnyParamValues } from '../shared/params';
import { CORE_METRICS, type HeldOutScoreSpec, type MethodSpec, type MetricUnit } from './spec';
import { simclrSpec } from './specs/simclr';
import { mocoSpec } from './specs/moco';
import { cpcSpec } from './specs/cpc';
import { dimSpec } from './specs/dim';
import { slaSpec } from './specs/sla';
import { s4lSpec } from './specs/s4l';
import { supervisedSpec } from './specs/supervised';
import { tcnSpec } from './specs/tcn';
import { wangGuptaSpec } from './specs/wangGupta';
import { shuffleLearnSpec } from './specs/shuffleLearn';
import { inpaintingSpec } from './specs/inpainting';
import { colorizationSpec } from './specs/colorization';
import { rotnetSpec } from './specs/rotnet';
import { jigsawSpec } from './specs/jigsaw';
import { relativePositionSpec } from './specs/relativePosition';

export const METHOD_SPECS = {
  simclr: simclrSpec,
  moco: mocoSpec,
  cpc: cpcSpec,
  dim: dimSpec,
  sla: slaSpec,
  s4l: s4lSpec,
  supervised: supervisedSpec,
  tcn: tcnSpec,
  'wang-gupta': wangGuptaSpec,
  'shuffle-learn': shuffleLearnSpec,
  inpainting: inpaintingSpec,
  colorization: colorizationSpec,
  rotnet: rotnetSpec,
  jigsaw: jigsawSpec,
  'relative-position': relativePositionSpec,
} as const satisfies Record<string, MethodSpec>;

export type MethodId = keyof typeof METHOD_SPECS;
export const METHOD_IDS = Object.keys(METHOD_SPECS) as MethodId[];

export function isMethodId(id: string): id is MethodId {
  return Object.prototype.hasOwnProperty.call(METHOD_SPECS, id);
}

/** The metrics a run of the method reports each step, in its metrics vector's order: loss, posSim, negSim, then the spec's extras. */
export function metricNamesOf(id: MethodId): string[] {
  return [...CORE_METRICS, ...METHOD_SPECS[id].extraMetrics];
}

/** Names of a method's own classifier heads scored at evaluations (none for most methods). */
export function testAccuracyNames(id: MethodId): readonly string[] {
  // A constant for "none": UI selectors compare results by identity.
  return (METHOD_SPECS[id] as MethodSpec).testAccuracies ?? NO_TEST_ACCURACIES;
}
const NO_TEST_ACCURACIES: readonly string[] = [];

/** A method's own tasks scored on held-out videos (none for the image methods). */
export function heldOutScoreSpecs(id: MethodId): readonly HeldOutScoreSpec[] {
  return (METHOD_SPECS[id] as MethodSpec).heldOutScores ?? NO_HELD_OUT_SCORES;
}
const NO_HELD_OUT_SCORES: readonly HeldOutScoreSpec[] = [];

/** Whether a method trains on videos (image datasets cannot feed it). */
export const needsVideo = (id: MethodId) => (METHOD_SPECS[id] as MethodSpec).needs === 'video';

/** The method menus' groups, in order: image methods, the context-based pretexts, video methods. */
export type MethodGroup = 'image' | 'context' | 'video';
export const METHOD_GROUPS: readonly MethodGroup[] = ['image', 'context', 'video'];
export function methodGroup(id: MethodId): MethodGroup {
  const spec = METHOD_SPECS[id] as MethodSpec;
  return spec.family === 'context' ? 'context' : spec.needs === 'video' ? 'video' : 'image';
}
/** The methods of a group, in catalog order. */
export const methodsInGroup = (group: MethodGroup): MethodId[] => METHOD_IDS.filter((id) => methodGroup(id) === group);

/**
 * Images the encoder sees in one training step of this method with these params; inputSize
 * ([height, width]) where known (CPC counts its patches with it).
 */
export function imagesPerStep(id: MethodId, params: AnyParamValues, inputSize?: readonly [number, number]): number {
  const spec: MethodSpec = METHOD_SPECS[id];
  return spec.imagesPerStep ? spec.imagesPerStep(params, inputSize) : Number(params.batchSize);
}

/** A metric's chart label (the name itself where the spec gives none). */
export function metricLabel(id: MethodId, name: string): string {
  return (METHOD_SPECS[id] as MethodSpec).metricLabels?.[name] ?? name;
}

/** An extra metric's unit: the spec's, else a name ending in Loss is a loss and one ending in Accuracy a fraction. */
export function metricUnit(id: MethodId, name: string): MetricUnit {
  return (METHOD_SPECS[id] as MethodSpec).metricUnits?.[name] ?? (/Loss$/.test(name) ? 'loss' : /Accuracy$/.test(name) ? 'fraction' : 'value');
}

/** A method's extra metrics grouped by unit, in their order: one chart axis per group. */
export function extraMetricGroups(id: MethodId): { unit: MetricUnit; names: string[] }[] {
  const groups: { unit: MetricUnit; names: string[] }[] = [];
  for (const name of METHOD_SPECS[id].extraMetrics) {
    const unit = metricUnit(id, name);
    const group = groups.find((g) => g.unit === unit);
    if (group) group.names.push(name); else groups.push({ unit, names: [name] });
  }
  return groups;
}
