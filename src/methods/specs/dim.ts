import { encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import type { MethodSpec } from '../spec';
import { DIM_ESTIMATORS, type DimEstimator } from '../../losses/dimEstimatorNames';

const { width, norm, normGroups, headHidden, projectionDim } = encoderParams({ projectionDim: 64 });

const params = {
  ...trainingParams({ batchSize: 32, learningRate: 1e-3 }),
  width, norm, normGroups,
  headHidden: { ...headHidden, label: 'Discriminator hidden units' },
  projectionDim: { ...projectionDim, label: 'Global feature y and discriminator embedding size', paper: '64' },
  estimator: {
    kind: 'choice', label: 'Mutual-information estimator', options: DIM_ESTIMATORS, default: 'jsd' as DimEstimator, paper: 'JSD',
    help: 'JSD (softplus form, the paper default), InfoNCE, or Donsker-Varadhan.',
  },
  scaledScores: {
    kind: 'bool', label: 'Scores divided by the square root of their size', default: true, absent: false,
    help: 'Each score T = g . l / sqrt(D), D the embedding size, as attention scales its dot products: scores start near +-1. Raw dot products started at 10-20, where InfoNCE\'s and DV\'s exponentials spent most of a short run shrinking them.',
  },
  alpha: { kind: 'number', label: 'Global objective weight alpha', default: 0, min: 0, max: 10, step: 0.1, paper: '0 for DIM(L), 1 for DIM(G)' },
  beta: { kind: 'number', label: 'Local objective weight beta', default: 1, min: 0, max: 10, step: 0.1, paper: '1.0' },
  gamma: { kind: 'number', label: 'Prior matching weight gamma (0 = off)', default: 0.1, min: 0, max: 10, step: 0.05, paper: '0.1 (README example)' },
  priorLearningRate: { kind: 'number', label: 'Prior discriminator learning rate', default: 1e-4, min: 1e-6, max: 1e-1, log: true, help: 'Its own Adam optimizer: the discriminator is trained against the encoder, never by the encoder\'s optimizer.' },
} as const;

export const dimSpec = {
  id: 'dim',
  label: 'Deep InfoMax',
  paper: {
    title: 'Learning deep representations by mutual information estimation and maximization',
    authors: 'Hjelm, Fedorov, Lavoie-Marchildon, Grewal, Bachman, Trischler, Bengio',
    venue: 'ICLR 2019',
    url: 'https://arxiv.org/abs/1808.06670',
  },
  summary: 'Maximises mutual information between an image\'s global feature and its local features (each position of an intermediate feature map), against local features of other images; optionally matches the global feature to a uniform prior adversarially.',
  needs: 'images',
  params,
  extraMetrics: ['localLoss', 'globalLoss', 'priorEncoderLoss', 'priorDiscriminatorLoss'],
  similarityNote: 'pos: cosine of an image\'s global embedding with its own local embeddings; neg: with the local embeddings of other images (the discriminator\'s projections).',
} as const satisfies MethodSpec;

export type DimParams = ParamValues<typeof params>;
