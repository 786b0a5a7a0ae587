/**
 * Param groups shared by several methods: optimisation, encoder and augmentation. A method's
 * spec spreads the groups it needs, overrides defaults where its paper differs, and passes its
 * own paper's values (the "paper:" text beside each control): a group carries none of its own, so
 * no method shows another method's paper.
 */
import type { ChoiceParam, NumberParam, ParamSpec } from './params';

type Overrides<G> = { [K in keyof G]?: G[K] extends ChoiceParam ? G[K]['default'] : G[K] extends NumberParam ? number : boolean };

/** What a method's paper uses for each param of a group, as text; params its paper does not state are left out. */
export type PaperValues<G> = { [K in keyof G]?: string };

function withDefaults<G extends Record<string, ParamSpec>>(group: G, overrides: Overrides<G>, paper: PaperValues<G>): G {
  const out = { ...group } as Record<string, ParamSpec>;
  for (const [k, v] of Object.entries(overrides)) {
    if (v !== undefined) out[k] = { ...out[k], default: v } as ParamSpec;
  }
  for (const [k, text] of Object.entries(paper) as [string, string | undefined][]) {
    if (text !== undefined) out[k] = { ...out[k], paper: text } as ParamSpec;
  }
  return out as G;
}

const training = {
  batchSize: { kind: 'int', label: 'Batch size (images)', default: 64, min: 4, max: 512, step: 4, help: 'Images per step; each gives two views.' },
  learningRate: { kind: 'number', label: 'Learning rate', default: 1e-3, min: 1e-5, max: 1, log: true },
  optimizer: { kind: 'choice', label: 'Optimizer', options: ['adam', 'sgd'] as const, default: 'adam' as 'adam' | 'sgd', help: 'SGD uses momentum 0.9.' },
  lrSchedule: {
    kind: 'choice', label: 'Learning-rate schedule', options: ['cosine', 'constant'] as const, default: 'cosine' as 'cosine' | 'constant',
    // Runs and links made before the schedule existed trained at a constant rate.
    absent: 'constant',
    help: 'Cosine: the rate rises linearly from 0 over the warm-up, then falls along a half cosine to 0 at the last step (SimCLR, MoCo v2). Constant: the same rate at every step.',
  },
  warmupPercent: {
    kind: 'number', label: 'Warm-up (% of the steps)', default: 5, min: 0, max: 50, step: 1, absent: 0,
    help: 'With the cosine schedule: the first steps, as a share of the run, over which the rate rises from 0 to the learning rate.',
  },
} as const satisfies Record<string, ParamSpec>;

const encoder = {
  width: { kind: 'int', label: 'Encoder width (channels of the first stage)', default: 8, min: 4, max: 64, step: 4, help: 'ResNet-style: 3 stages of width, 2x and 4x channels; the representation h has 4x width dimensions.' },
  norm: { kind: 'choice', label: 'Normalisation in the encoder', options: ['group', 'none'] as const, default: 'group' as 'group' | 'none', help: 'Group norm uses no batch statistics, so nothing leaks between samples of a batch (this matters for MoCo on one device); how many groups each layer has is the next setting. None: the convolutions get a bias instead.' },
  normGroups: {
    // 64: instance norm in every stage up to width 16. Measured (docs/experiments.md, "Defaults"):
    // SimCLR on shapes 80.9% kNN against 59.1% with 8 groups, at the same speed.
    kind: 'int', label: 'Group norm: groups per layer (at most)', default: 64, min: 1, max: 256, absent: 8,
    help: 'Each layer splits its channels into the largest number of groups up to this that divides them, and normalises each group of each image on its own. 1 is layer norm (one group); at least the channel count is instance norm (every channel alone: a strong prior that ignores each image\'s colour and contrast per channel, which is what colour jitter asks for); 64, the default, is instance norm in every stage up to width 16; 8 (the rule before) at width 8 makes only the first stage instance norm.',
  },
  headHidden: { kind: 'int', label: 'Projection head hidden units', default: 128, min: 16, max: 1024, step: 16 },
  projectionDim: { kind: 'int', label: 'Projection dimension (z)', default: 64, min: 8, max: 256, step: 8 },
} as const satisfies Record<string, ParamSpec>;

const augment = {
  // 0.4, not the papers' 0.08-0.2: at 28-32 px a crop of a fifth of the image often misses the object.
  cropScaleMin: { kind: 'number', label: 'Random resized crop: min area', default: 0.4, min: 0.05, max: 1, step: 0.01 },
  flipProb: { kind: 'number', label: 'Horizontal flip probability', default: 0.5, min: 0, max: 1, step: 0.05 },
  jitterProb: { kind: 'number', label: 'Colour jitter probability', default: 0.8, min: 0, max: 1, step: 0.05 },
  jitterStrength: { kind: 'number', label: 'Colour jitter strength', default: 0.5, min: 0, max: 1.5, step: 0.05, help: 'Brightness, contrast, saturation 0.8s; hue 0.2s.' },
  grayscaleProb: { kind: 'number', label: 'Random grayscale probability', default: 0.2, min: 0, max: 1, step: 0.05 },
  blurProb: { kind: 'number', label: 'Gaussian blur probability', default: 0, min: 0, max: 1, step: 0.05 },
  blurSigmaMax: { kind: 'number', label: 'Gaussian blur: max sigma (px)', default: 1, min: 0.1, max: 2, step: 0.1 },
} as const satisfies Record<string, ParamSpec>;

type Augment = typeof augment;

/** SimCLR's augmentations (Chen et al. 2020, appendix A), for SimCLR and the methods whose papers take them over. */
export const SIMCLR_AUGMENT_PAPER: PaperValues<Augment> = {
  cropScaleMin: '0.08',
  flipProb: '0.5',
  jitterProb: '0.8',
  jitterStrength: '0.5 (CIFAR), 1.0 (ImageNet)',
  grayscaleProb: '0.2',
  blurProb: '0.5 (ImageNet only)',
  blurSigmaMax: '2.0 at 224 px (kernel 10% of the image)',
};

export const trainingParams = (o: Overrides<typeof training> = {}, paper: PaperValues<typeof training> = {}) => withDefaults(training, o, paper);
export const encoderParams = (o: Overrides<typeof encoder> = {}, paper: PaperValues<typeof encoder> = {}) => withDefaults(encoder, o, paper);
export const augmentParams = (o: Overrides<Augment> = {}, paper: PaperValues<Augment> = {}) => withDefaults(augment, o, paper);

export type TrainingParams = { batchSize: number; learningRate: number; optimizer: 'adam' | 'sgd'; lrSchedule: 'cosine' | 'constant'; warmupPercent: number };
export type EncoderParams = { width: number; norm: 'group' | 'none'; normGroups: number; headHidden: number; projectionDim: number };
export type AugmentParams = { [K in keyof typeof augment]: number };

export type ParamSectionId = 'optimisation' | 'encoder' | 'augmentations';

/**
 * Which section of the form each shared param belongs to; the rest are the method's own. The
 * setup panel shows t('setup.sections.<id>'); `title` is the same in English, for scripts and docs.
 */
export const PARAM_SECTIONS: { id: ParamSectionId; title: string; keys: readonly string[] }[] = [
  { id: 'optimisation', title: 'Optimisation', keys: Object.keys(training) },
  { id: 'encoder', title: 'Encoder and head', keys: Object.keys(encoder) },
  { id: 'augmentations', title: 'Augmentations (per view)', keys: Object.keys(augment) },
];
