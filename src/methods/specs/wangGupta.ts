import { encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import type { MethodSpec } from '../spec';

const { width, norm, normGroups, projectionDim } = encoderParams();
const training = trainingParams({ batchSize: 16, learningRate: 1e-3 });

const params = {
  ...training,
  batchSize: { ...training.batchSize, label: 'Batch size (tracks)', help: 'Tracks per step: the first and last patch of each, plus negatives from other videos.' },
  width, norm, normGroups, projectionDim,
  margin: { kind: 'number', label: 'Ranking margin M', default: 0.5, min: 0, max: 2, step: 0.05, paper: '0.5 (official code: 1)', help: 'max(0, D(x, x+) - D(x, x-) + M) with D = 1 - cosine.' },
  hardNegatives: { kind: 'int', label: 'Hard negatives per track', default: 2, min: 0, max: 16, paper: '2 of 4 (half hard)', help: 'The patches of other videos in the batch most similar to the first patch, chosen outside the gradient.' },
  randomNegatives: { kind: 'int', label: 'Random negatives per track', default: 2, min: 0, max: 16, paper: '2 of 4' },
  patchSize: { kind: 'int', label: 'Tracked patch size (px)', default: 16, min: 6, max: 64, paper: '227 px crops of a tracked box' },
  trackLength: { kind: 'int', label: 'Track length (frames)', default: 30, min: 2, max: 200, paper: '30 frames', help: 'Shorter clips are tracked over their whole length.' },
  searchRadius: { kind: 'int', label: 'Tracker search radius (px per frame)', default: 4, min: 1, max: 16 },
  minNcc: { kind: 'number', label: 'Tracker: lost below this correlation', default: 0.5, min: -1, max: 1, step: 0.05, help: 'Normalised cross-correlation of the patch with the previous frame\'s; a track that falls below it is dropped.' },
  tracksPerClip: { kind: 'int', label: 'Tracks started per video', default: 4, min: 1, max: 32 },
} as const;

export const wangGuptaSpec = {
  id: 'wang-gupta',
  label: 'Wang & Gupta tracking + ranking',
  paper: {
    title: 'Unsupervised Learning of Visual Representations using Videos',
    authors: 'Wang, Gupta',
    venue: 'ICCV 2015',
    url: 'https://arxiv.org/abs/1505.00687',
  },
  summary: 'Moving patches found by frame differencing are tracked through the video; the first and last patch of a track should embed closer to each other than to patches of other videos (ranking loss, hard negatives).',
  needs: 'video',
  params,
  extraMetrics: ['rankingAccuracy'],
  /** First and last patch of each track plus R random other-video patches per track: 2N + N R. */
  imagesPerStep: (p: WangGuptaParams) => (2 + p.randomNegatives) * p.batchSize,
  similarityNote: 'pos: cosine of the first and last patch of a track; neg: the first patch and the chosen (hard and random) patches of other videos.',
  heldOutScores: [
    { name: 'ranking accuracy', better: 'higher', help: 'Held-out videos\' tracks: how often the last patch of a track is nearer its first patch than a patch of another held-out video is (chance 50%).' },
  ],
} as const satisfies MethodSpec;

export type WangGuptaParams = ParamValues<typeof params>;
