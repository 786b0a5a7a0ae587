/**
 * Messages between the main thread and a training worker. Both sides import this module and
 * nothing else of each other's.
 */
import type { BackendName, RunConfig } from './config';
import type { ParamIssue } from './params';

export type ToWorker =
  | { type: 'start'; config: RunConfig }
  /** Build everything as for a run and send a preview of one batch, without training. */
  | { type: 'previewOnly'; config: RunConfig }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** Draw a fresh batch and send its preview. */
  | { type: 'preview' };

export type RunPhase = 'starting' | 'loading-data' | 'building' | 'training' | 'paused' | 'completed' | 'stopped' | 'failed';

export interface BackendInfo {
  backend: BackendName;
  /** GPU adapter or renderer as the browser names it ("" on cpu). */
  adapter: string;
  /** Backends tried before this one and why they failed. */
  fallbacks: { backend: BackendName; reason: string }[];
}

export interface DatasetSummary {
  id: string;
  name: string;
  trainCount: number;
  testCount: number;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  source: string;
}

export interface PreviewRowMessage {
  caption: string;
  count: number;
  height: number;
  width: number;
  /** RGBA bytes, images side by side (transferred). */
  rgba: Uint8ClampedArray;
}
export interface PreviewPanelMessage {
  title: string;
  rows: PreviewRowMessage[];
}

export type FromWorker =
  | { type: 'phase'; phase: RunPhase; detail?: string }
  | { type: 'backend'; info: BackendInfo }
  | { type: 'dataset'; summary: DatasetSummary }
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
  | { type: 'evaluation'; step: number; knnTop1: number; ms: number }
  | { type: 'preview'; panels: PreviewPanelMessage[] }
  | { type: 'ended'; reason: 'completed' | 'stopped' | 'failed'; steps: number; message?: string };
