import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { tinyConfig, tinyShapes } from '../testing/fixtures';
import type { FromWorker, ImportedEncoder } from '../shared/protocol';
import { imagesPerStep } from '../methods/catalog';
import { TrainingSession } from '../train/session';
import { createCommandHandler, NO_LABELS_NOTICE } from './commands';
import type { CheckpointWriteResult, StoredCheckpoint } from '../checkpoint/types';
import { loadCheckpoints, writeCheckpoint } from '../checkpoint/checkpointDb';
import { englishText } from '../i18n/render';

/** Checkpoints in memory, as IndexedDB would keep them (structured clones, newest `keep` per run). */
class MemoryCheckpoints {
  readonly records = new Map<string, StoredCheckpoint[]>();
  /** Set: every write is refused with this message (a full disk). */
  refuse: string | null = null;
  async write(c: StoredCheckpoint, keep: number): Promise<CheckpointWriteResult> {
    if (this.refuse) return { written: false, reason: 'quota', message: this.refuse };
    const all = [structuredClone(c), ...(this.records.get(c.runId) ?? []).filter((r) => r.step !== c.step)].sort((a, b) => b.step - a.step);
    this.records.set(c.runId, all.slice(0, keep));
    return { written: true, bytes: c.bytes };
  }
  async load(runId: string): Promise<unknown[]> {
    return (this.records.get(runId) ?? []).map((r) => structuredClone(r));
  }
}

/** A handler over a Node host that records what the worker would post. */
function worker(store = new MemoryCheckpoints(), yieldMs = 0) {
  const posted: FromWorker[] = [];
  const handle = createCommandHandler({
    post: (m) => posted.push(m),
    selectBackend: async () => ({ backend: 'cpu', adapter: '', why: 'test', fallbacks: [] }),
    watchDeviceLoss: () => { throw new Error('only on webgpu'); },
    resolveDataset: async (_id, provided) => provided ?? tinyShapes(),
    // yieldMs: time between steps for a checkpoint's background write (so the next due one is not skipped as busy).
    yieldToMessages: () => new Promise((resolve) => setTimeout(resolve, yieldMs)),
    checkpoints: store,
  });
  return { posted, handle, store };
}

const IDENTITY = { id: 'run-test', name: 'test run', createdAt: 0, datasetRef: { id: 'tiny', name: 'tiny', fingerprint: '' } };
/** Checkpoints far apart (the durability tests set their own). */
const NO_CHECKPOINTS = { everySteps: 100000, everySeconds: 0, keep: 1 };

/** A message with its texts in English (as the page shows them in an English browser). */
const english = (m: FromWorker): FromWorker => {
  if (m.type === 'phase' && m.detail !== undefined) return { ...m, detail: englishText(m.detail) };
  if ((m.type === 'notice' || m.type === 'checkpointFailed') || (m.type === 'ended' && m.message !== undefined)) return { ...m, message: englishText(m.message!) } as FromWorker;
  return m;
};
const inEnglish = (posted: FromWorker[]) => posted.map(english);

/** "type" or "type:phase" per message. */
const kinds = (posted: FromWorker[]) => posted.map((m) => (m.type === 'phase' ? `phase:${m.phase}` : m.type));

const START = ['phase:starting', 'backend', 'phase:loading-data', 'dataset', 'phase:building'];

async function importedEncoder(description = 'simclr encoder'): Promise<{ encoder: ImportedEncoder; session: TrainingSession }> {
  const session = new TrainingSession(tinyConfig('simclr'), tinyShapes());
  session.step().dispose();
  return { session, encoder: { description, trainedBy: 'simclr', layout: session.encoderLayout, weights: await session.encoderWeights() } };
}

describe('worker commands', () => {
  it('previewBatch: starts, sends one preview and ends without training', async () => {
    const { posted, handle } = worker();
    await handle({ type: 'previewBatch', config: tinyConfig('simclr') });
    expect(kinds(posted)).toEqual([...START, 'preview', 'ended']);
    expect(posted.at(-1)).toEqual({ type: 'ended', reason: 'completed', steps: 0 });
  });

  it('timeSteps: a warm-up step, then the steps it was asked for, timed; one evaluation when cheap; nothing left on the backend', async () => {
    const { posted, handle } = worker();
    const tf = await import('@tensorflow/tfjs');
    const before = tf.memory().numTensors;
    await handle({ type: 'timeSteps', config: tinyConfig('simclr', { evalEvery: 10 }), steps: 3 });
    const details = inEnglish(posted).flatMap((m) => (m.type === 'phase' && typeof m.detail === 'string' && m.detail.startsWith('timing') ? [m.detail] : []));
    expect(details).toEqual(['timing: a warm-up step', 'timing step 1 of 3', 'timing step 2 of 3', 'timing step 3 of 3', 'timing one evaluation']);
    const timing = posted.find((m) => m.type === 'stepTiming');
    expect(timing).toMatchObject({ type: 'stepTiming', backend: 'cpu', steps: 3 });
    if (timing?.type !== 'stepTiming') throw new Error('no timing');
    expect(timing.msPerStep).toBeGreaterThan(0);
    expect(timing.warmupMs).toBeGreaterThan(0);
    expect(timing.evalMs).toBeGreaterThan(0);
    expect(posted.at(-1)).toEqual({ type: 'ended', reason: 'completed', steps: 0 });
    // No run: no metrics, no encoder, no preview; and the session is disposed.
    expect(kinds(posted).filter((k) => ['metrics', 'encoder', 'preview', 'evaluation', 'mapPoints'].includes(k))).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);

    // Without evaluations, none is timed.
    const quiet = worker();
    await quiet.handle({ type: 'timeSteps', config: tinyConfig('simclr', { evalEvery: 0 }), steps: 2 });
    expect(quiet.posted.find((m) => m.type === 'stepTiming')).toMatchObject({ steps: 2, evalMs: null });
  });

  it('train: the map points, metrics with images per second from the method, evaluations, the encoder, then the end', async () => {
    const { posted, handle } = worker();
    const config = tinyConfig('simclr', { maxSteps: 2, metricsEvery: 1, evalEvery: 2 });
    await handle({ type: 'train', config, run: IDENTITY, checkpoints: NO_CHECKPOINTS });
    const k = kinds(posted);
    // The 24-image evaluation bank is too small for k = 20: the run says what it uses instead.
    expect(k.slice(0, START.length + 3)).toEqual([...START, 'notice', 'preview', 'mapPoints']);
    expect(inEnglish(posted).find((m) => m.type === 'notice')).toEqual({ type: 'notice', message: expect.stringMatching(/^kNN uses k = 12 neighbours, not 20/) });
    expect(k.slice(-3)).toEqual(['encoder', 'phase:completed', 'ended']);
    expect(k.filter((t) => t === 'evaluation')).toHaveLength(2);
    expect(k).toContain('baseline');
    const metrics = posted.filter((m) => m.type === 'metrics');
    expect(metrics).toHaveLength(2);
    for (const m of metrics) expect(m.imagesPerSecond).toBeCloseTo((imagesPerStep('simclr', { ...config.params }) * 1000) / m.msPerStep, 6);
    const encoder = posted.find((m) => m.type === 'encoder');
    expect(encoder && [encoder.width, encoder.norm, encoder.outputDim, encoder.inputShape]).toEqual([4, 'group', 16, [16, 16, 3]]);
    const { headHidden: hidden, projectionDim: z } = config.params as { headHidden: number; projectionDim: number };
    // SimCLR's projection MLP comes with it (for the PyTorch export), and none of the encoder's weights.
    expect(encoder?.type === 'encoder' && encoder.heads?.map((h) => [h.name, h.shape])).toEqual([['head/w1', [16, hidden]], ['head/b1', [hidden]], ['head/w2', [hidden, z]], ['head/b2', [z]]]);
    expect(posted.at(-1)).toEqual({ type: 'ended', reason: 'completed', steps: 2 });
  });

  it('stop during a run ends it as stopped', async () => {
    const { posted, handle } = worker();
    const run = handle({ type: 'train', config: tinyConfig('simclr', { maxSteps: 500, metricsEvery: 1 }), run: IDENTITY, checkpoints: NO_CHECKPOINTS });
    while (!posted.some((m) => m.type === 'metrics')) await new Promise((r) => setTimeout(r, 5));
    await handle({ type: 'pause' });
    while (!posted.some((m) => m.type === 'phase' && m.phase === 'paused')) await new Promise((r) => setTimeout(r, 5));
    await handle({ type: 'stop' });
    await run;
    const end = posted.at(-1);
    expect(end?.type === 'ended' && end.reason).toBe('stopped');
    expect(kinds(posted).slice(-2)).toEqual(['phase:stopped', 'ended']);
  });

  it('evaluateEncoder: the raw-pixel baseline and one evaluation of the imported weights, no training and no method', async () => {
    const { encoder, session } = await importedEncoder('my encoder');
    const expected = await session.evaluate();
    session.dispose();
    const { posted, handle } = worker();
    const { seed, evalBankSize, evalQuerySize, backend } = tinyConfig('simclr');
    await handle({ type: 'evaluateEncoder', settings: { datasetId: 'shapes', seed, evalBankSize, evalQuerySize, backend }, encoder });
    expect(kinds(posted)).toEqual([...START, 'mapPoints', 'phase:building', 'baseline', 'notice', 'phase:building', 'evaluation', 'phase:completed', 'ended']);
    expect(inEnglish(posted)).toContainEqual({ type: 'notice', message: 'Evaluating an imported encoder (my encoder): no training, one evaluation of its frozen features.' });
    expect(inEnglish(posted)).toContainEqual({ type: 'phase', phase: 'building', detail: 'evaluating the imported encoder' });
    const evaluation = posted.find((m) => m.type === 'evaluation');
    expect(evaluation && [evaluation.step, evaluation.knnTop1, evaluation.linearTop1]).toEqual([0, expected.knnTop1, expected.linearTop1]);
    expect(posted.at(-1)).toEqual({ type: 'ended', reason: 'completed', steps: 0 });
  });

  it('evaluateEncoder on a dataset without labels says so; weights that do not fit fail the run with the reason', async () => {
    const { encoder, session } = await importedEncoder();
    session.dispose();
    const shapes = tinyShapes();
    const unlabelled = { ...shapes, classNames: [], train: { ...shapes.train, labels: shapes.train.labels.map(() => -1) }, test: { ...shapes.test, labels: shapes.test.labels.map(() => -1) } };
    const settings = { datasetId: 'shapes', seed: 1, evalBankSize: 24, evalQuerySize: 12, backend: 'cpu' as const };
    const a = worker();
    await a.handle({ type: 'evaluateEncoder', settings, encoder, dataset: unlabelled });
    expect(a.posted).toContainEqual({ type: 'notice', message: NO_LABELS_NOTICE });
    expect(kinds(a.posted)).not.toContain('baseline');
    expect(kinds(a.posted).slice(-2)).toEqual(['phase:completed', 'ended']);
    const b = worker();
    await b.handle({ type: 'evaluateEncoder', settings, encoder: { ...encoder, layout: { width: 8, norm: 'group', normGroups: 8 } } });
    const end = b.posted.at(-1);
    expect(end?.type === 'ended' && [end.reason, end.steps]).toEqual(['failed', 0]);
    expect(end?.type === 'ended' && end.message).toMatch(/Imported weight stem\/kernel has shape/);
    expect(kinds(b.posted).slice(-2)).toEqual(['phase:failed', 'ended']);
  });

  it('a dataset that does not fit the method fails the run with the one requirements message', async () => {
    const { posted, handle } = worker();
    await handle({ type: 'train', config: tinyConfig('tcn'), run: IDENTITY, checkpoints: NO_CHECKPOINTS });
    const end = posted.at(-1);
    expect(end?.type === 'ended' && end.message).toMatch(/trains on videos/);
  });

  /** Every metric row posted, as [step, ...values]. */
  const rowsOf = (posted: FromWorker[]) => posted.flatMap((m) => (m.type === 'metrics'
    ? Array.from({ length: m.rows }, (_, r) => [m.firstStep + r, ...m.values.slice(r * m.names.length, (r + 1) * m.names.length)])
    : []));
  const CONFIG = tinyConfig('simclr', { maxSteps: 6, metricsEvery: 1, evalEvery: 3 });
  const EVERY_2 = { everySteps: 2, everySeconds: 0, keep: 2 };

  it('train with checkpoints: one after every 2 steps (none at the end), each with the rows and evaluations up to its step; heartbeats', async () => {
    const { posted, handle, store } = worker(new MemoryCheckpoints(), 30);
    await handle({ type: 'train', config: CONFIG, run: IDENTITY, checkpoints: EVERY_2 });
    const written = posted.filter((m) => m.type === 'checkpoint');
    expect(written.map((m) => m.type === 'checkpoint' && [m.step, m.kept])).toEqual([[2, [2]], [4, [4, 2]]]);
    for (const m of written) if (m.type === 'checkpoint') expect(m.bytes).toBeGreaterThan(0);
    expect(posted.filter((m) => m.type === 'heartbeat').length).toBeGreaterThan(0);
    const stored = store.records.get(IDENTITY.id)!;
    expect(stored.map((c) => c.step)).toEqual([4, 2]);
    const newest = stored[0];
    expect(newest.progress.points.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    const rows = rowsOf(posted);
    newest.progress.points.forEach((p, i) => expect(p.loss).toBe(rows[i][1]));
    expect(newest.progress.points.every((p) => typeof p.wall === 'number')).toBe(true);
    expect(newest.progress.evals.map((e) => e.step)).toEqual([0, 3]);
    expect(newest.progress.embeddings?.step).toBe(3);
    expect(newest.progress.embeddings?.labels.length).toBe(newest.progress.embeddings!.data.length / newest.progress.embeddings!.dim);
    expect(newest.progress.baseline).not.toBeNull();
    expect([newest.identity, newest.backend, newest.config]).toEqual([IDENTITY, 'cpu', CONFIG]);
    expect(posted.at(-1)).toEqual({ type: 'ended', reason: 'completed', steps: 6 });
  });

  it('continueRun resumes from the newest checkpoint: the same rows as a run that never stopped, no step-0 evaluation or baseline again', async () => {
    const whole = worker(new MemoryCheckpoints(), 30);
    await whole.handle({ type: 'train', config: CONFIG, run: IDENTITY, checkpoints: EVERY_2 });
    const expected = rowsOf(whole.posted);
    const { posted, handle } = worker(whole.store);
    await handle({ type: 'continueRun', config: CONFIG, run: IDENTITY, checkpoints: EVERY_2 });
    const restored = posted.find((m) => m.type === 'restored');
    expect(restored?.type === 'restored' && [restored.step, restored.fromBackend, restored.progress.points.length]).toEqual([4, 'cpu', 4]);
    const rows = rowsOf(posted);
    expect(rows.map((r) => r[0])).toEqual([5, 6]);
    rows.forEach((row, i) => row.forEach((x, k) => expect(Math.abs(x - expected[4 + i][k])).toBeLessThanOrEqual(1e-4 * Math.max(1e-3, Math.abs(expected[4 + i][k])))));
    // Step 6 is the run's last: evaluated at the end; nothing at step 0 and no second baseline.
    expect(posted.filter((m) => m.type === 'evaluation').map((m) => m.type === 'evaluation' && m.step)).toEqual([6]);
    expect(kinds(posted)).not.toContain('baseline');
    expect(posted.at(-1)).toEqual({ type: 'ended', reason: 'completed', steps: 6 });
  });

  it('continueRun refuses a damaged newest checkpoint with a notice saying why and continues from the older one', async () => {
    const first = worker(new MemoryCheckpoints(), 30);
    await first.handle({ type: 'train', config: CONFIG, run: IDENTITY, checkpoints: EVERY_2 });
    const newest = first.store.records.get(IDENTITY.id)![0];
    new Uint8Array(newest.state.data)[10] ^= 0xff; // a flipped byte in the stored tensors
    const { posted, handle } = worker(first.store);
    await handle({ type: 'continueRun', config: CONFIG, run: IDENTITY, checkpoints: EVERY_2 });
    expect(inEnglish(posted)).toContainEqual({ type: 'notice', message: 'A stored checkpoint was refused: the checkpoint at step 4 is damaged (its checksum does not match what it holds); continuing from the older checkpoint at step 2 if it is sound.' });
    const restored = posted.find((m) => m.type === 'restored');
    expect(restored?.type === 'restored' && restored.step).toBe(2);
    expect(rowsOf(posted)[0][0]).toBe(3);
    expect(posted.at(-1)).toEqual({ type: 'ended', reason: 'completed', steps: 6 });
  });

  it('continueRun with no checkpoint stored says so and starts from step 0', async () => {
    const { posted, handle } = worker();
    await handle({ type: 'continueRun', config: tinyConfig('simclr', { maxSteps: 2, metricsEvery: 1 }), run: IDENTITY, checkpoints: NO_CHECKPOINTS });
    expect(inEnglish(posted)).toContainEqual({ type: 'notice', message: 'No checkpoint of this run is stored: it starts again from step 0.' });
    // A restore to step 0, empty: the page drops what it showed of the run before it starts over.
    expect(posted.filter((m) => m.type === 'restored')).toEqual([{ type: 'restored', step: 0, savedAt: 0, fromBackend: 'cpu', progress: expect.objectContaining({ points: [], evals: [], baseline: null, wallMs: 0 }) }]);
    expect(rowsOf(posted)[0][0]).toBe(1);
    expect(posted.at(-1)).toEqual({ type: 'ended', reason: 'completed', steps: 2 });
  });

  it('a refused checkpoint write is reported as checkpointFailed and training completes', async () => {
    const store = new MemoryCheckpoints();
    store.refuse = 'Checkpoint at step 2 not written: browser storage is full.';
    const { posted, handle } = worker(store);
    await handle({ type: 'train', config: tinyConfig('simclr', { maxSteps: 3, metricsEvery: 1 }), run: IDENTITY, checkpoints: EVERY_2 });
    expect(posted).toContainEqual({ type: 'checkpointFailed', step: 2, message: store.refuse });
    expect(kinds(posted)).not.toContain('checkpoint');
    expect(posted.at(-1)).toEqual({ type: 'ended', reason: 'completed', steps: 3 });
  });

  it('injectFault deviceLost ends the run as interrupted, saying where it stopped and which checkpoint can be resumed; no encoder', async () => {
    const { posted, handle, store } = worker();
    const run = handle({ type: 'train', config: tinyConfig('simclr', { maxSteps: 500, metricsEvery: 1 }), run: IDENTITY, checkpoints: EVERY_2 });
    while (!posted.some((m) => m.type === 'checkpoint')) await new Promise((r) => setTimeout(r, 5));
    await handle({ type: 'injectFault', fault: 'deviceLost' });
    await run;
    const end = posted.at(-1);
    expect(end?.type === 'ended' && end.reason).toBe('interrupted');
    const last = store.records.get(IDENTITY.id)![0].step;
    expect(end?.type === 'ended' && englishText(end.message!)).toBe(`The GPU device was lost (injected fault: the device was destroyed): the run stopped at step ${end?.type === 'ended' && end.steps}; its last checkpoint (step ${last}) can be resumed.`);
    expect(kinds(posted).slice(-2)).toEqual(['phase:interrupted', 'ended']);
    expect(kinds(posted)).not.toContain('encoder');
  });

  it('through the IndexedDB store (fake-indexeddb): the records a run writes are read back, verified and continued from', async () => {
    const idb = { write: writeCheckpoint, load: loadCheckpoints } as unknown as MemoryCheckpoints;
    const run = { ...IDENTITY, id: 'run-idb' };
    const first = worker(idb, 30);
    await first.handle({ type: 'train', config: CONFIG, run, checkpoints: EVERY_2 });
    expect(first.posted.filter((m) => m.type === 'checkpoint').map((m) => m.type === 'checkpoint' && m.kept)).toEqual([[2], [4, 2]]);
    expect((await loadCheckpoints(run.id)).map((c) => (c as StoredCheckpoint).step)).toEqual([4, 2]);
    const { posted, handle } = worker(idb);
    await handle({ type: 'continueRun', config: CONFIG, run, checkpoints: EVERY_2 });
    const restored = posted.find((m) => m.type === 'restored');
    expect(restored?.type === 'restored' && restored.step).toBe(4);
    expect(inEnglish(posted).filter((m) => m.type === 'notice' && /checkpoint/i.test(englishText(m.message)))).toEqual([]);
    expect(posted.at(-1)).toEqual({ type: 'ended', reason: 'completed', steps: 6 });
  });
});
