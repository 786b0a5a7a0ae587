import { describe, expect, it } from 'vitest';
import { METHOD_IDS, METHOD_SPECS } from '../methods/catalog';
import { defaultParams, validateParams } from './params';
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

describe('seeded rng', () => {
  it('is reproducible and draws distinct indices', () => {
    const a = createRng(3), b = createRng(3);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    const idx = sampleWithoutReplacement(createRng(1), 10, 10);
    expect([...idx].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
