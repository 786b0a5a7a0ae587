import { describe, expect, it } from 'vitest';
import { METHOD_SPECS } from '../methods/catalog';
import { defaultParams } from '../shared/params';
import { defaultConcurrency, runsToStart } from '../store/runQueue';
import { PRESETS } from './presets';
import { decodeExperiment, experimentUrl } from './shareLink';
import { runConfigOf } from './types';

describe('presets', () => {
  it('each preset is a valid shareable experiment: its link decodes to the same runs with no problem', () => {
    for (const preset of PRESETS) {
      const url = experimentUrl('http://127.0.0.1:5173/', preset.experiment);
      expect(url.length).toBeLessThan(2000);
      const decoded = decodeExperiment(url);
      expect(decoded.ok && decoded.problems, preset.id).toEqual([]);
      expect(decoded.ok && decoded.experiment).toEqual(preset.experiment);
    }
  });

  it('each preset varies exactly what its title says', () => {
    const byId = Object.fromEntries(PRESETS.map((p) => [p.id, p.experiment.runs]));
    expect(byId['simclr-temperature'].map((r) => r.params.temperature)).toEqual([0.1, 0.5, 1]);
    expect(byId['moco-queue'].map((r) => r.params.queueSize)).toEqual([64, 256, 2048]);
    expect(byId['supervised-vs-sla'].map((r) => r.methodId)).toEqual(['supervised', 'sla']);
    const [cropOnly, colourOnly, both] = byId['simclr-augmentations'].map((r) => r.params);
    expect([cropOnly.jitterProb, cropOnly.grayscaleProb, cropOnly.cropScaleMin]).toEqual([0, 0, METHOD_SPECS.simclr.params.cropScaleMin.default]);
    expect([colourOnly.cropScaleMin, colourOnly.flipProb, colourOnly.jitterProb]).toEqual([1, 0, 0.8]);
    expect(both).toEqual(defaultParams(METHOD_SPECS.simclr.params));
  });

  it('runs of an experiment share its dataset and settings', () => {
    const e = PRESETS[0].experiment;
    const configs = e.runs.map((r) => runConfigOf(e, r));
    expect(new Set(configs.map((c) => `${c.datasetId}/${c.seed}/${c.maxSteps}/${c.backend}`)).size).toBe(1);
    configs[0].params.temperature = 9; // a copy, not the preset's own object
    expect(e.runs[0].params.temperature).toBe(METHOD_SPECS.simclr.params.temperature.default);
  });
});

describe('run queue', () => {
  it('starts queued runs in order up to the limit, counting running ones', () => {
    const runs = [
      { id: 'a', slot: 'done' as const }, { id: 'b', slot: 'running' as const },
      { id: 'c', slot: 'queued' as const }, { id: 'd', slot: 'queued' as const }, { id: 'e', slot: 'queued' as const },
    ];
    expect(runsToStart(runs, 1)).toEqual([]);
    expect(runsToStart(runs, 2)).toEqual(['c']);
    expect(runsToStart(runs, 3)).toEqual(['c', 'd']);
    expect(runsToStart(runs, 8)).toEqual(['c', 'd', 'e']);
  });

  it('defaults: 2 on WebGPU, 1 on WebGL, half the cores (at most 4) on cpu', () => {
    expect(defaultConcurrency('auto', true, 8)).toBe(2);
    expect(defaultConcurrency('auto', false, 8)).toBe(1);
    expect(defaultConcurrency('webgl', true, 8)).toBe(1);
    expect(defaultConcurrency('cpu', true, 2)).toBe(1);
    expect(defaultConcurrency('cpu', true, 16)).toBe(4);
  });
});
