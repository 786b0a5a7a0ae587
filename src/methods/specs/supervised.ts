import { augmentParams, encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import { UNIVERSAL_PROBE_NOTE, type MethodSpec } from '../spec';

const { width, norm, normGroups } = encoderParams();

/** Shared with S4L: which labelled images a run may use (a fixed, class-stratified subset per percent). */
export const labelledPercentParam = (fallback: number, paper?: string) => ({
  kind: 'number', label: 'Labelled training images (%)', default: fallback, min: 0.1, max: 100, step: 0.1,
  help: 'A fixed class-stratified subset (at least one image per class); the same percent gives the same images in every method.',
  ...(paper && { paper }),
}) as const;

const params = {
  // 1e-2 with the cosine schedule: 99% held-out on shapes, 78% on Fashion-MNIST in 600 steps (3e-3: 98%, 75%;
  // 1e-3 constant: 55% on shapes in 300); docs/experiments.md, 'The learning rate of the context pretexts, SLA + SD and S4L'.
  ...trainingParams({ batchSize: 32, learningRate: 1e-2 }),
  width, norm, normGroups,
  // The self-supervised methods' augmentations, so the comparison is fair: no paper of its own states them.
  ...augmentParams(),
  labelledPercent: labelledPercentParam(100),
} as const;

export const supervisedSpec = {
  id: 'supervised',
  label: 'Supervised (baseline)',
  paper: {
    title: 'Deep Residual Learning for Image Recognition (the ResNet encoder trained with cross-entropy; METHODS.md, baselines)',
    authors: 'He, Zhang, Ren, Sun',
    venue: 'CVPR 2016',
    url: 'https://arxiv.org/abs/1512.03385',
  },
  summary: 'Cross-entropy on labelled images with the same encoder and augmentations as the self-supervised methods: the reference every method is compared against.',
  needs: 'labelledImages',
  params,
  extraMetrics: ['trainAccuracy'],
  // imagesPerStep: the default N labelled images; the step probe's two views of 16 images also pass the encoder, a measurement outside the loss, and are not counted.
  similarityNote: UNIVERSAL_PROBE_NOTE,
  testAccuracies: ['classifier'],
} as const satisfies MethodSpec;

export type SupervisedParams = ParamValues<typeof params>;
