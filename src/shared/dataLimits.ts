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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why a run of these settings cannot work on this dataset (empty: it can). */
export function dataLimitProblems(settings: { params: AnyParamValues; evalEvery: number }, counts: DataCounts): string[] {
  const problems: string[] = [];
  const batch = settings.params.batchSize;
  if (typeof batch === 'number' && counts.trainCount > 0 && batch > counts.trainCount) {
    problems.push(`Batch size ${batch} is larger than the dataset's ${plural(counts.trainCount, 'training image')}: set it to ${counts.trainCount} or less, or drop more images.`);
  }
  const classes = counts.perClass.filter((c) => c.train > 0 || c.test > 0);
  const short = classes.filter((c) => c.test < MIN_HELD_OUT_PER_CLASS);
  if (settings.evalEvery > 0 && classes.length >= 2 && short.length > 0) {
    const named = short.slice(0, 4).map((c) => `${c.name} (${c.test})`).join(', ') + (short.length > 4 ? ` and ${short.length - 4} more` : '');
    problems.push(`Evaluation needs at least ${MIN_HELD_OUT_PER_CLASS} held-out images per class; ${named} ${short.length === 1 ? 'has' : 'have'} fewer. Drop more images, or set "Evaluate every" to 0 to train without evaluation.`);
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

/** The mark beside an accuracy computed on `n` held-out images ('' when there are enough). */
export function tooFewToTrust(n: number | undefined): string {
  return n !== undefined && n < TRUST_MIN_IMAGES ? `(n = ${n}, too few to trust)` : '';
}
