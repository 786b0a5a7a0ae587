import { augmentParams, encoderParams, trainingParams } from '../../shared/paramGroups';
import type { ParamValues } from '../../shared/params';
import { UNIVERSAL_PROBE_NOTE, type MethodSpec } from '../spec';

const { width, norm, normGroups } = encoderParams();
// The learning rate from a sweep (1e-3 left the head underfit in 600 steps): docs/experiments.md, 'The learning rate of the context pretexts, SLA + SD and S4L'.
const training = trainingParams({ batchSize: 32, learningRate: 6e-3 }, { batchSize: '256 puzzles (SGD, learning rate 0.01)' });

/** The per-tile colour guard (augment/tileGrid.ts), shared by Jigsaw and relative position. */
export const tileColourParams = (paper: { jitter: string; gray: string }) => ({
  tileJitterProb: { kind: 'number', label: 'Per-tile colour jitter probability', default: 0.8, min: 0, max: 1, step: 0.05, paper: paper.jitter, help: 'Each tile gets its own brightness, contrast, saturation and hue, so colour cannot be matched from tile to tile.' },
  tileJitterStrength: { kind: 'number', label: 'Per-tile colour jitter strength', default: 0.5, min: 0, max: 1.5, step: 0.05 },
  tileGrayProb: { kind: 'number', label: 'Per-tile grayscale probability', default: 0.3, min: 0, max: 1, step: 0.05, paper: paper.gray, help: 'Each tile is made gray on its own with this probability: colour fringes (chromatic aberration) that point to the image centre are gone from it.' },
} as const);

/** The grid gap (augment/tileGrid.ts), shared by Jigsaw and relative position. */
export const gapParam = (paper: string) => ({
  kind: 'int', label: 'Gap: px of each grid cell the tile leaves out', default: 2, min: 0, max: 6, paper,
  help: 'The image is cut into 3 x 3 cells; each tile is the cell minus this many px, at a random place inside its cell (the jitter), so neighbouring tiles are 0 to twice this apart and out of line: edges cannot be matched. 32 px images: 10 px cells, 8 px tiles.',
} as const);

const params = {
  ...training,
  batchSize: { ...training.batchSize, label: 'Batch size (puzzles)', help: 'Images per step; each is cut into 9 tiles, shuffled by one of the P permutations.' },
  width, norm, normGroups,
  // The whole image before it is cut: crop and flip only (colour is guarded per tile).
  ...augmentParams({ cropScaleMin: 0.8, jitterProb: 0, grayscaleProb: 0 }, {
    cropScaleMin: '225 px crops of 256 px images',
    jitterProb: '0 (colour handled per tile)',
  }),
  permutations: { kind: 'int', label: 'Permutations P (classes)', default: 32, min: 2, max: 1000, paper: '1000 (of 9! = 362880)', help: 'A fixed set, chosen greedily so that any two permutations differ in as many tile places as possible (maximal Hamming distance).' },
  gap: gapParam('11 px: 64 px tiles at random places in 75 px cells'),
  ...tileColourParams({ jitter: 'each tile normalised (mean, std) on its own', gray: 'grayscale images, colour channels shifted by up to 2 px' }),
  tileDim: { kind: 'int', label: 'Per-tile features', default: 64, min: 8, max: 512, step: 8, paper: '512 (fc6)', help: "Units of the shared layer on each tile's last feature map." },
  classifierHidden: { kind: 'int', label: 'Classifier hidden units', default: 128, min: 8, max: 1024, step: 8, paper: '4096 (fc7)', help: 'The layer on the concatenated tile features, before the logits.' },
} as const;

export const jigsawSpec = {
  id: 'jigsaw',
  label: 'Jigsaw puzzles',
  paper: {
    title: 'Unsupervised Learning of Visual Representations by Solving Jigsaw Puzzles',
    authors: 'Noroozi, Favaro',
    venue: 'ECCV 2016',
    url: 'https://arxiv.org/abs/1603.09246',
  },
  summary: 'Each image is cut into a 3 x 3 grid of tiles with gaps, and the tiles are shuffled by one of P fixed permutations; one shared encoder reads every tile and a classifier on their features says which permutation it was.',
  needs: 'images',
  family: 'context',
  params,
  extraMetrics: ['puzzleAccuracy'],
  metricLabels: { puzzleAccuracy: 'permutation accuracy (training batch)' },
  /** Nine tiles per puzzle (each tile is about a sixteenth of the image's pixels); the step probe's two views of 16 images also pass the encoder, outside the loss, and are not counted. */
  imagesPerStep: (p: JigsawParams) => 9 * p.batchSize,
  similarityNote: UNIVERSAL_PROBE_NOTE,
  heldOutScores: [
    { name: 'permutation accuracy', better: 'higher', help: 'The permutation classifier on puzzles of held-out images (one fixed permutation and jitter each, the P permutations in turn; chance 1/P).' },
  ],
} as const satisfies MethodSpec;

export type JigsawParams = ParamValues<typeof params>;
