import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ResNetEncoder } from './encoder';
import { encoderConvs, encoderOutputDim, expectedEncoderWeights } from './encoderLayout';
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
      const encoder = new ResNetEncoder(vars, { width: 4, norm }, createRng(1));
      expect(encoder.namedWeights().map((w) => ({ name: w.name, shape: w.tensor.shape }))).toEqual(expectedEncoderWeights({ width: 4, norm }));
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
      const weights = new ResNetEncoder(vars, { width: 8, norm }, createRng(11)).namedWeights();
      let s = 0;
      for (const w of weights) { const d = await w.tensor.data(); for (let j = 0; j < d.length; j++) s += d[j] * ((j % 7) + 1); }
      vars.dispose();
      return s;
    };
    expect(await checksum('group')).toBeCloseTo(728.790459336557, 9);
    expect(await checksum('none')).toBeCloseTo(98.79045933655698, 9);
  });
});
