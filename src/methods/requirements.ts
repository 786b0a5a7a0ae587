/**
 * What a method needs of a dataset, checked in one place with one message: the setup panel shows
 * it before a run (ui/RunControls.tsx) and the training side throws it if a run gets that far
 * anyway (a shared link, a script). UI-safe: no tfjs.
 */
import { METHOD_SPECS, type MethodId } from './catalog';
import type { MethodSpec } from './spec';

/** What the check needs to know of a dataset. */
export interface DatasetTraits {
  name: string;
  kind: 'images' | 'video';
  /** Classes with both labelled training and labelled held-out images. */
  usableClasses: number;
}

/** Why `methodId` cannot train on this dataset, or null when it can. */
export function datasetProblem(methodId: MethodId, dataset: DatasetTraits): string | null {
  const spec: MethodSpec = METHOD_SPECS[methodId];
  if (spec.needs === 'video' && dataset.kind !== 'video') {
    return `${spec.label} trains on videos: choose "Moving shapes videos" or "Multi-view turntable", or drop video files, as the dataset.`;
  }
  if (spec.needs === 'labelledImages' && dataset.usableClasses < 2) {
    const n = dataset.usableClasses;
    return `${spec.label} trains on labels: "${dataset.name}" has ${n} class${n === 1 ? '' : 'es'} with both training and held-out images (it needs 2 or more; put the images in one folder per class).`;
  }
  return null;
}

/** Throws datasetProblem's message (the training side's guard). */
export function assertDatasetFits(methodId: MethodId, dataset: DatasetTraits): void {
  const problem = datasetProblem(methodId, dataset);
  if (problem) throw new Error(problem);
}
