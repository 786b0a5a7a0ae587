import { describe, expect, it } from 'vitest';
import { METHOD_IDS, METHOD_SPECS } from '../methods/catalog';
import { carryOverParams, defaultParams, validateParams, withParamChoice } from './params';
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
  it('MoCo v1 sets its paper temperature and no blur; v2 sets its temperature back; other keys untouched', () => {
    const specs = METHOD_SPECS.moco.params;
    const v1 = withParamChoice(specs, defaultParams(specs), 'version', 'v1');
    expect([v1.version, v1.temperature, v1.blurProb, v1.queueSize]).toEqual(['v1', 0.07, 0, specs.queueSize.default]);
    const v2 = withParamChoice(specs, { ...v1, queueSize: 512 }, 'version', 'v2');
    expect([v2.temperature, v2.blurProb, v2.queueSize]).toEqual([0.2, 0, 512]);
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

  it('continues from a saved state exactly as the original stream does (what a resumed run relies on)', () => {
    const a = createRng(11);
    for (let i = 0; i < 7; i++) a.next();
    const saved = a.getState();
    const ahead = Array.from({ length: 6 }, () => a.next());
    const b = createRng(999);
    b.setState(saved);
    expect(Array.from({ length: 6 }, () => b.next())).toEqual(ahead);
    // The state is a copy: drawing on does not change what was saved.
    expect(saved).not.toEqual(a.getState());
    expect(() => b.setState([1, 2, 3] as never)).toThrow(/not an rng state/);
    expect(() => b.setState([1, 2, 3, -1])).toThrow(/not an rng state/);
  });
});

describe('switching method', () => {
  const simclr = METHOD_SPECS.simclr.params;
  const moco = METHOD_SPECS.moco.params;
  const supervised = METHOD_SPECS.supervised.params;
  it('keeps the settings both methods share (same key, valid for the new one) and takes the new method\'s defaults for the rest', () => {
    const set = { ...defaultParams(simclr), batchSize: 8, width: 16, headHidden: 32, temperature: 0.3, cropScaleMin: 0.5 };
    const params = carryOverParams(simclr, set, moco);
    expect([params.batchSize, params.width, params.headHidden, params.temperature, params.cropScaleMin]).toEqual([8, 16, 32, 0.3, 0.5]);
    // Left at SimCLR's default: MoCo's own default (0.5 blur probability, not SimCLR's 0).
    expect(params.blurProb).toBe(moco.blurProb.default);
    // MoCo's own params are its defaults; the result is a valid MoCo setup with nothing extra.
    expect(params.queueSize).toBe(moco.queueSize.default);
    expect(validateParams(moco, params).issues).toEqual([]);
    // Keys the new method lacks are dropped.
    const toSupervised = carryOverParams(simclr, set, supervised);
    expect(toSupervised.batchSize).toBe(8);
    expect('headHidden' in toSupervised).toBe(false);
    expect(validateParams(supervised, toSupervised).issues).toEqual([]);
  });

  it('drops a shared value that is not valid for the new method\'s spec, or of another kind', () => {
    const to = { ...simclr, batchSize: { ...simclr.batchSize, max: 64 }, width: { kind: 'choice', label: 'w', options: ['a', 'b'], default: 'a' } } as const;
    const params = carryOverParams(simclr, { ...defaultParams(simclr), batchSize: 256, width: 16 }, to);
    expect(params.batchSize).toBe(simclr.batchSize.default);
    expect(params.width).toBe('a');
  });
});
