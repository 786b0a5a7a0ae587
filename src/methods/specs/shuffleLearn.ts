import { encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import type { MethodSpec } from '../spec';

const { width, norm, normGroups } = encoderParams();
const training = trainingParams({ batchSize: 16, learningRate: 1e-3 });

const params = {
  ...training,
  batchSize: { ...training.batchSize, label: 'Batch size (tuples)', help: 'Tuples per step, three frames each.' },
  width, norm, normGroups,
  positiveFraction: { kind: 'number', label: 'Fraction of in-order tuples', default: 0.5, min: 0.05, max: 0.95, step: 0.05, paper: '25%' },
  window: { kind: 'int', label: 'Window a..e spans at most (frames)', default: 15, min: 5, max: 200, help: 'Five frames a<b<c<d<e are drawn inside one window.' },
  motionQuantile: { kind: 'number', label: 'Motion filter: windows above this quantile', default: 0.5, min: 0, max: 0.95, step: 0.05, help: 'Only windows whose frame-difference motion is in the top part are sampled; static frames cannot be ordered.' },
  minGap: {
    kind: 'int', label: 'Negatives: the odd frame at least this many frames outside b..d', default: 1, min: 1, max: 20,
    paper: 'tau_min = min(|a - b|, |d - e|) = 15 frames (30 fps)',
    help: 'b - a and e - d are at least this: a smaller gap makes a negative\'s odd frame nearly the same image as b or d. The window must hold 5 + 2 (gap - 1) frames.',
  },
  frameFeatures: {
    kind: 'choice', label: 'Classifier reads', options: ['map', 'h'] as const, default: 'map' as 'map' | 'h',
    // Runs and links made before this param read h.
    absent: 'h',
    help: 'map: each frame\'s last feature map (before the encoder pools it), through one shared layer, as the paper\'s fc7 keeps where things are. h: the pooled representation, which hardly changes as a shape moves over a fixed background, so the order is all but invisible in it.',
  },
  frameDim: { kind: 'int', label: 'Per-frame features (map)', default: 64, min: 8, max: 512, step: 8, help: 'Units of the shared layer on each frame\'s map (with "Classifier reads: map").' },
  tupleNorm: {
    kind: 'choice', label: 'Before the classifier', options: ['center', 'none'] as const, default: 'center' as 'center' | 'none',
    absent: 'none',
    help: 'center: subtract the mean of the tuple\'s three feature vectors from each and scale the tuple to unit RMS, so the classifier sees how the frames differ, not what they share. none: the raw concatenation.',
  },
  classifierHidden: { kind: 'int', label: 'Classifier hidden units', default: 64, min: 8, max: 512, step: 8 },
} as const;

export const shuffleLearnSpec = {
  id: 'shuffle-learn',
  label: 'Shuffle and Learn',
  paper: {
    title: 'Shuffle and Learn: Unsupervised Learning using Temporal Order Verification',
    authors: 'Misra, Zitnick, Hebert',
    venue: 'ECCV 2016',
    url: 'https://arxiv.org/abs/1603.08561',
  },
  summary: 'Three frames of a high-motion window go through one shared encoder; a classifier on their concatenated features says whether they are in temporal order (b,c,d or d,c,b) or not (b,a,d or b,e,d).',
  needs: 'video',
  params,
  extraMetrics: ['orderAccuracy'],
  /** Three frames per tuple: 3N (the step probe's two views of 16 images also pass the encoder, a measurement outside the loss, and are not counted). */
  imagesPerStep: (p: ShuffleLearnParams) => 3 * p.batchSize,
  similarityNote: 'Universal probe: two augmented views of the same training frame (pos) against different frames (neg), on the encoder output h.',
  heldOutScores: [
    { name: 'order accuracy', better: 'higher', help: 'Order verification on tuples from the held-out videos, half of them in order (chance 50%).' },
  ],
} as const satisfies MethodSpec;

export type ShuffleLearnParams = ParamValues<typeof params>;
