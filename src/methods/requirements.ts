/**
 * What a method needs of a dataset, checked in one place with one message: the setup panel shows
 * it before a run (ui/RunControls.tsx) and the training side throws it if a run gets that far
 * anyway (a shared link, a script). UI-safe: no tfjs.
 */
import { METHOD_SPECS, type MethodId } from './catalog';
import type { MethodSpec } from './spec';
import { text, type Text } from '../shared/text';
import { catalogEnglish, named } from '../shared/catalogEnglish';

/** What the check needs to know of a dataset. */
export interface DatasetTraits {
  name: string;
  kind: 'images' | 'video';
  /** Classes with both labelled training and labelled held-out images. */
  usableClasses: number;
  /** Colour channels of its images (1: grayscale); absent: not known, taken as colour. */
  channels?: number;
}

/** Why `methodId` cannot train on this dataset, or null when it can. */
export function datasetProblem(methodId: MethodId, dataset: DatasetTraits): Text | null {
  const spec: MethodSpec = METHOD_SPECS[methodId];
  const method = named(`content.methods.${methodId}.label`, spec.label);
  if (spec.needs === 'video' && dataset.kind !== 'video') {
    return text('setup.requirements.needsVideo', { method });
  }
  if (spec.needs === 'labelledImages' && dataset.usableClasses < 2) {
    return text('setup.requirements.needsLabels', { method, dataset: dataset.name, count: dataset.usableClasses });
  }
  if (spec.needs === 'colorImages' && dataset.channels === 1) {
    return text('setup.requirements.needsColour', { method, dataset: dataset.name });
  }
  return null;
}

/** datasetProblem's refusal as an error: its message in English, its Text for a page to show in the reader's language. */
export class DatasetProblemError extends Error {
  constructor(readonly text: Text) {
    super(catalogEnglish(text));
    this.name = 'DatasetProblemError';
  }
}

/** Throws datasetProblem's message (the training side's guard). */
export function assertDatasetFits(methodId: MethodId, dataset: DatasetTraits): void {
  const problem = datasetProblem(methodId, dataset);
  if (problem) throw new DatasetProblemError(problem);
}
