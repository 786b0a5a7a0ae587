import { augmentParams, encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import { UNIVERSAL_PROBE_NOTE, type MethodSpec } from '../spec';
import { gapParam, tileColourParams } from './jigsaw';

const { width, norm, normGroups } = encoderParams();
// The learning rate from a sweep (1e-3 left the head underfit in 600 steps): docs/experiments.md, 'The learning rate of the context pretexts, SLA + SD and S4L'.
const training = trainingParams({ batchSize: 64, learningRate: 1e-2 });

const params = {
  ...training,
  batchSize: { ...training.batchSize, label: 'Batch size (pairs)', help: 'Images per step; each gives its centre tile and one of its 8 neighbours.' },
  width, norm, normGroups,
  // The whole image before it is cut: crop and flip only (colour is guarded per tile).
  ...augmentParams({ cropScaleMin: 0.8, jitterProb: 0, grayscaleProb: 0 }, { jitterProb: '0 (colour handled per patch)' }),
  gap: gapParam('48 px between 96 px patches (half a patch), each patch shifted by up to 7 px'),
  ...tileColourParams({ jitter: 'none: colour projected out or channels dropped instead', gray: 'colour dropping: 2 of 3 channels replaced by noise' }),
  tileDim: { kind: 'int', label: 'Per-tile features', default: 64, min: 8, max: 512, step: 8, paper: '4096 (fc6)', help: "Units of the shared layer on each tile's last feature map." },
  classifierHidden: { kind: 'int', label: 'Classifier hidden units', default: 128, min: 8, max: 1024, step: 8, paper: '4096 (fc7)', help: 'The layer on the concatenated tile features, before the logits.' },
} as const;

export const relativePositionSpec = {
  id: 'relative-position',
  label: 'Relative patch position',
  paper: {
    title: 'Unsupervised Visual Representation Learning by Context Prediction',
    authors: 'Doersch, Gupta, Efros',
    venue: 'ICCV 2015',
    url: 'https://arxiv.org/abs/1505.05192',
  },
  summary: 'The centre tile of a 3 x 3 grid with gaps and one of its 8 neighbours go through one shared encoder; a classifier on their concatenated features says where the neighbour lies (up-left, up, ..., down-right).',
  needs: 'images',
  family: 'context',
  params,
  extraMetrics: ['positionAccuracy'],
  metricLabels: { positionAccuracy: 'position accuracy (training batch)' },
  /** Two tiles per pair (each about a sixteenth of the image's pixels); the step probe's two views of 16 images also pass the encoder, outside the loss, and are not counted. */
  imagesPerStep: (p: RelativePositionParams) => 2 * p.batchSize,
  similarityNote: UNIVERSAL_PROBE_NOTE,
  heldOutScores: [
    { name: 'position accuracy', better: 'higher', help: 'The 8-way classifier on held-out images, each with all 8 neighbours of its centre tile (fixed jitter; chance 1/8).' },
  ],
} as const satisfies MethodSpec;

export type RelativePositionParams = ParamValues<typeof params>;
