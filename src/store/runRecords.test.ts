import { describe, expect, it } from 'vitest';
import { metricsCsv, metricsJson, resultsCsv } from '../export/metricsExport';
import { applyWorkerMessage } from './applyWorkerMessage';
import { evaluationShare, recordOf, recordedConfig, stateFromRecord } from './runRecords';
import { evaluation, importedRun, liveRun, metrics, SETTINGS } from './testFixtures';
import { englishText } from '../i18n/render';

const evaluated = () => applyWorkerMessage(importedRun('imp', { phase: 'completed', datasetRef: { id: 'fashion-mnist', name: 'Fashion', fingerprint: 'ab' } }), evaluation(0), 1000).run;

describe('records of runs', () => {
  it('an imported encoder\'s record has no config and says what was evaluated', () => {
    const record = recordOf(evaluated());
    expect(record.config).toBeNull();
    expect(record.imported).toEqual(evaluated().imported);
    expect([record.status, record.steps, record.evals.length]).toEqual(['completed', 0, 1]);
  });

  it('a live run\'s record has its config and no imported field', () => {
    const run = applyWorkerMessage(liveRun('a', { phase: 'completed' }), metrics(0, 2), 1000).run;
    const record = recordOf(run);
    expect(record.config).toEqual(run.config);
    expect(record).not.toHaveProperty('imported');
    expect(record.dataset).toEqual({ id: 'shapes', name: 'shapes', fingerprint: '' });
  });

  it('the exports read an imported encoder\'s record: no method columns, its trainer and seed in the table', () => {
    const record = recordOf(evaluated());
    expect(metricsCsv(record).split('\n')[0]).toBe('step,wall_s,knn_top1,linear_top1,spread,pos_mean,neg_mean,alignment,uniformity');
    expect(resultsCsv([record]).split('\n')[1].split(',').slice(0, 4)).toEqual(['imp', 'simclr', 'Fashion', String(SETTINGS.seed)]);
    expect(JSON.parse(metricsJson(record)).imported.trainedBy).toBe('simclr');
  });

  it('a re-opened record or a checkpoint from before a param existed takes what runs did then (absent), not the default', () => {
    const run = liveRun('old', { phase: 'stopped' });
    const { lrSchedule: _s, warmupPercent: _w, normGroups: _g, ...oldParams } = run.config!.params;
    const old = { ...recordOf(run), config: { ...run.config!, params: oldParams } };
    const reopened = stateFromRecord(old);
    expect(reopened.config?.params).toMatchObject({ lrSchedule: 'constant', warmupPercent: 0, normGroups: 8 });
    expect(reopened.config?.params.batchSize).toBe(run.config!.params.batchSize);
    // What a run records now is kept as it is.
    expect(stateFromRecord(recordOf({ ...run, config: { ...run.config!, params: { ...run.config!.params, lrSchedule: 'cosine', normGroups: 2 } } })).config?.params).toMatchObject({ lrSchedule: 'cosine', normGroups: 2 });
    expect(recordedConfig(null)).toBeNull();
  });

  it('a re-opened record keeps what it was', () => {
    expect(stateFromRecord(recordOf(evaluated())).imported).toEqual(evaluated().imported);
    expect(stateFromRecord(recordOf(liveRun('a', { phase: 'stopped' }))).imported).toBeNull();
  });

  it('a re-opened run names its recorded backend and says the adapter and thumbnails are not kept', () => {
    const backend = { backend: 'webgpu' as const, adapter: 'Some GPU', why: 'fastest', fallbacks: [] };
    const embeddings = { step: 4, dim: 2, data: new Float32Array(4), labels: new Int32Array([0, 1]), classNames: ['a', 'b'] };
    const reopened = stateFromRecord({ ...recordOf(evaluated()), embeddings });
    expect(reopened.mapPoints?.imagesKept).toBe(false);
    expect(reopened.embeddings?.step).toBe(4);
    const live = stateFromRecord(recordOf(liveRun('a', { phase: 'stopped', backend })));
    expect(live.backend).toMatchObject({ backend: 'webgpu', adapter: 'adapter not kept in history', fallbacks: [] });
    expect(englishText(live.backend!.why)).toBe('as recorded in History');
    expect(live.numTensors).toBe(0); // not recorded: the status line leaves it out
    // A run stopped at step 0 (no evaluation) reopens with no embeddings, so its map says so instead of laying out.
    expect([live.mapPoints, live.embeddings]).toEqual([null, null]);
  });

  it('the evaluation share is of the run\'s own wall time: a re-opened run\'s recorded one, each concurrent run\'s from its own start', () => {
    const evals = [evaluation(0), evaluation(2)].map(({ type: _t, ...e }) => ({ ...e, ms: 3000 }));
    // Re-opened from History early in a session: 6 s of evaluation in a recorded 60 s run, whatever this page's clock says.
    const reopened = stateFromRecord(recordOf(liveRun('h', { phase: 'completed', evals, startedAt: 1000, endedAt: 61_000 })));
    expect(evaluationShare(reopened, 2000).share).toBeCloseTo(0.1);
    expect(evaluationShare(reopened, 2000).meanMs).toBe(3000);
    // Two runs at once: the second started 50 s after the first; each share uses its own start.
    const first = liveRun('a', { phase: 'training', evals, startedAt: 1000 });
    const second = liveRun('b', { phase: 'training', evals, startedAt: 51_000 });
    expect(evaluationShare(first, 61_000).share).toBeCloseTo(0.1);
    expect(evaluationShare(second, 61_000).share).toBeCloseTo(0.6);
    // The worker's clock and the page's may disagree a little: never more than the whole run.
    expect(evaluationShare({ ...second, baseline: { rawKnnTop1: 0, rawLinearTop1: 0, ms: 9000 } }, 61_000).share).toBe(1);
    expect(evaluationShare(liveRun('q'), 60_000).share).toBe(0);
  });
});
