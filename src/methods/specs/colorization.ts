import { encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import { UNIVERSAL_PROBE_NOTE, type MethodSpec } from '../spec';

const { width, norm, normGroups } = encoderParams();
const training = trainingParams({ batchSize: 32, learningRate: 1e-3 });

const params = {
  ...training,
  batchSize: { ...training.batchSize, label: 'Batch size (images)', help: 'Images per step, each shown to the encoder as its lightness L only.' },
  width, norm, normGroups,
  target: {
    kind: 'choice', label: 'Predict ab as', options: ['classes', 'regression'] as const, default: 'classes' as 'classes' | 'regression',
    paper: 'classes (313 ab bins, class rebalancing); regression as the weaker baseline',
    help: 'classes: each pixel picks one of the in-gamut ab bins (cross-entropy, rebalanced). regression: each pixel predicts a and b directly (L2), which drifts to greyish averages.',
  },
  binSize: { kind: 'int', label: 'ab bin size (grid side, ab units)', default: 20, min: 10, max: 40, step: 5, paper: '10 (313 in-gamut bins)', help: 'The in-gamut cells of a square grid over ab in [-110, 110]: side 20 gives about 80 bins.' },
  rebalanceLambda: { kind: 'number', label: 'Class rebalancing: uniform mix lambda', default: 0.5, min: 0, max: 1, step: 0.05, paper: '0.5', help: 'Each bin weighs 1 / ((1 - lambda) p + lambda / Q), p the training set\'s bin frequency smoothed (sigma 5); 1: no rebalancing.' },
  annealTemperature: { kind: 'number', label: 'Annealed mean temperature T', default: 0.38, min: 0.05, max: 1, step: 0.01, paper: '0.38', help: 'The colour shown and scored: the mean ab of softmax(z / T) over the bins (T = 1: the mean, T -> 0: the mode).' },
  decoderHidden: { kind: 'int', label: 'Decoder channels (first upsampling stage)', default: 32, min: 8, max: 256, step: 8, help: 'Two stages of nearest-neighbour upsampling and a 3x3 convolution from the encoder\'s last feature map back to the image; the second has half as many channels.' },
} as const;

export const colorizationSpec = {
  id: 'colorization',
  label: 'Colorization',
  family: 'context',
  paper: {
    title: 'Colorful Image Colorization',
    authors: 'Zhang, Isola, Efros',
    venue: 'ECCV 2016',
    url: 'https://arxiv.org/abs/1603.08511',
  },
  summary: 'The encoder sees only the lightness L of each image (Lab colour space); a decoder predicts the colour ab of every pixel at half resolution, as a class over quantised in-gamut ab bins with rare colours weighted up.',
  needs: 'colorImages',
  params,
  extraMetrics: ['binAccuracy'],
  metricLabels: { binAccuracy: 'ab bin accuracy (training pixels)' },
  similarityNote: UNIVERSAL_PROBE_NOTE,
  heldOutScores: [
    { name: 'bin accuracy', better: 'higher', reference: 'trivial', help: 'Pixels of held-out images whose predicted ab bin (the most likely one) is the true bin; the reference is always predicting the training set\'s most common bin. The detail line gives the mean ab error of the annealed mean beside that of the training set\'s mean ab.' },
  ],
} as const satisfies MethodSpec;

export type ColorizationParams = ParamValues<typeof params>;
