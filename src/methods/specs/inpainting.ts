import { encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import { UNIVERSAL_PROBE_NOTE, type MethodSpec } from '../spec';

const { width, norm, normGroups } = encoderParams();
// The learning rate from a sweep (1e-3 left the head underfit in 600 steps): docs/experiments.md, 'The learning rate of the context pretexts, SLA + SD and S4L'.
const training = trainingParams({ batchSize: 32, learningRate: 6e-3 });

const params = {
  ...training,
  batchSize: { ...training.batchSize, label: 'Batch size (images)', help: 'Images per step, each with one hole to fill.' },
  width, norm, normGroups,
  maskShape: {
    kind: 'choice', label: 'Region removed', options: ['central', 'random'] as const, default: 'central' as 'central' | 'random',
    paper: 'central square (random blocks and random regions as variants)',
    help: 'central: the same centred square in every image. random: a square of the same size at a random place in each image.',
  },
  maskSize: { kind: 'number', label: 'Hole side (fraction of the image side)', default: 0.5, min: 0.125, max: 0.75, step: 0.125, paper: '0.5 (64 of 128 px)', help: 'The hole is filled with the training set\'s mean colour before the encoder sees the image.' },
  overlapPx: {
    kind: 'int', label: 'Context band in the loss (px around the hole)', default: 0, min: 0, max: 8,
    paper: '4 px at 128 px, weight 10',
    help: 'A band of visible pixels around the hole that the loss also counts, weighted by the next setting (the paper predicts a slightly larger region than the hole so the fill joins its border). 0: the loss is on the hole only.',
  },
  overlapWeight: { kind: 'number', label: 'Weight of the context band', default: 10, min: 1, max: 20, step: 1, paper: '10' },
  decoderHidden: { kind: 'int', label: 'Decoder channels (first upsampling stage)', default: 32, min: 8, max: 256, step: 8, help: 'Two stages of nearest-neighbour upsampling and a 3x3 convolution from the encoder\'s last feature map back to the image; the second has half as many channels.' },
} as const;

export const inpaintingSpec = {
  id: 'inpainting',
  label: 'Context encoder (inpainting)',
  family: 'context',
  paper: {
    title: 'Context Encoders: Feature Learning by Inpainting',
    authors: 'Pathak, Krähenbühl, Donahue, Darrell, Efros',
    venue: 'CVPR 2016',
    url: 'https://arxiv.org/abs/1604.07379',
  },
  summary: 'A square of each image is filled with the mean colour; the encoder reads the rest and a small decoder paints the missing square back; L2 loss on the hole only. (The paper\'s adversarial term is not included.)',
  needs: 'images',
  params,
  extraMetrics: ['holeLoss', 'contextLoss'],
  metricLabels: { holeLoss: 'hole MSE', contextLoss: 'MSE outside the hole (not trained)' },
  similarityNote: UNIVERSAL_PROBE_NOTE,
  heldOutScores: [
    { name: 'hole MSE', better: 'lower', unit: 'value', reference: 'trivial', help: 'Mean squared error (pixels in [0, 1]) in the hole of held-out images; the reference is the training set\'s mean image (the mean colour of each pixel) as the prediction.' },
  ],
} as const satisfies MethodSpec;

export type InpaintingParams = ParamValues<typeof params>;
