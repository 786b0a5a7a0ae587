/**
 * A run's checkpoints as the loop takes them (LoopCheckpoints): the capture between two steps,
 * then readback, packing, the SHA-256 seal and the write in the background, at most one write in
 * flight. Reports each write (or its refusal) through callbacks; the store it writes to is
 * injected (IndexedDB in the worker, memory in tests).
 */
import { sealCheckpoint } from '../checkpoint/format';
import type { CheckpointSettings, CheckpointWriteResult, StoredCheckpoint } from '../checkpoint/types';
import type { Capture } from './checkpointing';
import { readCapture } from './checkpointing';
import type { LoopCheckpoints } from './loop';
import type { RunLog } from './runLog';
import { text, type Text } from '../shared/text';
import { errorMessage } from '../i18n/textError';

/** The fields of a record that are the same for every checkpoint of a run. */
export type RunRecordBase = Pick<StoredCheckpoint, 'runId' | 'identity' | 'config' | 'backend'>;

export interface CheckpointerOptions {
  session: { capture(): Promise<Capture> };
  log: RunLog;
  base: RunRecordBase;
  settings: CheckpointSettings;
  write(c: StoredCheckpoint, keep: number): Promise<CheckpointWriteResult>;
  /** A checkpoint landed: its step, bytes, ms from capture to commit, the steps now kept (newest first). */
  written(step: number, bytes: number, ms: number, kept: number[]): void;
  failed(step: number, message: Text | string): void;
  /** Steps already stored for this run (a continued run's), newest first. */
  kept?: number[];
}

export class Checkpointer implements LoopCheckpoints {
  readonly everySteps: number;
  readonly everySeconds: number;
  private inFlight: Promise<void> | null = null;
  private kept: number[];
  /** The step of the newest checkpoint stored (null: none yet). */
  lastWritten: number | null;
  /** Milliseconds of the last capture on the step's path (the clones). */
  lastCaptureMs = 0;

  constructor(private readonly o: CheckpointerOptions) {
    this.everySteps = o.settings.everySteps;
    this.everySeconds = o.settings.everySeconds;
    this.kept = [...(o.kept ?? [])];
    this.lastWritten = this.kept[0] ?? null;
  }

  get busy(): boolean {
    return this.inFlight !== null;
  }

  async take(step: number): Promise<void> {
    if (this.inFlight) return;
    const started = performance.now();
    const capture = await this.o.session.capture();
    const progress = this.o.log.progressAt(step);
    this.lastCaptureMs = performance.now() - started;
    this.inFlight = this.finish(step, capture, progress, started).finally(() => { this.inFlight = null; });
  }

  /** Resolves when no write is in flight (before the run reports its end). */
  async settle(): Promise<void> {
    await this.inFlight;
  }

  private async finish(step: number, capture: Capture, progress: StoredCheckpoint['progress'], started: number): Promise<void> {
    try {
      const state = await readCapture(capture);
      const record = await sealCheckpoint({ ...this.o.base, step, savedAt: Date.now(), progress, state });
      const result = await this.o.write(record, this.o.settings.keep);
      if (!result.written) {
        this.o.failed(step, result.message);
        return;
      }
      this.kept = [step, ...this.kept.filter((s) => s !== step)].sort((a, b) => b - a).slice(0, Math.max(1, this.o.settings.keep));
      this.lastWritten = step;
      this.o.written(step, result.bytes, performance.now() - started, [...this.kept]);
    } catch (e) {
      this.o.failed(step, text('messages.checkpointWrite.failed', { step, error: errorMessage(e) }));
    }
  }
}
