import { describe, expect, it } from 'vitest';
import { METHOD_IDS, METHOD_SPECS } from '../methods/catalog';
import { defaultParams, validateParams, withParamChoice } from './params';
import { createRng, sampleWithoutReplacement } from './rng';

describe('param validation', () => {
  const specs = METHOD_SPECS.moco.params;
  it('defaults of every method are valid', () => {
    for (const id of METHOD_IDS) {
      const s = METHOD_SPECS[id].params;
      expect(validateParams(s, defaultParams(s)).issues).toEqual([]);
    }
  });

  it('clamps out-of-range numbers, rounds ints and falls back on bad values, reporting each', () => {
    const { values, issues } = validateParams(specs, {
      temperature: 50, batchSize: 10.4, version: 'v9', momentum: Number.NaN, norm: 'group', sneaky: '<script>',
    });
    expect(values.temperature).toBe(2);
    expect(values.batchSize).toBe(10);
    expect(values.version).toBe('v2');
    expect(values.momentum).toBe(specs.momentum.default);
    expect(issues.map((i) => i.key).sort()).toEqual(['momentum', 'sneaky', 'temperature', 'version']);
  });
});

describe('choices that imply other params', () => {
  it('MoCo v1 sets its paper temperature and no blur; v2 sets them back; other keys untouched', () => {
    const specs = METHOD_SPECS.moco.params;
    const v1 = withParamChoice(specs, defaultParams(specs), 'version', 'v1');
    expect([v1.version, v1.temperature, v1.blurProb, v1.queueSize]).toEqual(['v1', 0.07, 0, specs.queueSize.default]);
    const v2 = withParamChoice(specs, { ...v1, queueSize: 512 }, 'version', 'v2');
    expect([v2.temperature, v2.blurProb, v2.queueSize]).toEqual([0.2, 0.5, 512]);
    expect(withParamChoice(specs, v1, 'temperature', 0.3).blurProb).toBe(0);
  });
});

describe('seeded rng', () => {
  it('is reproducible and draws distinct indices', () => {
    const a = createRng(3), b = createRng(3);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    const idx = sampleWithoutReplacement(createRng(1), 10, 10);
    expect([...idx].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
