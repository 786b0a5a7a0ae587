import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from './config';
import {
  costFromRuns, costFromTiming, durationText, estimateRunMs, estimateText, evaluationIsCheap, evaluationsIn, minutesText, setupKey, sourceIsTiming, stepsForMinutes, type MeasuredRun,
} from './estimate';
import { englishText } from '../i18n/render';
import { text } from './text';

const cost = { msPerStep: 200, evalMs: 3000, baselineMs: 1000 };

describe('time estimate', () => {
  it('counts the evaluations a run makes: step 0, every evalEvery, and the last step off the grid', () => {
    expect(evaluationsIn(100, 50)).toBe(3); // 0, 50, 100
    expect(evaluationsIn(120, 50)).toBe(4); // 0, 50, 100, 120
    expect(evaluationsIn(100, 0)).toBe(0);
    expect(evaluationsIn(0, 50)).toBe(1);
  });

  it('a run is its steps at the measured ms/step plus its evaluations and the baseline', () => {
    expect(estimateRunMs(cost, 100, 50)).toEqual({ trainMs: 20_000, evalMs: 3 * 3000 + 1000, totalMs: 30_000 });
    // No evaluations: neither evaluations nor the baseline run.
    expect(estimateRunMs(cost, 100, 0)).toEqual({ trainMs: 20_000, evalMs: 0, totalMs: 20_000 });
    // Evaluation not measured: training steps only.
    expect(estimateRunMs({ ...cost, evalMs: null }, 100, 50).totalMs).toBe(20_000);
  });

  it('minutes -> steps: what fits the budget with its evaluations, rounded down to tens, at least 10', () => {
    // 2 min = 120 000 ms; fixed 3000 + 1000; per step 200 + 3000 / 50 = 260 -> 446.1 -> 440.
    expect(stepsForMinutes(2, cost, 50)).toBe(440);
    // And the steps it gives are within the budget by the same estimate.
    expect(estimateRunMs(cost, 440, 50).totalMs).toBeLessThanOrEqual(120_000);
    expect(stepsForMinutes(2, { ...cost, evalMs: null }, 50)).toBe(600);
    expect(stepsForMinutes(2, cost, 0)).toBe(600);
    expect(stepsForMinutes(0.01, cost, 50)).toBe(10);
    expect(stepsForMinutes(10_000, cost, 0)).toBeLessThanOrEqual(100_000);
    expect(stepsForMinutes(10_000, cost, 0) % 10).toBe(0);
    expect(stepsForMinutes(Number.NaN, cost, 50)).toBe(10);
  });

  it('says the time in minutes and seconds', () => {
    expect(englishText(durationText(125_400))).toBe('about 2 min 5 s');
    expect(englishText(durationText(40_000))).toBe('about 40 s');
    expect(englishText(durationText(3_780_000))).toBe('about 1 h 3 min');
    expect(englishText(minutesText(0.1))).toBe('0.1 min');
    expect(englishText(minutesText(2))).toBe('2 min');
  });

  it('the estimate names the backend, the steps and where the figures come from, and what evaluation adds', () => {
    const measured = { ...cost, backend: 'wasm' as const, source: text('setup.estimate.sourceRun', { name: 'SimCLR' }), evalShareHint: null };
    expect(sourceIsTiming(measured)).toBe(false);
    expect(englishText(estimateText(measured, 100, 50))).toBe('Estimated time on wasm: about 30 s for 100 steps (from your run "SimCLR"), evaluations included (10 s).');
    const probe = costFromTiming({ backend: 'wasm', steps: 5, msPerStep: 300, warmupMs: 900, evalMs: null }, 0.2);
    expect(sourceIsTiming(probe)).toBe(true);
    expect(englishText(estimateText(probe, 100, 50))).toBe('Estimated time on wasm: about 30 s for 100 steps (from timing 5 steps): training steps only, evaluation adds about 25%.');
    expect(englishText(estimateText({ ...probe, evalShareHint: null }, 100, 50))).toMatch(/training steps only, evaluation not included\.$/);
    expect(englishText(estimateText(probe, 100, 0))).toBe('Estimated time on wasm: about 30 s for 100 steps (from timing 5 steps).');
  });

  it('takes the newest measured run of the same method, backend, dataset, batch size and width', () => {
    const config = defaultRunConfig('simclr', 'shapes');
    const run = (name: string, createdAt: number, patch: Partial<MeasuredRun> = {}, params: Record<string, number> = {}): MeasuredRun => ({
      name, config: { ...config, params: { ...config.params, ...params } }, backend: 'wasm', msPerStep: 100 + createdAt, evalMs: [1000, 3000], baselineMs: 500, steps: 10, createdAt, ...patch,
    });
    const key = setupKey(config);
    expect(costFromRuns(key, [run('old', 1), run('new', 2), run('other width', 3, {}, { width: 16 }), run('other batch', 4, {}, { batchSize: 8 })]))
      .toMatchObject({ backend: 'wasm', msPerStep: 102, evalMs: 2000, baselineMs: 500, evalShareHint: null });
    expect(englishText(costFromRuns(key, [run('old', 1), run('new', 2)])!.source)).toBe('your run "new"');
    // Another method, dataset or backend preference is another setup; a run without steps measured nothing.
    expect(costFromRuns(key, [run('moco', 5, { config: { ...config, methodId: 'moco' } }), run('cifar', 6, { config: { ...config, datasetId: 'cifar' } }),
      run('cpu', 7, { config: { ...config, backend: 'cpu' } }), run('empty', 8, { steps: 0 })])).toBeNull();
    // A learning rate does not change the time.
    expect(englishText(costFromRuns(key, [run('lr', 9, {}, { learningRate: 0.1 })])!.source)).toBe('your run "lr"');
  });

  it('times an evaluation in the probe only when embedding its images is predicted cheap', () => {
    expect(evaluationIsCheap(300, 128, 1500)).toBe(true); // ~1.2 s
    expect(evaluationIsCheap(6600, 128, 3000)).toBe(false); // ~52 s on SwiftShader
    expect(evaluationIsCheap(0, 128, 100)).toBe(false);
  });
});
