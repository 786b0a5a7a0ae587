/**
 * One-click experiments that reproduce published findings at browser scale. Each is an
 * Experiment, so it loads like a shared link and can be shared as one.
 */
import { METHOD_SPECS, type MethodId } from '../methods/catalog';
import { defaultRunConfig } from '../shared/config';
import { defaultParams, type AnyParamValues } from '../shared/params';
import type { Experiment, PlannedRun } from './types';

export interface Preset {
  id: string;
  title: string;
  /** What the paper found, and what to look at here. */
  finding: string;
  experiment: Experiment;
}


function run(methodId: MethodId, overrides: AnyParamValues = {}): PlannedRun {
  return { methodId, params: { ...defaultParams(METHOD_SPECS[methodId].params), ...overrides } };
}

function experiment(datasetId: string, datasetName: string, runs: PlannedRun[]): Experiment {
  // The cpu tier's budget (shared/tiers.ts): about 1.5 min per run on wasm, seconds on a GPU.
  const { methodId: _m, datasetId: _d, params: _p, ...settings } = defaultRunConfig();
  return { dataset: { id: datasetId, name: datasetName, fingerprint: '' }, settings, runs };
}

const SHAPES = 'Colour shapes (6 classes, 32 px)';
const FASHION = 'Fashion-MNIST subset (10 classes, 28 px)';

export const PRESETS: readonly Preset[] = [
  {
    id: 'simclr-augmentations',
    title: 'SimCLR augmentation ablation',
    finding: 'SimCLR (Chen et al. 2020, Fig. 5): crop alone or colour alone gives weak features; crop plus colour jitter is far better, because with crops alone the views can be matched by their colour histograms. Compare the kNN and linear-probe curves.',
    experiment: experiment('shapes', SHAPES, [
      run('simclr', { jitterProb: 0, grayscaleProb: 0 }),
      run('simclr', { cropScaleMin: 1, flipProb: 0 }),
      run('simclr'),
    ]),
  },
  {
    id: 'simclr-temperature',
    title: 'SimCLR temperature sweep',
    finding: 'SimCLR (Table 5): the NT-Xent temperature matters; 0.1-0.5 beat 1.0 on linear evaluation (with L2-normalised embeddings). Compare final accuracy and how far apart positive and negative similarities move.',
    experiment: experiment('shapes', SHAPES, [
      run('simclr', { temperature: 0.1 }),
      run('simclr', { temperature: 0.5 }),
      run('simclr', { temperature: 1 }),
    ]),
  },
  {
    id: 'moco-queue',
    title: 'MoCo queue size',
    finding: 'MoCo (He et al. 2020, Fig. 3): more negatives in the queue (K from 256 to 65536) give better linear accuracy. Here K = 64, 256 and 2048 keys (the queue fills after K / batch steps).',
    experiment: experiment('shapes', SHAPES, [
      run('moco', { queueSize: 64 }),
      run('moco', { queueSize: 256 }),
      run('moco', { queueSize: 2048 }),
    ]),
  },
  {
    id: 'supervised-vs-sla',
    title: 'Supervised against SLA+SD',
    finding: 'SLA (Lee et al. 2020): training on joint (class, rotation) labels with aggregated inference beats plain supervised training on the same labels. Compare the heads\' test accuracy (thin lines) and the probes.',
    experiment: experiment('fashion-mnist', FASHION, [run('supervised'), run('sla')]),
  },
];
