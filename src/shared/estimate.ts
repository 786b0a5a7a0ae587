/**
 * How long a run will take before it starts, and how many steps fit a budget in minutes. Pure and
 * UI-safe: the timings come from a finished run (its measured ms/step and evaluation times) or
 * from a worker that timed a few steps of the setup ('timeSteps' in shared/protocol.ts).
 */
import type { BackendName, RunConfig } from './config';
import { RUN_SETTINGS } from './config';
import { text, type Text } from './text';

/** What a run of a setup costs, as measured. */
export interface StepCost {
  /** The backend that ran the measured steps (auto resolves to one). */
  backend: BackendName;
  /** Training step time, ms (evaluations not included). */
  msPerStep: number;
  /** One evaluation's time, ms; null when not measured. */
  evalMs: number | null;
  /** The raw-pixel baseline's time, ms (once per run, before step 1); 0 when none or not measured. */
  baselineMs: number;
  /** Where the figures come from, in words: `your run "…"`, `timing 5 steps` (sourceIsTiming tells which). */
  source: Text;
  /**
   * When evalMs is null: the share of another run's wall time its evaluations took (0..1), to say
   * how much they add; null when nothing says.
   */
  evalShareHint: number | null;
}

/** The probe's answer (the worker's 'stepTiming'). */
export interface StepTiming {
  backend: BackendName;
  /** Steps timed after the warm-up step. */
  steps: number;
  msPerStep: number;
  /** The warm-up step (shader compiles, first allocations), not counted in msPerStep. */
  warmupMs: number;
  /** One evaluation, when the probe judged it cheap enough to time; else null. */
  evalMs: number | null;
}

/** Steps a probe times after its warm-up step. */
export const PROBE_STEPS = 5;

/**
 * What the time of a run depends on, for matching a setup to a measured run or a cached probe:
 * method, backend preference, dataset, batch size and width.
 */
export function setupKey(c: Pick<RunConfig, 'methodId' | 'backend' | 'datasetId' | 'params'>): string {
  return [c.methodId, c.backend, c.datasetId, Number(c.params.batchSize), Number(c.params.width)].join('|');
}

/** Evaluations a run of `steps` makes: step 0, every evalEvery steps, and the last step when it is not on one. */
export function evaluationsIn(steps: number, evalEvery: number): number {
  if (!(evalEvery > 0) || !(steps >= 0)) return 0;
  return 1 + Math.floor(steps / evalEvery) + (steps % evalEvery === 0 ? 0 : 1);
}

/** A run's estimated time, ms, split in training steps and evaluations (with the baseline). */
export function estimateRunMs(cost: Pick<StepCost, 'msPerStep' | 'evalMs' | 'baselineMs'>, steps: number, evalEvery: number): { totalMs: number; trainMs: number; evalMs: number } {
  const trainMs = steps * cost.msPerStep;
  const evals = cost.evalMs === null ? 0 : evaluationsIn(steps, evalEvery) * cost.evalMs + (evalEvery > 0 ? cost.baselineMs : 0);
  return { totalMs: trainMs + evals, trainMs, evalMs: evals };
}

/** Budget steps are whole tens, at least 10 and at most the step limit. */
export const BUDGET_STEP_MULTIPLE = 10;

/**
 * The steps that fit `minutes` at this cost (evaluations included when measured), rounded down
 * to a multiple of 10, at least 10, at most the run's step limit.
 */
export function stepsForMinutes(minutes: number, cost: Pick<StepCost, 'msPerStep' | 'evalMs' | 'baselineMs'>, evalEvery: number): number {
  const max = RUN_SETTINGS.maxSteps.max;
  if (!(minutes > 0) || !(cost.msPerStep > 0)) return BUDGET_STEP_MULTIPLE;
  const budget = minutes * 60_000;
  const evalMs = cost.evalMs ?? 0;
  const evaluating = evalEvery > 0 && cost.evalMs !== null;
  // Fixed: the baseline and the step-0 evaluation; per step: the step and its share of an evaluation.
  const fixed = evaluating ? evalMs + cost.baselineMs : 0;
  const perStep = cost.msPerStep + (evaluating ? evalMs / evalEvery : 0);
  const raw = Math.floor((budget - fixed) / perStep / BUDGET_STEP_MULTIPLE) * BUDGET_STEP_MULTIPLE;
  return Math.min(Math.floor(max / BUDGET_STEP_MULTIPLE) * BUDGET_STEP_MULTIPLE, Math.max(BUDGET_STEP_MULTIPLE, raw));
}

/** A time span: "2 min 5 s", "40 s", "1 h 3 min". */
export function spanText(ms: number): Text {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return text('setup.estimate.seconds', { s });
  const m = Math.floor(s / 60);
  if (m < 60) return text('setup.estimate.minutesSeconds', { m, s: s % 60 });
  return text('setup.estimate.hoursMinutes', { h: Math.floor(m / 60), m: m % 60 });
}

/** "about 2 min 5 s", "about 40 s", "about 1 h 3 min". */
export const durationText = (ms: number): Text => text('setup.estimate.about', { duration: spanText(ms) });

/** A budget in minutes as text: "2 min", "0.5 min". */
export const minutesText = (minutes: number): Text => text('setup.estimate.minutes', { minutes: Number(minutes.toPrecision(3)) });

/** "Estimated time on wasm: about 2 min 5 s for 600 steps (from your run "SimCLR"), …" and what evaluation adds. */
export function estimateText(cost: StepCost, steps: number, evalEvery: number): Text {
  const { totalMs, trainMs } = estimateRunMs(cost, steps, evalEvery);
  const head = text('setup.estimate.head', { backend: cost.backend, duration: durationText(totalMs), steps, source: cost.source });
  if (evalEvery <= 0) return text('setup.estimate.plain', { head });
  if (cost.evalMs !== null) return text('setup.estimate.evaluationsIncluded', { head, evalTime: spanText(totalMs - trainMs) });
  if (cost.evalShareHint !== null && cost.evalShareHint < 1) {
    return text('setup.estimate.evaluationAdds', { head, percent: Math.round((cost.evalShareHint / (1 - cost.evalShareHint)) * 100) });
  }
  return text('setup.estimate.evaluationNotIncluded', { head });
}

const SOURCE_TIMING = 'setup.estimate.sourceTiming';

/** Whether the cost comes from timing a few steps (a probe), not from a measured run. */
export const sourceIsTiming = (cost: Pick<StepCost, 'source'>): boolean => cost.source.key === SOURCE_TIMING;

/** A finished or running run's figures, as the page holds them (RunState / a History entry). */
export interface MeasuredRun {
  name: string;
  config: Pick<RunConfig, 'methodId' | 'backend' | 'datasetId' | 'params'> | null;
  backend: BackendName | null;
  msPerStep: number;
  /** Evaluation times, ms. */
  evalMs: number[];
  baselineMs: number;
  /** Steps it trained. */
  steps: number;
  /** When it was made (newest wins). */
  createdAt: number;
}

/**
 * The cost of a setup from the newest measured run of the same setup (setupKey), with its mean
 * evaluation time; null when none trained a step.
 */
export function costFromRuns(key: string, runs: readonly MeasuredRun[]): StepCost | null {
  const same = runs.filter((r) => r.config && r.backend && r.msPerStep > 0 && r.steps > 0 && setupKey(r.config) === key);
  if (!same.length) return null;
  const r = same.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
  const evalMs = r.evalMs.length ? r.evalMs.reduce((a, b) => a + b, 0) / r.evalMs.length : null;
  return { backend: r.backend!, msPerStep: r.msPerStep, evalMs, baselineMs: r.baselineMs, source: text('setup.estimate.sourceRun', { name: r.name }), evalShareHint: null };
}

/** The cost of a setup from a probe's timing; `evalShareHint` from another run when the probe did not time an evaluation. */
export function costFromTiming(t: StepTiming, evalShareHint: number | null = null): StepCost {
  return { backend: t.backend, msPerStep: t.msPerStep, evalMs: t.evalMs, baselineMs: 0, source: text(SOURCE_TIMING, { steps: t.steps }), evalShareHint: t.evalMs === null ? evalShareHint : null };
}

/**
 * Whether the probe should time one evaluation too: when embedding the evaluation's images is
 * predicted to take at most `limitMs` (a forward pass costs about a third of a training step's
 * forward and backward pass over the same images).
 */
export function evaluationIsCheap(msPerStep: number, imagesPerStep: number, evalImages: number, limitMs = 15_000): boolean {
  if (!(msPerStep > 0) || !(imagesPerStep > 0)) return false;
  return (evalImages / imagesPerStep) * (msPerStep / 3) <= limitMs;
}
