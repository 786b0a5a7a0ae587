import { augmentParams, encoderParams, SIMCLR_AUGMENT_PAPER, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import type { MethodSpec } from '../spec';

const params = {
  // Measured at the cpu tier's budget on shapes (docs/experiments.md, "Defaults"): lr 3e-3 with
  // the cosine schedule, temperature 0.1 and the ImageNet jitter strength 1.0 beat 1e-3 / 0.5 / 0.5.
  ...trainingParams({ batchSize: 32, learningRate: 3e-3 }),
  ...encoderParams(),
  ...augmentParams({ jitterStrength: 1 }, SIMCLR_AUGMENT_PAPER),
  temperature: { kind: 'number', label: 'NT-Xent temperature', default: 0.1, min: 0.01, max: 2, log: true, paper: '0.5 (CIFAR-10), 0.1 (ImageNet, batch 4096)' },
} as const;

export const simclrSpec = {
  id: 'simclr',
  label: 'SimCLR',
  paper: {
    title: 'A Simple Framework for Contrastive Learning of Visual Representations',
    authors: 'Chen, Kornblith, Norouzi, Hinton',
    venue: 'ICML 2020',
    url: 'https://arxiv.org/abs/2002.05709',
  },
  summary: 'Two augmented views of each image; NT-Xent pulls each view towards its partner against the other 2N-2 views of the batch.',
  needs: 'images',
  params,
  extraMetrics: ['positiveLogit', 'topNegativeSim'],
  /** Two views of each image, one encoder pass of 2N. */
  imagesPerStep: (p: SimclrParams) => 2 * p.batchSize,
  metricLabels: { positiveLogit: 'positive logit (cos / T)', topNegativeSim: 'hardest negative (cos)' },
  metricUnits: { positiveLogit: 'logit', topNegativeSim: 'cosine' },
  similarityNote: 'pos: cosine of the two views of one image (projection z); neg: mean cosine to the other 2N-2 views.',
} as const satisfies MethodSpec;

export type SimclrParams = ParamValues<typeof params>;
