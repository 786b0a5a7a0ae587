import { describe, expect, it } from 'vitest';
import { EVALUATING, RAW_PIXEL_BASELINE } from '../shared/protocol';
import { stallOf, watchdogLimit, WATCHDOG_FLOOR_MS } from './watchdog';
import { evaluation, liveRun } from './testFixtures';

const training = (patch = {}) => liveRun('a', { phase: 'training', msPerStep: 100, ...patch });

describe('watchdog', () => {
  it('the limit is the floor for a quick run, 20 steps\' time for a slow one', () => {
    expect(watchdogLimit(training())).toBe(WATCHDOG_FLOOR_MS);
    expect(watchdogLimit(training({ msPerStep: 4000 }))).toBe(80_000);
    expect(watchdogLimit(training(), 5000)).toBe(5000);
  });

  it('while evaluating, three times the longest evaluation (or baseline) so far', () => {
    const { type: _t, embeddings: _e, ...slow } = { ...evaluation(50), ms: 25_000 };
    const evaluating = training({ detail: EVALUATING, evals: [{ ...slow, step: 0, ms: 12_000 }, { ...slow, step: 50 }] });
    expect(watchdogLimit(evaluating)).toBe(75_000);
    expect(watchdogLimit({ ...evaluating, detail: '' })).toBe(WATCHDOG_FLOOR_MS);
    expect(watchdogLimit(training({ detail: RAW_PIXEL_BASELINE, baseline: { rawKnnTop1: 0, rawLinearTop1: 0, ms: 40_000 } }))).toBe(120_000);
  });

  it('a silence longer than the limit is a stall, with how long and the limit', () => {
    expect(stallOf(training(), 0, 30_000)).toBeNull();
    expect(stallOf(training(), 0, 30_001)).toEqual({ silentMs: 30_001, limitMs: 30_000 });
    // A lower floor (the e2e hook): 20 steps of 100 ms are the limit then.
    expect(stallOf(training(), 10_000, 12_000, 1000)).toBeNull();
    expect(stallOf(training(), 10_000, 13_000, 1000)).toEqual({ silentMs: 3000, limitMs: 2000 });
  });

  it('only a training loop is watched: not paused, not before the loop, not ended', () => {
    for (const phase of ['paused', 'starting', 'loading-data', 'building', 'completed', 'interrupted'] as const) {
      expect(stallOf(training({ phase }), 0, 1e9)).toBeNull();
    }
  });
});
