import { augmentParams, encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import type { MethodSpec } from '../spec';
import { labelledPercentParam } from './supervised';

const { width, norm, normGroups, projectionDim } = encoderParams();

const params = {
  // The learning rate from a sweep (1e-3 left the heads underfit in 600 steps): docs/experiments.md, 'The learning rate of the context pretexts, SLA + SD and S4L'.
  ...trainingParams({ batchSize: 12, learningRate: 1e-2 }),
  width, norm, normGroups, projectionDim,
  ...augmentParams(),
  variant: {
    kind: 'choice', label: 'Self-supervised task', options: ['rotation', 'exemplar'] as const, default: 'rotation' as 'rotation' | 'exemplar',
    help: 'rotation: 4-way rotation prediction on every image. exemplar: several views per image, batch-hard triplet loss (soft margin) on L2-normalised embeddings.',
  },
  labelledPercent: labelledPercentParam(10, '1% or 10% of ImageNet'),
  labelledBatch: { kind: 'int', label: 'Labelled images per step', default: 4, min: 1, max: 256, help: 'Drawn from the labelled subset, beside "Batch size" images drawn from all training images (treated as unlabelled).' },
  selfSupWeight: { kind: 'number', label: 'Self-supervised loss weight w', default: 1, min: 0, max: 10, step: 0.1, paper: '1.0 (rotation)' },
  exemplarViews: { kind: 'int', label: 'Exemplar: views per image', default: 4, min: 2, max: 8 },
} as const;

export const s4lSpec = {
  id: 's4l',
  label: 'S4L (rotation / exemplar)',
  paper: {
    title: 'S4L: Self-Supervised Semi-Supervised Learning',
    authors: 'Zhai, Oliver, Kolesnikov, Beyer',
    venue: 'ICCV 2019',
    url: 'https://arxiv.org/abs/1905.03670',
  },
  summary: 'Semi-supervised: cross-entropy on a small labelled fraction plus a self-supervised loss (rotation prediction or exemplar triplets) on every image.',
  needs: 'labelledImages',
  params,
  extraMetrics: ['classLoss', 'selfSupLoss', 'selfSupAccuracy'],
  /** L labelled + N unlabelled images: rotation 4(L + N) (the step probe's two views of 16 images also pass the encoder, a measurement outside the loss, and are not counted); exemplar V(L + N). */
  imagesPerStep: (p: S4lParams) => (p.variant === 'rotation' ? 4 : p.exemplarViews) * (p.labelledBatch + p.batchSize),
  similarityNote: 'rotation: universal probe (two augmented views of one training image vs different images, encoder output h). exemplar: cosine of views of the same image vs of different images (the triplet embedding).',
  testAccuracies: ['class head'],
} as const satisfies MethodSpec;

export type S4lParams = ParamValues<typeof params>;
