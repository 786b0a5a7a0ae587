/**
 * The learning rate of each step: linear warm-up, then a half cosine to 0 at the last step
 * (SimCLR; MoCo v2), or constant. A pure function of the step, so a resumed run continues on
 * the same curve. Applied to every optimizer of a run, each relative to its own base rate
 * (DIM's discriminator has its own). No DOM; runs in Node.
 */
import type * as tf from '@tensorflow/tfjs';

export interface ScheduleSettings {
  lrSchedule: 'cosine' | 'constant';
  /** Share of the run's steps spent warming up, in percent. */
  warmupPercent: number;
  totalSteps: number;
}

/** Multiplier of the base rate for the step with 0-based index `step`, in (0, 1] within the run, 0 past its end. */
export function learningRateFactor(step: number, s: ScheduleSettings): number {
  if (s.lrSchedule === 'constant') return 1;
  const warmup = Math.min(s.totalSteps - 1, Math.round((s.totalSteps * s.warmupPercent) / 100));
  if (step < warmup) return (step + 1) / (warmup + 1);
  const progress = Math.min(1, (step - warmup) / Math.max(1, s.totalSteps - warmup));
  return 0.5 * (1 + Math.cos(Math.PI * progress));
}

type WithRate = tf.Optimizer & { learningRate: number; setLearningRate?: (lr: number) => void };

/** Sets each optimizer's rate to its base rate (read on construction) times the step's factor. */
export class LearningRateSchedule {
  private readonly bases: { optimizer: WithRate; base: number }[];

  constructor(optimizers: tf.Optimizer[], private readonly settings: ScheduleSettings) {
    this.bases = optimizers.map((o) => ({ optimizer: o as WithRate, base: (o as WithRate).learningRate }));
  }

  /** Before the step with index `step`. */
  apply(step: number): void {
    const factor = learningRateFactor(step, this.settings);
    for (const { optimizer, base } of this.bases) {
      const lr = base * factor;
      if (optimizer.learningRate === lr) continue;
      // SGD and momentum keep the rate as a tensor (setLearningRate frees the old one); Adam reads the number each step.
      if (optimizer.setLearningRate) optimizer.setLearningRate(lr);
      else optimizer.learningRate = lr;
    }
  }

  /** The main optimizer's rate at `step` (for the charts and tests). */
  rateAt(step: number): number {
    return (this.bases[0]?.base ?? 0) * learningRateFactor(step, this.settings);
  }
}
