import { augmentParams, encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import type { MethodSpec } from '../spec';

/** Rows (= columns) of the grid of `patch` px patches at `stride` over a `size` px image. */
export function gridSize(size: number, patch: number, stride: number): number {
  return Math.floor((size - patch) / stride) + 1;
}

// 8 groups, not instance norm: CPC encodes small patches, whose last stage is 2x2 pixels, too
// few for a per-channel mean and variance (instance norm there leaves almost nothing but beta).
const { width, norm, normGroups } = encoderParams({ normGroups: 8 });

const params = {
  // 16 images x 49 patches of 8x8 px: about as many pixels through the encoder as SimCLR's 64 views of 32x32.
  ...trainingParams({ batchSize: 16, learningRate: 1e-3 }),
  width, norm, normGroups,
  ...augmentParams({ cropScaleMin: 0.5, jitterProb: 0, grayscaleProb: 0 }),
  patchSize: { kind: 'int', label: 'Patch size (px)', default: 8, min: 4, max: 32, paper: '64 px on 256 px images' },
  patchStride: { kind: 'int', label: 'Patch stride (px, overlapping when < size)', default: 4, min: 2, max: 32, paper: '32 px (7 x 7 grid)' },
  predictSteps: { kind: 'int', label: 'Rows predicted ahead (K)', default: 3, min: 1, max: 8, paper: 'up to 5 rows' },
  contextDim: { kind: 'int', label: 'Context network channels', default: 64, min: 8, max: 512, step: 8 },
} as const;

export const cpcSpec = {
  id: 'cpc',
  label: 'CPC',
  paper: {
    title: 'Representation Learning with Contrastive Predictive Coding',
    authors: 'van den Oord, Li, Vinyals',
    venue: 'arXiv 1807.03748, 2018',
    url: 'https://arxiv.org/abs/1807.03748',
  },
  summary: 'Each image is cut into an overlapping grid of patches; a context network reading rows top to bottom predicts the encodings of the patches 1..K rows below, scored against every other patch of the batch (InfoNCE).',
  needs: 'images',
  params,
  extraMetrics: ['contrastiveAccuracy'],
  /** N R C patches of R x C grids; without the image size, the N images the patches come from. */
  imagesPerStep: (p: CpcParams, inputSize?: readonly [number, number]) => (inputSize ? gridSize(inputSize[0], p.patchSize, p.patchStride) * gridSize(inputSize[1], p.patchSize, p.patchStride) : 1) * p.batchSize,
  similarityNote: 'pos: cosine of a prediction with the true patch encoding; neg: with every other patch of the batch (other images and other positions).',
} as const satisfies MethodSpec;

export type CpcParams = ParamValues<typeof params>;
