import { describe, expect, it } from 'vitest';
import { tinyConfig, tinyShapes } from '../testing/fixtures';
import type { FromWorker, ImportedEncoder } from '../shared/protocol';
import { imagesPerStep } from '../methods/catalog';
import { TrainingSession } from '../train/session';
import { createCommandHandler, NO_LABELS_NOTICE } from './commands';

/** A handler over a Node host that records what the worker would post. */
function worker() {
  const posted: FromWorker[] = [];
  const handle = createCommandHandler({
    post: (m) => posted.push(m),
    selectBackend: async () => ({ backend: 'cpu', adapter: '', why: 'test', fallbacks: [] }),
    watchDeviceLoss: () => { throw new Error('only on webgpu'); },
    resolveDataset: async (_id, provided) => provided ?? tinyShapes(),
    yieldToMessages: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
  return { posted, handle };
}

const IDENTITY = { id: 'run-test', name: 'test run', createdAt: 0, datasetRef: { id: 'tiny', name: 'tiny', fingerprint: '' } };
/** Checkpoints far apart (the durability tests set their own). */
const NO_CHECKPOINTS = { everySteps: 100000, everySeconds: 0, keep: 1 };

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

  it('train: the map points, metrics with images per second from the method, evaluations, the encoder, then the end', async () => {
    const { posted, handle } = worker();
    const config = tinyConfig('simclr', { maxSteps: 2, metricsEvery: 1, evalEvery: 2 });
    await handle({ type: 'train', config, run: IDENTITY, checkpoints: NO_CHECKPOINTS });
    const k = kinds(posted);
    // The 24-image evaluation bank is too small for k = 20: the run says what it uses instead.
    expect(k.slice(0, START.length + 3)).toEqual([...START, 'notice', 'preview', 'mapPoints']);
    expect(posted.find((m) => m.type === 'notice')).toEqual({ type: 'notice', message: expect.stringMatching(/^kNN uses k = 12 neighbours, not 20/) });
    expect(k.slice(-3)).toEqual(['encoder', 'phase:completed', 'ended']);
    expect(k.filter((t) => t === 'evaluation')).toHaveLength(2);
    expect(k).toContain('baseline');
    const metrics = posted.filter((m) => m.type === 'metrics');
    expect(metrics).toHaveLength(2);
    for (const m of metrics) expect(m.imagesPerSecond).toBeCloseTo((imagesPerStep('simclr', { ...config.params }) * 1000) / m.msPerStep, 6);
    const encoder = posted.find((m) => m.type === 'encoder');
    expect(encoder && [encoder.width, encoder.norm, encoder.outputDim, encoder.inputShape]).toEqual([4, 'group', 16, [16, 16, 3]]);
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
    expect(posted).toContainEqual({ type: 'notice', message: 'Evaluating an imported encoder (my encoder): no training, one evaluation of its frozen features.' });
    expect(posted).toContainEqual({ type: 'phase', phase: 'building', detail: 'evaluating the imported encoder' });
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
    await b.handle({ type: 'evaluateEncoder', settings, encoder: { ...encoder, layout: { width: 8, norm: 'group' } } });
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
});
