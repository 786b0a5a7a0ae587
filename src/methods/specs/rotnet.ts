import { augmentParams, encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import { UNIVERSAL_PROBE_NOTE, type MethodSpec } from '../spec';

const { width, norm, normGroups } = encoderParams();
// The learning rate from a sweep (1e-3 left the head underfit in 600 steps): docs/experiments.md, 'The learning rate of the context pretexts, SLA + SD and S4L'.
const training = trainingParams({ batchSize: 16, learningRate: 1e-2 }, {
  batchSize: '128 images (CIFAR-10), each in all 4 rotations',
  learningRate: '0.1, dropped 5x at epochs 30, 60, 80 (SGD)',
  optimizer: 'SGD, momentum 0.9, weight decay 5e-4',
});

const params = {
  // 16 images x 4 rotations = 64 encoder inputs per step, as many as SimCLR's 32 x 2 views.
  ...training,
  batchSize: { ...training.batchSize, help: 'Images per step; each goes through the encoder in all four rotations.' },
  width, norm, normGroups,
  // The paper trains on its datasets' standard crop and flip (no colour jitter).
  ...augmentParams({ cropScaleMin: 0.5, jitterProb: 0, grayscaleProb: 0 }, {
    flipProb: '0.5 (random crop and flip, CIFAR)',
    jitterProb: '0 (random crops and flips only)',
    grayscaleProb: '0 (random crops and flips only)',
    blurProb: '0 (random crops and flips only)',
  }),
} as const;

export const rotnetSpec = {
  id: 'rotnet',
  label: 'RotNet (rotation prediction)',
  paper: {
    title: 'Unsupervised Representation Learning by Predicting Image Rotations',
    authors: 'Gidaris, Singh, Komodakis',
    venue: 'ICLR 2018',
    url: 'https://arxiv.org/abs/1803.07728',
  },
  summary: 'Every image is shown turned by 0, 90, 180 and 270 degrees; a 4-way head on the encoder says which turn it sees. To tell up from down the encoder has to recognise what is in the picture.',
  needs: 'images',
  family: 'context',
  params,
  extraMetrics: ['rotationAccuracy'],
  metricLabels: { rotationAccuracy: 'rotation accuracy (training batch)' },
  /** Four rotations of each image: 4N (the step probe's two views of 16 images also pass the encoder, a measurement outside the loss, and are not counted). */
  imagesPerStep: (p: RotnetParams) => 4 * p.batchSize,
  similarityNote: UNIVERSAL_PROBE_NOTE,
  heldOutScores: [
    { name: 'rotation accuracy', better: 'higher', help: 'The rotation head on held-out images, each in all four rotations (chance 25%).' },
  ],
} as const satisfies MethodSpec;

export type RotnetParams = ParamValues<typeof params>;
