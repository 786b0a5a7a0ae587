/**
 * The training workers of this session: one per live run, at most `maxConcurrent` at once, the
 * rest waiting in queue order. The pool owns what the store's state should not hold: the clients,
 * each run's unflushed metric rows (taken into the state at most every FLUSH_MS, so charts
 * re-render at a bounded rate whatever the step rate), imported encoders waiting for a worker,
 * finished runs' encoder weights, and the draft preview's short-lived worker. How a run's state
 * follows a message is applyWorkerMessage's business; the pool carries out the effects it returns.
 * The pool is also the runs' watchdog (store/watchdog.ts): it notes when each worker last said
 * anything and flags a training run whose worker has been silent too long.
 */
import type { TrainingClient } from '../client/trainingClient';
import type { Dataset } from '../data/dataset';
import type { RunConfig } from '../shared/config';
import type { CheckpointSettings, EncoderWeightsMessage, FromWorker, ImportedEncoder, PreviewImagePanel, StepTiming, WorkerFault } from '../shared/protocol';
import {
  applyWorkerMessage, crashedRun, interruptedRun, queuedToContinue, startedRun, stoppedBeforeLoop, stoppedUnanswering, takenOffQueue, type Applied, type RunEffect,
} from './applyWorkerMessage';
import { runsToStart } from './runQueue';
import { datasetRefOfRun } from './runRecords';
import { DEFAULT_CHECKPOINTS } from '../checkpoint/types';
import { deleteCheckpoints } from '../checkpoint/checkpointDb';
import { beforeLoop, isActive, type RunState } from './runState';
import { stallOf, WATCHDOG_FLOOR_MS } from './watchdog';
import { text, type Text } from '../shared/text';

export const FLUSH_MS = 250;

/** What the pool uses of a TrainingClient (tests pass fakes). */
export type WorkerClient = Pick<TrainingClient, 'train' | 'continueRun' | 'previewBatch' | 'timeSteps' | 'evaluateEncoder' | 'pause' | 'resume' | 'stop' | 'refreshPreview' | 'injectFault' | 'terminate'>;
/** `onCrash`: the worker died (worker.onerror), with the error's text. */
export type CreateClient = (onMessage: (message: FromWorker) => void, onCrash: (what: string) => void) => WorkerClient;

/** The pool's view of the store: the runs, the concurrency limit, and how to change them. */
export interface PoolHost {
  runs(): readonly RunState[];
  maxConcurrent(): number;
  updateRuns(update: (runs: RunState[]) => RunState[]): void;
  saveToHistory(id: string): void;
  /** When checkpoints are written (the store's settings); DEFAULT_CHECKPOINTS without. */
  checkpointSettings?(): CheckpointSettings;
}

export interface PoolOptions {
  createClient: CreateClient;
  host: PoolHost;
  /** A dropped dataset that only this page holds (the worker loads the others by id). */
  datasetOf?: (datasetId: string) => Dataset | undefined;
  now?: () => number;
  /** Deletes a run's checkpoints (checkpointDb's by default; tests record the calls). */
  deleteCheckpoints?: (runId: string) => Promise<void>;
}

/** A preview of the draft config's batch, made by a short-lived worker before training. */
export interface DraftPreview {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  detail: Text | string;
  panels: PreviewImagePanel[] | null;
}

/** The setup panel's step timing, made by a short-lived worker before training. */
export interface StepProbe {
  status: 'idle' | 'timing' | 'failed';
  /** The setup it times (shared/estimate.ts setupKey). */
  key: string;
  /** What the worker is doing, or why it failed. */
  detail: Text | string;
}

type MetricsMessage = Extract<FromWorker, { type: 'metrics' }>;

export class WorkerPool {
  private readonly clients = new Map<string, WorkerClient>();
  /** Metric messages not yet in the state, with the time each arrived (for their wall times). */
  private readonly buffers = new Map<string, { message: MetricsMessage; at: number }[]>();
  private readonly waitingEncoders = new Map<string, ImportedEncoder>();
  private readonly encoders = new Map<string, EncoderWeightsMessage>();
  private flushTimer: ReturnType<typeof setInterval> | null = null;
  private draftClient: WorkerClient | null = null;
  private probeClient: WorkerClient | null = null;
  private readonly createClient: CreateClient;
  private readonly host: PoolHost;
  private readonly datasetOf: (datasetId: string) => Dataset | undefined;
  private readonly now: () => number;
  private readonly deleteStored: (runId: string) => Promise<void>;
  /** When each run's worker last sent anything (or its watch began). */
  private readonly lastHeard = new Map<string, number>();
  private watchdogFloorMs = WATCHDOG_FLOOR_MS;

  constructor(options: PoolOptions) {
    this.createClient = options.createClient;
    this.host = options.host;
    this.datasetOf = options.datasetOf ?? (() => undefined);
    this.now = options.now ?? (() => performance.now());
    this.deleteStored = options.deleteCheckpoints ?? deleteCheckpoints;
  }

  /** The shortest silence the watchdog calls a hang (the e2e hook lowers it). */
  setWatchdogFloorMs(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.watchdogFloorMs = ms;
  }

  /** The weights an imported run evaluates, held until the run gets its worker. */
  holdEncoder(id: string, encoder: ImportedEncoder): void {
    this.waitingEncoders.set(id, encoder);
  }

  /** This session's finished runs' trained encoder weights (History keeps them too: historySlice.trainedEncoder looks here first, then there). */
  encoderOf(id: string): EncoderWeightsMessage | undefined {
    return this.encoders.get(id);
  }

  hasWorker(id: string): boolean {
    return this.clients.has(id);
  }

  /** Starts queued runs while there are free slots. */
  pump(): void {
    const slots = this.host.runs().map((r) => ({ id: r.id, slot: this.clients.has(r.id) ? 'running' as const : r.phase === 'queued' ? 'queued' as const : 'done' as const }));
    const ids = runsToStart(slots, this.host.maxConcurrent());
    if (ids.length) {
      const at = this.now();
      for (const id of ids) {
        const client: WorkerClient = this.createClient((m) => this.receive(id, client, m), (what) => { if (this.clients.get(id) === client) this.crash(id, what); });
        this.clients.set(id, client);
        this.lastHeard.set(id, at);
      }
      this.host.updateRuns((runs) => runs.map((r) => (ids.includes(r.id) ? startedRun(r, at) : r)));
      for (const run of this.host.runs()) if (ids.includes(run.id)) this.command(run);
    }
    if (this.clients.size > 0 && !this.flushTimer) this.flushTimer = setInterval(() => { this.flush(); this.watch(); }, FLUSH_MS);
  }

  pause(id: string): void {
    this.clients.get(id)?.pause();
  }

  resume(id: string): void {
    const client = this.clients.get(id);
    if (!client) return;
    this.lastHeard.set(id, this.now()); // the watch begins again from the resume
    client.resume();
  }

  /** The fault tests' hook: the run's worker fails as a real fault would. */
  injectFault(id: string, fault: WorkerFault): void {
    this.clients.get(id)?.injectFault(fault);
  }

  /**
   * The run's worker crashed (its client's worker.onerror; the test hook calls it too, having no
   * real crash to cause): the worker is terminated and the run interrupted (crashedRun).
   */
  crash(id: string, what: string): void {
    if (!this.clients.has(id)) return;
    this.clients.get(id)!.terminate();
    this.applyLocal(id, (r) => crashedRun(r, what, this.now()));
  }

  /** "Stop run" for a run whose worker stopped answering: terminated, the run ends stopped with what it recorded. */
  stopUnanswering(id: string): void {
    if (!this.clients.has(id)) return;
    this.applyLocal(id, (r) => stoppedUnanswering(r, this.now()));
  }

  /** "Resume from last checkpoint" for an unanswering run: its worker terminated, the run continues in a new one. */
  resumeUnanswering(id: string): void {
    if (!this.clients.has(id)) return;
    this.applyLocal(id, (r) => ({
      run: interruptedRun(r, 'unresponsive', text('messages.run.unanswering', { seconds: Math.round((r.stalled?.silentMs ?? 0) / 1000) }), this.now()),
      effects: [{ kind: 'releaseWorker' }],
    }));
    this.continueRun(id);
  }

  /** An interrupted run queued again, to continue from its newest checkpoint (continueRun instead of train). */
  continueRun(id: string): void {
    const run = this.host.runs().find((r) => r.id === id);
    if (!run || run.phase !== 'interrupted' || !run.config) return;
    this.updateRun(id, queuedToContinue);
    this.pump();
  }

  /** Deletes the run's stored checkpoints (never throws: a failure only leaves them for later). */
  discardCheckpoints(id: string): Promise<void> {
    return this.deleteStored(id).catch(() => undefined);
  }

  refreshPreview(id: string): void {
    this.clients.get(id)?.refreshPreview();
  }

  /**
   * Stops a run: a queued one leaves the queue, one whose worker has no loop yet ends here (its
   * worker terminated), a training one is asked to stop and reports 'ended' itself.
   */
  stop(id: string): void {
    const run = this.host.runs().find((r) => r.id === id);
    if (!run) return;
    if (run.phase === 'queued') {
      this.updateRun(id, (r) => takenOffQueue(r, this.now()));
    } else if (beforeLoop(run.phase)) {
      this.updateRun(id, (r) => stoppedBeforeLoop(this.drain(r), this.now()));
      this.release(id);
    } else {
      this.clients.get(id)?.stop();
    }
  }

  /** Frees everything of a run that leaves the session (stopped first if live); the caller removes it and pumps. */
  forget(id: string): void {
    const run = this.host.runs().find((r) => r.id === id);
    if (run && isActive(run.phase)) {
      this.stop(id);
      // Its 'ended' will not be heard (the worker goes now): its checkpoints go here. An
      // interrupted run closed keeps them (Discard deletes them): a reload brings it back.
      if (run.config) void this.discardCheckpoints(id);
    }
    this.dropWorker(id);
    this.encoders.delete(id);
    this.waitingEncoders.delete(id);
  }

  /** Moves every buffered metric row into the state, in one update. */
  flush(): void {
    if (![...this.buffers.values()].some((b) => b.length)) return;
    this.host.updateRuns((runs) => runs.map((r) => (this.buffers.get(r.id)?.length ? this.drain(r) : r)));
  }

  /** Builds the draft's method in a short-lived worker and reports the preview of one batch. */
  previewDraft(config: RunConfig, report: (patch: Partial<DraftPreview>) => void): void {
    this.cancelDraftPreview();
    const own: WorkerClient = this.createClient((m) => {
      if (this.draftClient !== own) return; // a preview that was replaced or cancelled
      if (m.type === 'phase') report({ detail: m.detail ?? text(`app.run.phaseShort.${m.phase}`) });
      else if (m.type === 'preview') report({ status: 'ready', panels: m.panels, detail: '' });
      else if (m.type === 'ended') {
        if (m.reason === 'failed' || m.reason === 'interrupted') report({ status: 'failed', detail: m.message ?? text('messages.worker.failed') });
        this.cancelDraftPreview();
      }
    }, (what) => {
      if (this.draftClient !== own) return;
      report({ status: 'failed', detail: text('messages.worker.previewCrashed', { what: what || text('messages.worker.unknownError') }) });
      this.cancelDraftPreview();
    });
    this.draftClient = own;
    own.previewBatch(config, this.datasetOf(config.datasetId));
  }

  /**
   * Times a few steps of the draft in a short-lived worker (replacing any earlier timing):
   * `report` gets its progress, `done` the timing, or null when it failed or was cancelled.
   */
  timeSteps(config: RunConfig, steps: number, report: (patch: Partial<StepProbe>) => void, done: (timing: StepTiming | null) => void): void {
    this.cancelStepTiming();
    let answered = false;
    const finish = (timing: StepTiming | null) => { if (!answered) { answered = true; done(timing); } };
    const own: WorkerClient = this.createClient((m) => {
      if (this.probeClient !== own) return;
      if (m.type === 'phase') report({ detail: m.detail ?? text(`app.run.phaseShort.${m.phase}`) });
      else if (m.type === 'stepTiming') {
        const { type: _t, ...timing } = m;
        finish(timing);
      } else if (m.type === 'ended') {
        if (m.reason === 'failed' || m.reason === 'interrupted') report({ status: 'failed', detail: m.message ?? text('messages.worker.failed') });
        this.cancelStepTiming();
        finish(null);
      }
    }, (what) => {
      if (this.probeClient !== own) return;
      report({ status: 'failed', detail: text('messages.worker.timingCrashed', { what: what || text('messages.worker.unknownError') }) });
      this.cancelStepTiming();
      finish(null);
    });
    this.probeClient = own;
    this.probeDone = finish;
    own.timeSteps(config, steps, this.datasetOf(config.datasetId));
  }

  private probeDone: ((timing: StepTiming | null) => void) | null = null;

  /** Ends the step timing's worker; a timing still running answers null. */
  cancelStepTiming(): void {
    this.probeClient?.terminate();
    this.probeClient = null;
    const done = this.probeDone;
    this.probeDone = null;
    done?.(null);
  }

  cancelDraftPreview(): void {
    this.draftClient?.terminate();
    this.draftClient = null;
  }

  private receive(id: string, client: WorkerClient, m: FromWorker): void {
    if (this.clients.get(id) !== client) return; // a worker this pool has already let go
    // Any message is a heartbeat: it ends a stall.
    this.lastHeard.set(id, this.now());
    if (this.host.runs().find((r) => r.id === id)?.stalled) this.updateRun(id, (r) => ({ ...r, stalled: null }));
    if (m.type === 'metrics') {
      const buffer = this.buffers.get(id) ?? [];
      buffer.push({ message: m, at: this.now() });
      this.buffers.set(id, buffer);
      return;
    }
    const at = this.now();
    this.applyLocal(id, (r) => applyWorkerMessage(r, m, at));
  }

  /** Applies a transition to the run (its buffered rows first: they came before it) and carries out its effects. */
  private applyLocal(id: string, transition: (run: RunState) => Applied): void {
    let effects: RunEffect[] = [];
    this.updateRun(id, (r) => {
      const applied = transition(this.drain(r));
      effects = applied.effects;
      return applied.run;
    });
    for (const effect of effects) this.carryOut(id, effect);
  }

  /**
   * The watchdog's round (with each flush): flags training runs whose worker has been silent past
   * their limit, updates how long, and clears the flag of runs no longer watched (paused, ended).
   */
  private watch(): void {
    const now = this.now();
    const changes = new Map<string, RunState['stalled']>();
    for (const run of this.host.runs()) {
      if (!this.clients.has(run.id)) continue;
      const stall = stallOf(run, this.lastHeard.get(run.id) ?? now, now, this.watchdogFloorMs);
      const shown = run.stalled;
      // Whole seconds are what the UI shows: update no more often.
      if (stall ? !shown || Math.floor(shown.silentMs / 1000) !== Math.floor(stall.silentMs / 1000) || shown.limitMs !== stall.limitMs : shown) changes.set(run.id, stall);
    }
    if (changes.size) this.host.updateRuns((runs) => runs.map((r) => (changes.has(r.id) ? { ...r, stalled: changes.get(r.id)! } : r)));
  }

  private carryOut(id: string, effect: RunEffect): void {
    switch (effect.kind) {
      case 'keepEncoder':
        this.encoders.set(id, effect.weights);
        break;
      case 'saveToHistory':
        this.host.saveToHistory(id);
        break;
      case 'releaseWorker':
        this.release(id);
        break;
      case 'deleteCheckpoints':
        void this.discardCheckpoints(id);
        break;
    }
  }

  /** The run's buffered metrics applied to it (and the buffer emptied). */
  private drain(run: RunState): RunState {
    const buffer = this.buffers.get(run.id);
    if (!buffer?.length) return run;
    this.buffers.set(run.id, []);
    return buffer.reduce((r, { message, at }) => applyWorkerMessage(r, message, at).run, run);
  }

  /** Frees the run's worker and slot, and starts what waits. */
  private release(id: string): void {
    this.dropWorker(id);
    this.pump();
  }

  private dropWorker(id: string): void {
    this.clients.get(id)?.terminate();
    this.clients.delete(id);
    this.buffers.delete(id);
    this.lastHeard.delete(id);
    if (this.clients.size === 0 && this.flushTimer) {
      clearInterval(this.flushTimer);
      this.flushTimer = null;
    }
  }

  private command(run: RunState): void {
    const client = this.clients.get(run.id)!;
    if (run.imported) {
      const encoder = this.waitingEncoders.get(run.id)!;
      this.waitingEncoders.delete(run.id);
      client.evaluateEncoder(run.imported.settings, encoder, this.datasetOf(run.imported.settings.datasetId));
    } else if (run.config) {
      const identity = { id: run.id, name: run.name, createdAt: run.createdAt, datasetRef: datasetRefOfRun(run) };
      const checkpoints = this.host.checkpointSettings?.() ?? DEFAULT_CHECKPOINTS;
      if (run.continues) client.continueRun(run.config, identity, checkpoints, this.datasetOf(run.config.datasetId));
      else client.train(run.config, identity, checkpoints, this.datasetOf(run.config.datasetId));
    }
  }

  private updateRun(id: string, update: (run: RunState) => RunState): void {
    this.host.updateRuns((runs) => runs.map((r) => (r.id === id ? update(r) : r)));
  }
}
