import { describe, expect, it } from 'vitest';
import type { EvalResult, MapPoints } from '../eval/types';
import { RunLog } from './runLog';

const map: MapPoints = { count: 2, height: 1, width: 1, rgba: new Uint8ClampedArray(8), labels: Int32Array.from([0, 1]), classNames: ['a', 'b'] };
const evaluation = (step: number): EvalResult => ({
  step, knnTop1: 0.5, linearTop1: 0.5, headTop1: null, spread: 1, dim: 2, ms: 1, embeddings: Float32Array.from([1, 2, 3, 4]),
  similarity: { posHist: [], negHist: [], posMean: 0, negMean: 0, alignment: 0, uniformity: 0 },
});

describe('RunLog', () => {
  it('keeps copies of rows and embeddings, and a progress up to a step holds exactly rows 1..step', () => {
    let now = 0;
    const log = new RunLog(['loss', 'posSim'], map, undefined, () => now);
    const values = Float32Array.from([1, 0.1, 2, 0.2, 3, 0.3]);
    now = 3000;
    log.addMetrics(1, 3, values, 1000, 8);
    values.fill(0); // the worker transfers (detaches) the buffer after
    const r = evaluation(3);
    log.addEvaluation(r);
    r.embeddings.fill(0);
    now = 4000;
    log.addMetrics(4, 1, Float32Array.from([4, 0.4]), 1000, 8);
    const p = log.progressAt(3);
    expect(p.points).toEqual([{ step: 1, wall: 1, loss: 1, posSim: expect.closeTo(0.1, 6) }, { step: 2, wall: 2, loss: 2, posSim: expect.closeTo(0.2, 6) }, { step: 3, wall: 3, loss: 3, posSim: expect.closeTo(0.3, 6) }]);
    expect(p.evals).toEqual([{ ...evaluation(3), embeddings: undefined, wall: 3 }].map(({ embeddings: _e, ...rest }) => rest));
    expect(p.embeddings).toEqual({ step: 3, dim: 2, data: Float32Array.from([1, 2, 3, 4]), labels: Int32Array.from([0, 1]), classNames: ['a', 'b'] });
    expect([p.wallMs, p.msPerStep, p.imagesPerSecond]).toEqual([4000, 1000, 8]);
  });

  it('a resumed log starts from the restored progress and its wall time goes on from it', () => {
    let now = 0;
    const first = new RunLog(['loss'], map, undefined, () => now);
    now = 2000;
    first.addMetrics(1, 2, Float32Array.from([1, 2]), 1000, 8);
    first.setBaseline({ rawKnnTop1: 0.3, rawLinearTop1: 0.4, ms: 1 });
    const saved = first.progressAt(2);
    now = 100;
    const resumed = new RunLog(['loss'], map, saved, () => now);
    expect(resumed.hasBaseline).toBe(true);
    now = 1100;
    resumed.addMetrics(3, 1, Float32Array.from([3]), 1000, 8);
    expect(resumed.progressAt(3).points.map((p) => [p.step, p.wall])).toEqual([[1, 1], [2, 2], [3, 3]]);
  });
});
