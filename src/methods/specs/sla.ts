import { augmentParams, encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import { UNIVERSAL_PROBE_NOTE, type MethodSpec } from '../spec';

const { width, norm, normGroups } = encoderParams();

const params = {
  // 16 images x 4 rotations = 64 encoder inputs per step, as many as SimCLR's 32 x 2 views.
  // The learning rate from a sweep (1e-3 left the heads underfit in 600 steps): docs/experiments.md, 'The learning rate of the context pretexts, SLA + SD and S4L'.
  ...trainingParams({ batchSize: 16, learningRate: 1e-2 }),
  width, norm, normGroups,
  // The paper trains with its datasets' standard crop + flip (no colour jitter).
  ...augmentParams({ cropScaleMin: 0.5, jitterProb: 0, grayscaleProb: 0 }, {
    flipProb: '0.5',
    jitterProb: '0 (crop and flip only)',
    grayscaleProb: '0 (crop and flip only)',
    blurProb: '0 (crop and flip only)',
  }),
  selfDistillation: { kind: 'bool', label: 'Self-distillation (SD head)', default: true, help: 'A C-way head on the unrotated image learns from the aggregated prediction (KL, teacher detached) plus cross-entropy.' },
  sdTemperature: { kind: 'number', label: 'Distillation temperature T', default: 1, min: 0.5, max: 10, step: 0.5, help: 'KL between softmax(teacher / T) and softmax(student / T), scaled by T^2.' },
} as const;

export const slaSpec = {
  id: 'sla',
  label: 'SLA + SD',
  paper: {
    title: 'Self-supervised Label Augmentation via Input Transformations (arXiv: Rethinking Data Augmentation: Self-Supervision and Self-Distillation)',
    authors: 'Lee, Hwang, Shin',
    venue: 'ICML 2020',
    url: 'https://arxiv.org/abs/1910.05872',
  },
  summary: 'Each labelled image in 4 rotations; one classifier over (class, rotation) pairs; at test time the 4 rotations vote (aggregation) and a distilled head does it in one pass.',
  needs: 'labelledImages',
  params,
  extraMetrics: ['slaLoss', 'sdLoss', 'jointAccuracy'],
  /** Four rotations of each image: 4N (the step probe's two views of 16 images also pass the encoder, a measurement outside the loss, and are not counted). */
  imagesPerStep: (p: SlaParams) => 4 * p.batchSize,
  similarityNote: UNIVERSAL_PROBE_NOTE,
  testAccuracies: ['SLA single', 'SLA aggregated', 'SLA+SD'],
} as const satisfies MethodSpec;

export type SlaParams = ParamValues<typeof params>;
