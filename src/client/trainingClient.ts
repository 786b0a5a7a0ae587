/**
 * The main thread's handle on one training worker: typed messages in and out, terminate when
 * done. One run = one worker = its own tfjs engine and GPU device.
 */
import type { RunConfig } from '../shared/config';
import type { Dataset } from '../data/dataset';
import type { CheckpointSettings, EvaluationSettings, FromWorker, ImportedEncoder, RunIdentity, ToWorker, WorkerFault } from '../shared/protocol';

export class TrainingClient {
  private readonly worker: Worker;

  /**
   * `onCrash`: an error escaped the worker (worker.onerror), with its text. The worker is then no
   * use: the pool terminates it and the run is interrupted, to be resumed from its checkpoints.
   */
  constructor(private readonly onMessage: (message: FromWorker) => void, private readonly onCrash: (what: string) => void) {
    this.worker = new Worker(new URL('../worker/trainingWorker.ts', import.meta.url), { type: 'module', name: 'pretext-training' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
      this.onMessage(event.data);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.onCrash(event.message || 'unknown error');
    };
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  /** `dataset` only for a dropped dataset that is not in IndexedDB (the worker loads the others itself). */
  train(config: RunConfig, run: RunIdentity, checkpoints: CheckpointSettings, dataset?: Dataset): void {
    this.send({ type: 'train', config, run, checkpoints, dataset });
  }
  /** Continues an interrupted run from its newest checkpoint (the worker reads it from IndexedDB). */
  continueRun(config: RunConfig, run: RunIdentity, checkpoints: CheckpointSettings, dataset?: Dataset): void {
    this.send({ type: 'continueRun', config, run, checkpoints, dataset });
  }
  /** The fault tests' hook: the worker fails as a real fault would. */
  injectFault(fault: WorkerFault): void {
    this.send({ type: 'injectFault', fault });
  }
  /** Builds the method and sends one batch's preview, without training. */
  previewBatch(config: RunConfig, dataset?: Dataset): void {
    this.send({ type: 'previewBatch', config, dataset });
  }
  /** Times a warm-up step and then `steps` steps of the config (the setup panel's estimate), without training a run. */
  timeSteps(config: RunConfig, steps: number, dataset?: Dataset): void {
    this.send({ type: 'timeSteps', config, steps, dataset });
  }
  /** One evaluation of an imported encoder's frozen features: no method, no training. */
  evaluateEncoder(settings: EvaluationSettings, encoder: ImportedEncoder, dataset?: Dataset): void {
    this.send({ type: 'evaluateEncoder', settings, encoder, dataset });
  }
  pause(): void {
    this.send({ type: 'pause' });
  }
  resume(): void {
    this.send({ type: 'resume' });
  }
  /** Asks the loop to stop after the current step; the worker then reports 'ended'. */
  stop(): void {
    this.send({ type: 'stop' });
  }
  /** During training: a fresh batch's preview. */
  refreshPreview(): void {
    this.send({ type: 'refreshPreview' });
  }

  /** Frees the worker and its GPU device. */
  terminate(): void {
    this.worker.terminate();
  }
}
