import { encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import type { MethodSpec } from '../spec';

const { width, norm, normGroups } = encoderParams();
const training = trainingParams({ batchSize: 32, learningRate: 1e-3 });

const params = {
  ...training,
  batchSize: { ...training.batchSize, label: 'Batch size (triplets)', help: 'Triplets per step: anchor, positive and negative frames (3 frames each).' },
  width, norm, normGroups,
  variant: {
    kind: 'choice', label: 'Variant', options: ['multi-view', 'single-view'] as const, default: 'multi-view' as 'multi-view' | 'single-view',
    help: 'multi-view: positive = another camera at the same time step (needs synchronised views). single-view: positive = a nearby frame of the same video.',
  },
  embeddingDim: { kind: 'int', label: 'Embedding dimension', default: 32, min: 8, max: 256, step: 8, paper: '32' },
  loss: {
    kind: 'choice', label: 'Loss (multi-view)', options: ['npairs', 'triplet'] as const, default: 'npairs' as 'npairs' | 'triplet',
    // Runs and links made before this param trained the triplet.
    absent: 'triplet', paper: 'triplet (npairs also in the official code)',
    help: 'triplet: max(0, d(a, p) - d(a, n) + margin) per triplet. npairs: a softmax over every positive of the batch and the anchor\'s own negative, the true positive the target (InfoNCE), so each anchor is pushed from many frames at once. Single-view always uses the triplet.',
  },
  temperature: { kind: 'number', label: 'N-pairs temperature', default: 0.1, min: 0.01, max: 1, step: 0.01, help: 'Cosine similarities are divided by this in the N-pairs softmax.' },
  margin: { kind: 'number', label: 'Triplet margin', default: 0.2, min: 0, max: 2, step: 0.05, paper: '0.2', help: 'On squared distances between L2-normalised embeddings.' },
  negativeGap: { kind: 'int', label: 'Multi-view: negative at least this many frames away', default: 4, min: 1, max: 100, help: 'The negative is the anchor\'s own view at another time step.' },
  positiveRadius: { kind: 'int', label: 'Single-view: positive within (frames)', default: 2, min: 1, max: 50, paper: '6 frames at 29 fps' },
  negativeRadius: { kind: 'int', label: 'Single-view: negative beyond (frames)', default: 4, min: 1, max: 100, paper: '12 frames at 29 fps' },
} as const;

export const tcnSpec = {
  id: 'tcn',
  label: 'Time-Contrastive Networks',
  paper: {
    title: 'Time-Contrastive Networks: Self-Supervised Learning from Video',
    authors: 'Sermanet, Lynch, Chebotar, Hsu, Jang, Schaal, Levine',
    venue: 'ICRA 2018',
    url: 'https://arxiv.org/abs/1704.06888',
  },
  summary: 'Frames of the same moment seen by different cameras should embed close; frames of the same camera at other moments far apart (triplet loss). Learns what changes over time, not what the camera sees.',
  needs: 'video',
  params,
  extraMetrics: ['tripletAccuracy', 'activeTriplets'],
  metricUnits: { activeTriplets: 'fraction' },
  /** Anchor, positive and negative of each triplet: 3N. */
  imagesPerStep: (p: TcnParams) => 3 * p.batchSize,
  similarityNote: 'pos: cosine of anchor and positive embeddings (same time, other view; or a nearby frame); neg: anchor and negative (same view, another time).',
  heldOutScores: [
    { name: 'alignment error', better: 'lower', help: 'For each frame of one held-out view, the nearest frame of another view in embedding space: mean |t_nn - t| / length over all pairs of views (0 = perfect alignment).' },
  ],
} as const satisfies MethodSpec;

export type TcnParams = ParamValues<typeof params>;
