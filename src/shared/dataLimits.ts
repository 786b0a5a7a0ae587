/**
 * Settings that cannot work on a dataset's size, checked where the dataset is known: the setup
 * panel refuses them before Train (dataLimitProblems), the worker clamps what still arrives and
 * says so (clampToData, knnNeighbours), and figures computed on a handful of images are marked
 * (tooFewToTrust). UI-safe: no tfjs.
 */
import type { AnyParamValues } from './params';
import { text, type Text } from './text';

/** Fewer held-out images than this in a class, and its accuracy is a coin toss or nothing. */
export const MIN_HELD_OUT_PER_CLASS = 2;
/** Below this many held-out images an accuracy moves in steps of 2% or more: shown, but marked. */
export const TRUST_MIN_IMAGES = 50;

/** What the checks need of a dataset (a DatasetSummary has it). */
export interface DataCounts {
  trainCount: number;
  perClass: readonly { name: string; train: number; test: number }[];
}

/** Why a run of these settings cannot work on this dataset (empty: it can). */
export function dataLimitProblems(settings: { params: AnyParamValues; evalEvery: number }, counts: DataCounts): Text[] {
  const problems: Text[] = [];
  const batch = settings.params.batchSize;
  if (typeof batch === 'number' && counts.trainCount > 0 && batch > counts.trainCount) {
    problems.push(text('setup.limits.batchTooLarge', { batch, count: counts.trainCount }));
  }
  const classes = counts.perClass.filter((c) => c.train > 0 || c.test > 0);
  const short = classes.filter((c) => c.test < MIN_HELD_OUT_PER_CLASS);
  if (settings.evalEvery > 0 && classes.length >= 2 && short.length > 0) {
    // Class names are the data's own; the first four are named, the rest counted.
    const list = short.slice(0, 4).map((c) => `${c.name} (${c.test})`).join(', ');
    const named = short.length > 4 ? text('setup.limits.andMore', { list, more: short.length - 4 }) : list;
    problems.push(text('setup.limits.fewHeldOut', { min: MIN_HELD_OUT_PER_CLASS, classes: named, count: short.length }));
  }
  return problems;
}

/** The params the worker trains with on `trainCount` images: the batch at most the data, and what it changed. */
export function clampToData(params: AnyParamValues, trainCount: number): { params: AnyParamValues; notices: Text[] } {
  const batch = params.batchSize;
  if (typeof batch !== 'number' || trainCount <= 0 || batch <= trainCount) return { params, notices: [] };
  return {
    params: { ...params, batchSize: trainCount },
    notices: [text('messages.notice.batchClamped', { batch, count: trainCount })],
  };
}

/**
 * The kNN's k on a bank of `bankCount` images: at most half the bank, so the vote is not the
 * whole bank's majority (which scores every query alike), and at least 1.
 */
export function knnNeighbours(k: number, bankCount: number): number {
  return Math.max(1, Math.min(k, Math.floor(bankCount / 2)));
}

/** The mark beside an accuracy computed on `n` held-out images; null when there are enough. */
export function tooFewToTrustText(n: number | undefined): Text | null {
  return n !== undefined && n < TRUST_MIN_IMAGES ? text('setup.limits.tooFewToTrust', { n }) : null;
}
