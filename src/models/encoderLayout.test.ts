import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ResNetEncoder } from './encoder';
import { englishText } from '../i18n/render';
import { encoderConvs, encoderOutputDim, expectedEncoderWeights, groupCount, layoutOf, normGroupsText } from './encoderLayout';
import { VariableSet } from './variables';
import { createRng } from '../shared/rng';

describe('encoder layout', () => {
  it('lists the convs in creation order, with a projection only where the width changes', () => {
    expect(encoderConvs(4)).toEqual([
      { name: 'stem', inC: 3, outC: 4, k: 3 },
      { name: 'b1/c1', inC: 4, outC: 4, k: 3 }, { name: 'b1/c2', inC: 4, outC: 4, k: 3 },
      { name: 'b2/c1', inC: 4, outC: 8, k: 3 }, { name: 'b2/c2', inC: 8, outC: 8, k: 3 }, { name: 'b2/proj', inC: 4, outC: 8, k: 1 },
      { name: 'b3/c1', inC: 8, outC: 16, k: 3 }, { name: 'b3/c2', inC: 16, outC: 16, k: 3 }, { name: 'b3/proj', inC: 8, outC: 16, k: 1 },
    ]);
    expect(encoderOutputDim({ width: 6 })).toBe(24);
  });

  for (const norm of ['group', 'none'] as const) {
    it(`ResNetEncoder (${norm} norm) builds exactly the layout's weights, and its representation has outputDim columns`, () => {
      const vars = new VariableSet('layout-test');
      const encoder = new ResNetEncoder(vars, { width: 4, norm, normGroups: 8 }, createRng(1));
      expect(encoder.namedWeights().map((w) => ({ name: w.name, shape: w.tensor.shape }))).toEqual(expectedEncoderWeights({ width: 4, norm, normGroups: 8 }));
      const h = tf.tidy(() => encoder.apply(tf.zeros([2, 8, 8, 3])).h);
      expect(h.shape).toEqual([2, encoderOutputDim({ width: 4 })]);
      h.dispose();
      vars.dispose();
    });
  }

  it('initial weights for a seed are those of the encoder before the layout moved (bit for bit)', async () => {
    // Checksums of the weights the pre-redesign ResNetEncoder drew for seed 11, width 8.
    const checksum = async (norm: 'group' | 'none') => {
      const vars = new VariableSet('seed-test');
      const weights = new ResNetEncoder(vars, { width: 8, norm, normGroups: 8 }, createRng(11)).namedWeights();
      let s = 0;
      for (const w of weights) { const d = await w.tensor.data(); for (let j = 0; j < d.length; j++) s += d[j] * ((j % 7) + 1); }
      vars.dispose();
      return s;
    };
    expect(await checksum('group')).toBeCloseTo(728.790459336557, 9);
    expect(await checksum('none')).toBeCloseTo(98.79045933655698, 9);
  });

  it('groupCount: the largest divisor of the channels that is at most normGroups (1: layer norm; >= channels: instance norm)', () => {
    const cases: [number, number, number][] = [
      [8, 8, 8], [16, 8, 8], [32, 8, 8], [12, 8, 6], [20, 8, 5], [4, 8, 4], [7, 8, 7], [14, 8, 7], [11, 8, 1],
      [32, 1, 1], [8, 1, 1], [32, 4, 4], [24, 5, 4], [32, 32, 32], [32, 256, 32], [12, 100, 12], [18, 4, 3], [9, 2, 1],
    ];
    for (const [c, max, g] of cases) expect([c, max, groupCount(c, max)]).toEqual([c, max, g]);
  });

  it('groupCount at the default 8 is the rule the encoder used before normGroups existed, for every width', () => {
    const before = (c: number) => { for (let g = Math.min(8, c); g > 1; g--) if (c % g === 0) return g; return 1; };
    for (let c = 1; c <= 256; c++) expect(groupCount(c, 8)).toBe(before(c));
  });

  it('normGroupsText says what each stage gets at a width', () => {
    expect(englishText(normGroupsText(8, 8)!)).toBe('At width 8: stage 1 instance norm (8 groups of 1 channel), stage 2 8 groups of 2, stage 3 8 groups of 4');
    expect(englishText(normGroupsText(8, 1)!)).toBe('At width 8: stage 1 layer norm (1 group of 8 channels), stage 2 layer norm (1 group of 16 channels), stage 3 layer norm (1 group of 32 channels)');
    expect(englishText(normGroupsText(4, 256)!)).toBe('At width 4: stage 1 instance norm (4 groups of 1 channel), stage 2 instance norm (8 groups of 1 channel), stage 3 instance norm (16 groups of 1 channel)');
    expect(englishText(normGroupsText(12, 8)!)).toBe('At width 12: stage 1 6 groups of 2, stage 2 8 groups of 3, stage 3 8 groups of 6');
    expect(normGroupsText(8, Number.NaN)).toBeNull();
  });

  it('layoutOf: a stored layout without normGroups means 8', () => {
    expect(layoutOf({ width: 4, norm: 'group' })).toEqual({ width: 4, norm: 'group', normGroups: 8 });
    expect(layoutOf({ width: 4, norm: 'group', normGroups: 2 })).toEqual({ width: 4, norm: 'group', normGroups: 2 });
  });

  it('the encoder normalises with the layout\'s groups: normGroups changes the representation, 8 and an absent value do not differ', () => {
    const vars = new VariableSet('groups-test');
    new ResNetEncoder(vars, { width: 8, norm: 'group', normGroups: 8 }, createRng(2));
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
    const h = (normGroups?: number) => new ResNetEncoder(vars, { width: 8, norm: 'group', ...(normGroups !== undefined && { normGroups }) } as never, null).apply(x).h;
    const diff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(a.sub(b))).dataSync()[0];
    expect(diff(h(8), h())).toBe(0);
    expect(diff(h(8), h(1))).toBeGreaterThan(1e-4);
    expect(diff(h(8), h(2))).toBeGreaterThan(1e-4);
    vars.dispose();
  });
});
