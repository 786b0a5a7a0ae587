/**
 * Messages between the main thread and a training worker. Both sides import this module and
 * nothing else of each other's.
 */
import type { BackendName, RunConfig } from './config';
import type { ParamIssue } from './params';
import type { EncoderLayout } from '../models/encoderLayout';
import type { Dataset } from '../data/dataset';
import type { DatasetSummary } from '../data/summary';
import type { BaselineResult, EvalResult, MapPoints } from '../eval/types';
import type { PreviewImagePanel } from './preview';
import type { StepTiming } from './estimate';
import { isText, text, type Text } from './text';
import type { CheckpointSettings, RunIdentity, RunProgress } from '../checkpoint/types';
export type { CheckpointSettings, RunIdentity, RunProgress } from '../checkpoint/types';
export type { PreviewImagePanel, PreviewImageRow } from './preview';
export type { StepTiming } from './estimate';

/** One weight as plain data: name, shape and float32 values. */
export interface NamedWeightData {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** An exported encoder brought back: evaluated (no training) on a dataset. */
export interface ImportedEncoder {
  /** What the model file says it is (shown with the results). */
  description: string;
  /** The method that trained it, as the file says (an id of methods/catalog.ts, or unknown). */
  trainedBy: string;
  layout: EncoderLayout;
  weights: NamedWeightData[];
}

/** What evaluating an encoder needs of a run's settings: no method, nothing trains. */
export type EvaluationSettings = Pick<RunConfig, 'datasetId' | 'seed' | 'evalBankSize' | 'evalQuerySize' | 'backend'>;

/** The trained encoder at the end of a run, for the TF.js model export. */
export interface EncoderWeightsMessage {
  width: number;
  norm: 'group' | 'none';
  /** The encoder's normGroups (EncoderLayout); History records saved before it existed lack it: 8 (layoutOf). */
  normGroups: number;
  outputDim: number;
  /** The run's input size [H, W, 3]. */
  inputShape: [number, number, 3];
  weights: NamedWeightData[];
  /**
   * The method's heads (its trainable variables outside the encoder, by local name such as
   * "head/w1" or "classifier/w"), for the PyTorch export; absent in History records saved before
   * heads were kept, and for a method without heads an empty list.
   */
  heads?: NamedWeightData[];
}

/** What a run trains on, as the worker loaded it (image methods see a video dataset's frames). */
export type RunDataset = Pick<DatasetSummary, 'id' | 'name' | 'kind' | 'height' | 'width' | 'channels' | 'classNames' | 'trainCount' | 'testCount' | 'unlabelled'>;

/**
 * Commands to a training worker. One of the first five starts it; a worker serves one of them.
 * `dataset` is sent only for a dropped dataset that could not be cached; otherwise the worker loads
 * it by id.
 */
export type ToWorker =
  /** Train a method on a dataset (evaluating as the config says), writing checkpoints as `checkpoints` says. */
  | { type: 'train'; config: RunConfig; run: RunIdentity; checkpoints: CheckpointSettings; dataset?: Dataset }
  /**
   * Continue an interrupted run from its newest stored checkpoint that verifies (an older one, with
   * a notice, when the newest is damaged; from step 0, with a notice, when none is stored): the
   * worker reports 'restored' before it trains on.
   */
  | { type: 'continueRun'; config: RunConfig; run: RunIdentity; checkpoints: CheckpointSettings; dataset?: Dataset }
  /**
   * Build the session as for a run, time one warm-up step and then `steps` steps (and one
   * evaluation when that is cheap), answer 'stepTiming', and dispose it: the setup panel's estimate.
   */
  | { type: 'timeSteps'; config: RunConfig; steps: number; dataset?: Dataset }
  /** Build the method as for a run and send a preview of one batch, without training. */
  | { type: 'previewBatch'; config: RunConfig; dataset?: Dataset }
  /** One evaluation of an exported encoder's frozen features on a dataset: no method, no training. */
  | { type: 'evaluateEncoder'; settings: EvaluationSettings; encoder: ImportedEncoder; dataset?: Dataset }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** During training: draw a fresh batch and send its preview. */
  | { type: 'refreshPreview' }
  /** For the fault tests: make this worker fail as a real fault would (see WorkerFault). */
  | { type: 'injectFault'; fault: WorkerFault };

/**
 * deviceLost: the worker reports its GPU device lost, as the real callback does; uncaughtError: an
 * error escapes the worker (the page sees worker.onerror); hang: the worker's thread spins and
 * answers nothing (the watchdog's case).
 */
export type WorkerFault = 'deviceLost' | 'uncaughtError' | 'hang';

/** interrupted: the run ended by a fault it can continue from (its last checkpoint), e.g. a lost GPU device. */
export type RunPhase = 'starting' | 'loading-data' | 'building' | 'training' | 'paused' | 'completed' | 'stopped' | 'failed' | 'interrupted';

export interface BackendInfo {
  backend: BackendName;
  /** GPU adapter or renderer as the browser names it ("" on cpu). */
  adapter: string;
  /** Why this backend was chosen (forced, hardware GPU, wasm above a software GPU ...). */
  why: Text | string;
  /** Backends tried before this one and why they failed. */
  fallbacks: { backend: BackendName; reason: string }[];
}


/** The training phase's details while the loop evaluates (the status line shows them as they are). */
export const EVALUATING_STEP0: Text = text('messages.evaluation.step0');
export const EVALUATING: Text = text('messages.evaluation.evaluating');
export const RAW_PIXEL_BASELINE: Text = text('messages.evaluation.rawPixel');
/** An imported encoder's one evaluation (phase 'building': no training). */
export const EVALUATING_IMPORTED: Text = text('messages.evaluation.imported');

/** The evaluator's part names (train/evaluator.ts evaluationParts) as the user reads them. */
const EVALUATION_PARTS: Record<string, Text> = {
  'embedding held-out images': text('messages.evaluation.parts.embedding'),
  kNN: text('messages.evaluation.parts.knn'),
  'linear probe': text('messages.evaluation.parts.linearProbe'),
  'classifier heads': text('messages.evaluation.parts.heads'),
  'similarity probe': text('messages.evaluation.parts.similarity'),
  "the method's held-out task": text('messages.evaluation.parts.heldOutTask'),
};

/** The detail while an evaluation is on one part of its suite: `what: part (index of parts)`. */
export const evaluationDetail = (what: Text | string, part: string, index: number, parts: number): Text =>
  text('messages.evaluation.progress', { what, part: EVALUATION_PARTS[part] ?? part, index, parts });

const EVALUATING_KEYS = new Set([EVALUATING_STEP0, EVALUATING, RAW_PIXEL_BASELINE, EVALUATING_IMPORTED].map((t) => t.key).concat('messages.evaluation.progress'));

/** The run is evaluating (a suite, its step-0 one, an imported encoder's or the raw-pixel baseline), by its detail. */
export const isEvaluating = (detail: Text | string): boolean =>
  (isText(detail) ? EVALUATING_KEYS.has(detail.key) : /^(evaluating|raw-pixel)/.test(detail));

export type FromWorker =
  | { type: 'phase'; phase: RunPhase; detail?: Text | string }
  | { type: 'backend'; info: BackendInfo }
  | { type: 'dataset'; summary: RunDataset }
  /** Something the run does differently from what was asked, and why (e.g. no labels: no kNN). */
  | { type: 'notice'; message: Text | string }
  | { type: 'paramIssues'; issues: ParamIssue[] }
  | {
      type: 'metrics';
      names: string[];
      firstStep: number;
      rows: number;
      /** rows * names.length values, row-major (transferred). */
      values: Float32Array;
      msPerStep: number;
      imagesPerSecond: number;
      numTensors: number;
    }
  /** embeddings transferred; the main thread hands them to the map worker. */
  | ({ type: 'evaluation' } & EvalResult)
  /** Raw-pixel kNN and linear probe, once per run before training (labelled datasets only). */
  | ({ type: 'baseline' } & BaselineResult)
  /** The map's points (thumbnails, labels), once per run. */
  | { type: 'mapPoints'; points: MapPoints }
  | { type: 'preview'; panels: PreviewImagePanel[] }
  /** Sent once before 'ended' when the run trained at least one step (weights transferred). */
  | ({ type: 'encoder' } & EncoderWeightsMessage)
  /** The loop is alive: sent at most about once a second while it steps, evaluates or is paused (the page's watchdog listens). */
  | { type: 'heartbeat'; step: number }
  /** A checkpoint was written: its step, estimated bytes, milliseconds from capture to commit, and the steps now kept. */
  | { type: 'checkpoint'; step: number; bytes: number; ms: number; kept: number[] }
  /** A checkpoint could not be written (quota, storage error): training goes on and the last good one stays. */
  | { type: 'checkpointFailed'; step: number; message: Text | string }
  /**
   * A continued run starts from this checkpoint: the page replaces what it shows of the run with
   * `progress` (rows after `step` are computed again). fromBackend: the backend that trained up to
   * here (the 'backend' message says which one continues).
   */
  | { type: 'restored'; step: number; savedAt: number; fromBackend: BackendName; progress: RunProgress }
  /** The answer to 'timeSteps' (sent before 'ended'). */
  | ({ type: 'stepTiming' } & StepTiming)
  /** interrupted: a fault the run can continue from (a lost GPU device); its checkpoints are kept. */
  | { type: 'ended'; reason: 'completed' | 'stopped' | 'failed' | 'interrupted'; steps: number; message?: Text | string };
