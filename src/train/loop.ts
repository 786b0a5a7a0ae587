/**
 * The training loop: steps, batched asynchronous metric readback, periodic kNN evaluation,
 * pause / resume / stop, and failure on a non-finite loss. Runs in the worker and in Node.
 */
import * as tf from '@tensorflow/tfjs';
import type { BaselineResult, EvalResult } from '../eval/types';
import type { RunConfig } from '../shared/config';
import { EVALUATING, EVALUATING_STEP0, RAW_PIXEL_BASELINE, evaluationDetail } from '../shared/protocol';
import { text, type Text } from '../shared/text';
import { errorMessage } from '../i18n/textError';

/** What the loop drives: a training session (session.ts) and its evaluator. */
export interface LoopSession {
  readonly config: Pick<RunConfig, 'maxSteps' | 'metricsEvery' | 'evalEvery'>;
  readonly stepCount: number;
  readonly metricNames: readonly string[];
  /** One step; the metrics vector, not read back. */
  step(): tf.Tensor1D;
  readonly evaluator: {
    /** progress: each part of the suite as it begins (e.g. 'linear probe', 3 of 5). */
    evaluate(step: number, progress?: (part: string, index: number, parts: number) => void): Promise<EvalResult>;
    rawPixelBaseline(): Promise<BaselineResult | null>;
  };
}

export interface MetricsBatch {
  /** Step number (1-based) of the first row. */
  firstStep: number;
  /** rows * names.length values, row-major. */
  values: Float32Array;
  rows: number;
  /** Wall milliseconds per step over this batch, readback included. */
  msPerStep: number;
  /** tf.memory().numTensors after the readback (must stay flat across a run). */
  numTensors: number;
}

export type LoopEnd = { reason: 'completed' | 'stopped'; steps: number } | { reason: 'failed' | 'interrupted'; steps: number; message: Text | string };

/**
 * Checkpoints as the loop sees them: when they are due, and taking one (its capture awaited
 * between two steps; the write goes on in the background).
 */
export interface LoopCheckpoints {
  /** A checkpoint after every this many steps (step % everySteps === 0)... */
  everySteps: number;
  /** ...and whenever this many seconds passed since the last one (0: steps only). */
  everySeconds: number;
  /** A write is still in flight: a due checkpoint waits for the next due point. */
  readonly busy: boolean;
  /** Captures the state at `step` (metrics flushed up to it); resolves once the capture is taken. */
  take(step: number): Promise<void>;
}

/** The loop's heartbeat interval (the page's watchdog listens). */
export const HEARTBEAT_MS = 1000;

export interface LoopEvents {
  metrics(batch: MetricsBatch): void;
  evaluation(result: EvalResult): void;
  /** detail: what the run is doing besides stepping ('' when it is just training). */
  phase(phase: 'training' | 'paused', detail?: Text | string): void;
  /** The raw-pixel kNN / probe floor (null: no labels); computed after the first metrics. */
  baseline?(result: BaselineResult | null): void;
  /** The loop is alive: at most about once per HEARTBEAT_MS while it steps. */
  heartbeat?(step: number): void;
}

export { EVALUATING_STEP0, EVALUATING, RAW_PIXEL_BASELINE, evaluationDetail } from '../shared/protocol';

export const yieldWithTimeout = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class TrainingLoop {
  private paused = false;
  private stopRequested = false;
  private failure: Text | string | null = null;
  private interruption: Text | string | null = null;
  private resumeWaiter: (() => void) | null = null;

  constructor(
    private readonly session: LoopSession,
    private readonly events: LoopEvents,
    private readonly yieldToEvents: () => Promise<void> = yieldWithTimeout,
    private readonly checkpoints: LoopCheckpoints | null = null,
  ) {}

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.resumeWaiter?.();
    this.resumeWaiter = null;
  }

  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  /** Stops the run with a message (e.g. the GPU device was lost); metrics so far are kept. */
  fail(message: Text | string): void {
    this.failure ??= message;
    this.stop();
  }

  /** Stops the run by a fault it can continue from (a lost GPU device): it ends 'interrupted'. */
  interrupt(message: Text | string): void {
    this.interruption ??= message;
    this.stop();
  }

  async run(): Promise<LoopEnd> {
    const { config } = this.session;
    const pending: tf.Tensor1D[] = [];
    let windowStart = performance.now();

    const flush = async () => {
      if (pending.length === 0) return;
      const rows = pending.length;
      const firstStep = this.session.stepCount - rows + 1;
      const stacked = tf.stack(pending);
      tf.dispose(pending);
      pending.length = 0;
      const values = (await stacked.data()) as Float32Array;
      stacked.dispose();
      const now = performance.now();
      // Checked before emitting: the worker transfers (detaches) the values buffer.
      const width = this.session.metricNames.length;
      let nonFinite: Text | null = null;
      for (let r = 0; r < rows && !nonFinite; r++) {
        if (!Number.isFinite(values[r * width])) {
          nonFinite = text('messages.run.nonFiniteLoss', { value: String(values[r * width]), step: firstStep + r });
        }
      }
      this.events.metrics({ firstStep, values, rows, msPerStep: (now - windowStart) / rows, numTensors: tf.memory().numTensors });
      windowStart = now;
      if (nonFinite) this.fail(nonFinite);
    };

    let lastBeat = -Infinity;
    const heartbeat = () => {
      const now = performance.now();
      if (this.events.heartbeat && now - lastBeat >= HEARTBEAT_MS) {
        lastBeat = now;
        this.events.heartbeat(this.session.stepCount);
      }
    };

    const evaluate = async () => {
      const what = this.session.stepCount === 0 ? EVALUATING_STEP0 : EVALUATING;
      this.events.phase('training', what);
      // Each part of the suite also beats: an evaluation can take seconds between two steps.
      const progress = (part: string, index: number, parts: number) => { heartbeat(); this.events.phase('training', evaluationDetail(what, part, index, parts)); };
      this.events.evaluation(await this.session.evaluator.evaluate(this.session.stepCount, progress));
      this.events.phase('training', '');
      windowStart = performance.now();
    };
    // The raw-pixel floor does not depend on the model: it waits until the first loss points
    // are on screen instead of holding them up (seconds on a CPU for a 3072-d probe).
    let baselineDone = !this.events.baseline || config.evalEvery <= 0;
    const baseline = async () => {
      baselineDone = true;
      this.events.phase('training', RAW_PIXEL_BASELINE);
      this.events.baseline!(await this.session.evaluator.rawPixelBaseline());
      this.events.phase('training', '');
      windowStart = performance.now();
    };

    const checkpoints = this.checkpoints;
    let lastCheckpointAt = performance.now();
    const checkpointDue = (step: number) => {
      if (!checkpoints || checkpoints.busy || step >= config.maxSteps || this.stopRequested) return false;
      if (step % Math.max(1, checkpoints.everySteps) === 0) return true;
      return checkpoints.everySeconds > 0 && performance.now() - lastCheckpointAt >= checkpoints.everySeconds * 1000;
    };

    try {
      this.events.phase('training');
      const { evalEvery } = config;
      // A resumed run has its step-0 evaluation in its restored progress.
      if (evalEvery > 0 && this.session.stepCount === 0) await evaluate(); // step 0: the random-init encoder
      while (this.session.stepCount < config.maxSteps && !this.stopRequested) {
        if (this.paused) {
          await flush();
          if (this.stopRequested) break;
          this.events.phase('paused');
          const pausedAt = performance.now();
          // A paused worker is alive too: it beats on (the page's watchdog tells a pause from a hang).
          const beating = this.events.heartbeat ? setInterval(heartbeat, HEARTBEAT_MS) : null;
          await new Promise<void>((resolve) => { this.resumeWaiter = resolve; if (!this.paused) resolve(); });
          if (beating) clearInterval(beating);
          // everySeconds counts training time: the pause does not make a checkpoint due.
          lastCheckpointAt += performance.now() - pausedAt;
          if (this.stopRequested) break;
          this.events.phase('training');
          windowStart = performance.now();
          continue;
        }
        pending.push(this.session.step());
        const step = this.session.stepCount;
        if (pending.length >= config.metricsEvery || step === config.maxSteps) {
          await flush();
          if (!baselineDone && !this.stopRequested) await baseline();
        }
        if (evalEvery > 0 && step % evalEvery === 0 && !this.stopRequested) {
          await flush();
          await evaluate();
        }
        // After the evaluation at this step, so the checkpoint holds it (a resumed run does not redo it).
        if (checkpointDue(step)) {
          await flush(); // the checkpoint at step S holds exactly rows 1..S
          if (!this.failure && !this.stopRequested) {
            await checkpoints!.take(step);
            lastCheckpointAt = performance.now();
          }
        }
        heartbeat();
        await this.yieldToEvents();
      }
      await flush();
      if (!this.failure && this.session.stepCount === config.maxSteps && evalEvery > 0 && config.maxSteps % evalEvery !== 0) {
        await evaluate();
      }
      if (!baselineDone && !this.failure) await baseline();
    } catch (e) {
      this.failure ??= errorMessage(e);
      tf.dispose(pending);
    }
    const steps = this.session.stepCount;
    if (this.interruption) return { reason: 'interrupted', steps, message: this.interruption };
    if (this.failure) return { reason: 'failed', steps, message: this.failure };
    return { reason: this.stopRequested ? 'stopped' : 'completed', steps };
  }
}
