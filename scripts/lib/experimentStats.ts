/**
 * The table's arithmetic over a group's runs (one per seed): mean, sample sd, the paired gain
 * over the random-init encoder and whether it passes. Pure numbers in, numbers out.
 */
import type { Group } from './experimentMatrix';
import type { ResultRecord } from './experimentStore';

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); NaN with fewer than two values. */
  sd: number;
}

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { n, mean: NaN, sd: NaN };
  const mean = values.reduce((a, v) => a + v, 0) / n;
  const sd = n < 2 ? NaN : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd };
}

/** The smallest gain that counts, in accuracy (5 points). */
export const MIN_GAIN = 0.05;

export interface Gain extends Summary {
  /** null: fewer than two seeds, so no spread to compare against. */
  pass: boolean | null;
}

/**
 * final - init per seed (paired: a seed gives every method the same initial encoder). It passes
 * when the mean gain is at least MIN_GAIN and beyond its spread: greater than the sd over seeds
 * of the paired differences.
 */
export function pairedGain(pairs: readonly { init: number; final: number }[]): Gain {
  const s = summarize(pairs.map((p) => p.final - p.init));
  return { ...s, pass: s.n < 2 ? null : s.mean >= MIN_GAIN && s.mean > s.sd };
}

export interface TaskSummary {
  name: string;
  better: 'higher' | 'lower';
  final: Summary;
  init: Summary;
  chance: number | null;
}

export interface GroupSummary extends Group {
  /** Runs that reached their last step's evaluation. */
  done: number;
  /** Runs that ended otherwise (a non-finite loss). */
  failed: number;
  seeds: number[];
  knn: Summary;
  linear: Summary;
  initKnn: Summary;
  initLinear: Summary;
  rawKnn: Summary;
  rawLinear: Summary;
  gainKnn: Gain;
  gainLinear: Gain;
  tasks: TaskSummary[];
  wallMs: Summary;
  msPerStep: Summary;
  /** Short hashes, '+dirty' where code outside docs differed from the commit. */
  commits: string[];
  maxSteps: number | null;
}

const nums = (xs: readonly (number | null | undefined)[]) => xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));

function pairs(records: readonly ResultRecord[], pick: (e: NonNullable<ResultRecord['final']>) => number | null) {
  return records.flatMap((r) => {
    const init = r.init && pick(r.init), final = r.final && pick(r.final);
    return typeof init === 'number' && typeof final === 'number' ? [{ init, final }] : [];
  });
}

/** One table row from the group's records (one per seed, already chosen by config hash). */
export function summarizeGroup(group: Group, records: readonly ResultRecord[]): GroupSummary {
  const ok = records.filter((r) => r.final);
  const taskNames = [...new Set(ok.flatMap((r) => r.final!.tasks.map((t) => t.name)))];
  const tasks = taskNames.map((name) => {
    const of = (e: ResultRecord['final']) => e?.tasks.find((t) => t.name === name);
    const better = ok.map((r) => of(r.final)?.better).find(Boolean) ?? 'higher';
    const chance = summarize(nums(ok.map((r) => of(r.final)?.chance)));
    return {
      name,
      better,
      final: summarize(nums(ok.map((r) => of(r.final)?.value))),
      init: summarize(nums(ok.map((r) => of(r.init)?.value))),
      chance: chance.n ? chance.mean : null,
    };
  });
  return {
    ...group,
    done: ok.length,
    failed: records.length - ok.length,
    seeds: records.map((r) => r.cell.seed).sort((a, b) => a - b),
    knn: summarize(nums(ok.map((r) => r.final!.knn))),
    linear: summarize(nums(ok.map((r) => r.final!.linear))),
    initKnn: summarize(nums(records.map((r) => r.init?.knn))),
    initLinear: summarize(nums(records.map((r) => r.init?.linear))),
    rawKnn: summarize(nums(records.map((r) => r.raw?.knn))),
    rawLinear: summarize(nums(records.map((r) => r.raw?.linear))),
    gainKnn: pairedGain(pairs(ok, (e) => e.knn)),
    gainLinear: pairedGain(pairs(ok, (e) => e.linear)),
    tasks,
    wallMs: summarize(records.map((r) => r.wallMs)),
    msPerStep: summarize(nums(records.map((r) => r.msPerStep))),
    commits: [...new Set(records.map((r) => `${r.commit.hash}${r.commit.dirty ? '+dirty' : ''}`))],
    maxSteps: records[0]?.config.maxSteps ?? null,
  };
}

/**
 * Raw pixels are a property of the dataset (and the evaluation sizes), computed by one cell per
 * dataset: each group without its own takes them from the stored records of its dataset.
 */
export function withDatasetRaw(summaries: readonly GroupSummary[], records: readonly ResultRecord[]): GroupSummary[] {
  return summaries.map((s) => {
    if (s.rawKnn.n) return s;
    const same = records.filter((r) => r.raw && r.cell.dataset === s.dataset);
    return {
      ...s,
      rawKnn: summarize(nums(same.map((r) => r.raw?.knn))),
      rawLinear: summarize(nums(same.map((r) => r.raw?.linear))),
    };
  });
}
