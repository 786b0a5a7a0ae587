import { describe, expect, it } from 'vitest';
import { METHOD_SPECS } from '../methods/catalog';
import { defaultRunConfig, type RunConfig } from '../shared/config';
import { defaultParams } from '../shared/params';
import { describeRun, nameAmong, shortLabel } from './runName';

const simclr = defaultParams(METHOD_SPECS.simclr.params);
const config = (over: Partial<RunConfig> = {}, params: Record<string, number | string | boolean> = {}, methodId: RunConfig['methodId'] = 'simclr'): RunConfig => {
  const base = defaultRunConfig(methodId);
  return { ...base, ...over, params: { ...base.params, ...params } };
};

describe('run names', () => {
  it('use the params\' labels, not their keys, without the label\'s explanation in brackets', () => {
    expect(shortLabel('Encoder width (channels of the first stage)')).toBe('encoder width');
    expect(shortLabel('NT-Xent temperature')).toBe('NT-Xent temperature');
    expect(describeRun('simclr', simclr)).toBe('SimCLR');
    expect(describeRun('simclr', { ...simclr, batchSize: 8, temperature: 0.2 })).toBe('SimCLR: NT-Xent temperature 0.2, batch size 8');
    expect(describeRun('simclr', { ...simclr, batchSize: 8, width: 4, headHidden: 16, projectionDim: 16, temperature: 0.2 }))
      .toBe('SimCLR: NT-Xent temperature 0.2, batch size 8, encoder width 4, +2 more');
  });

  it('a run alone of its method is named by the method\'s own changed params, not the shared ones (batch size, width)', () => {
    const tiny = config({}, { batchSize: 8, width: 4, headHidden: 16, temperature: 0.2 });
    expect(nameAmong(tiny, [])).toBe('SimCLR: NT-Xent temperature 0.2');
    expect(nameAmong(tiny, [config({}, { queueSize: 32 }, 'moco')])).toBe('SimCLR: NT-Xent temperature 0.2');
    expect(nameAmong(config({}, { batchSize: 8 }), [])).toBe('SimCLR');
  });

  it('among runs of the same method, name only what differs, run settings included', () => {
    const a = config({ maxSteps: 100 }, { batchSize: 8, width: 4 });
    const b = config({ maxSteps: 200 }, { batchSize: 8, width: 4 });
    expect(nameAmong(a, [b])).toBe('SimCLR: 100 steps');
    expect(nameAmong(b, [a])).toBe('SimCLR: 200 steps');
    const c = config({ seed: 7 }, { batchSize: 8, width: 4, temperature: 0.3 });
    expect(nameAmong(c, [a, b])).toBe('SimCLR: NT-Xent temperature 0.3, 600 steps, seed 7');
    expect(nameAmong(a, [b, c])).toBe('SimCLR: NT-Xent temperature 0.1, 100 steps, seed 1');
  });

  it('runs on another dataset are compared apart, so they do not lengthen the name', () => {
    const a = config({ maxSteps: 1, evalEvery: 1 }, { temperature: 0.2 });
    const other = config({ datasetId: 'fashion-mnist' });
    expect(nameAmong(a, [other])).toBe('SimCLR: NT-Xent temperature 0.2');
    expect(nameAmong(a, [config({ evalEvery: 1 }, { temperature: 0.2 })])).toBe('SimCLR: 1 step');
  });

  it('runs that differ in nothing get the same name (numbered by the store)', () => {
    expect(nameAmong(config(), [config()])).toBe('SimCLR');
  });
});
