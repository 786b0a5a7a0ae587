import { augmentParams, encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import type { MethodSpec } from '../spec';

const params = {
  // Measured at the cpu tier's budget on shapes (docs/experiments.md, "Defaults"): lr 3e-3, jitter
  // strength 1.0 and no blur (the paper's blur is for 224 px) took MoCo v2 from 53.7% to 66.1% kNN.
  ...trainingParams({ batchSize: 32, learningRate: 3e-3 }),
  ...encoderParams(),
  // v2's augmentations (MoCo v2, section 3; v1 jitters always and does not blur).
  ...augmentParams({ blurProb: 0, jitterStrength: 1 }, {
    cropScaleMin: '0.2',
    flipProb: '0.5',
    jitterProb: '0.8 (v2)',
    jitterStrength: '0.5: 0.4 brightness, contrast, saturation, 0.1 hue (v2)',
    grayscaleProb: '0.2',
    blurProb: '0.5 (v2), 0 (v1)',
    blurSigmaMax: '2.0 at 224 px (v2)',
  }),
  version: {
    kind: 'choice', label: 'MoCo version', options: ['v2', 'v1'] as const, default: 'v2' as 'v1' | 'v2',
    help: 'v2: MLP head; choosing it sets T = 0.2 (the paper also blurs with p = 0.5 at 224 px; here blur stays off by default, it cost accuracy at 32 px). v1: linear head; choosing it sets T = 0.07 and no blur.',
    implies: { v1: { temperature: 0.07, blurProb: 0 }, v2: { temperature: 0.2 } },
  },
  queueSize: { kind: 'int', label: 'Queue size K (negatives)', default: 4096, min: 16, max: 65536, step: 16, paper: '65536 (ImageNet), 4096 (CIFAR demo)' },
  momentum: { kind: 'number', label: 'Key encoder momentum m', default: 0.99, min: 0.5, max: 0.9999, step: 0.001, paper: '0.999 (0.99 for short runs)' },
  temperature: { kind: 'number', label: 'InfoNCE temperature', default: 0.2, min: 0.01, max: 2, log: true, paper: 'v1 0.07, v2 0.2, CIFAR demo 0.1' },
} as const;

export const mocoSpec = {
  id: 'moco',
  label: 'MoCo',
  paper: {
    title: 'Momentum Contrast for Unsupervised Visual Representation Learning (v2: Improved Baselines with Momentum Contrastive Learning)',
    authors: 'He, Fan, Wu, Xie, Girshick; Chen, Fan, Girshick, He',
    venue: 'CVPR 2020; arXiv 2003.04297',
    url: 'https://arxiv.org/abs/1911.05722',
  },
  summary: 'A query view is matched to its key (from a momentum-averaged key encoder) against a FIFO queue of keys from earlier batches.',
  needs: 'images',
  params,
  extraMetrics: ['queueFill', 'positiveLogit', 'queueLogit'],
  /** Query and key view of each image: 2N (the key view passes the EMA key encoder). */
  imagesPerStep: (p: MocoParams) => 2 * p.batchSize,
  metricLabels: { queueFill: 'queue fill (fraction)', positiveLogit: 'positive logit (cos / T)', queueLogit: 'queue logit (cos / T)' },
  metricUnits: { queueFill: 'fraction', positiveLogit: 'logit', queueLogit: 'logit' },
  similarityNote: 'pos: cosine of query and its key; neg: mean cosine of the query to the keys in the queue.',
} as const satisfies MethodSpec;

export type MocoParams = ParamValues<typeof params>;
