/**
 * Jigsaw puzzles (Noroozi and Favaro, ECCV 2016): each image is cut into a 3 x 3 grid of tiles
 * with gaps and per-tile jitter (augment/tileGrid.ts), the tiles are put in the order of one of P
 * permutations (a fixed maximal-Hamming-distance set, augment/permutations.ts), the shared
 * encoder reads every tile, each tile's last feature map goes through one shared layer (the
 * paper's per-tile fc6 on pool5), the nine features are concatenated in slot order and a
 * two-layer classifier gives P logits; cross-entropy against the permutation's index.
 * Shortcut guards: gaps and jitter (edges), per-tile colour jitter and grayscale (colour).
 * Tiles are 8 px on 32 px images; the encoder is convolutional with a global pool, so it reads
 * them as they are (no upsampling: CPC's patches are as small). The representation kNN and the
 * linear probe use is the encoder's h of the whole image.
 * Held-out score: permutation accuracy on the run's held-out images (chance 1/P).
 */
import * as tf from '@tensorflow/tfjs';
import { maximalHammingSet, PUZZLE_TILES } from '../augment/permutations';
import { cutTiles, drawTileCorners, guardTileColour, tileGrid, tileMosaic, GRID_CELLS } from '../augment/tileGrid';
import { augmentView } from '../augment/views';
import { sampleImages } from '../data/samplers';
import { batchAccuracy, softmaxCrossEntropy } from '../losses/classification';
import { Linear } from '../models/linear';
import { createRng } from '../shared/rng';
import { text } from '../shared/text';
import { defineMethod } from './base';
import { firstRows, type StepProbe } from './batches';
import { heldOutTaskAccuracy, heldOutTaskCount } from './heldOutTask';
import { jigsawSpec } from './specs/jigsaw';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import type { HeldOutScore } from './types';

/** The permutation set's seed: one fixed set, the same for every run (part of the task, as in the paper). */
export const PERMUTATION_SEED = 2016;
const HELD_OUT_SEED = 1609;
const PREVIEW_COLUMNS = 8;

/** N puzzles: the augmented images, their tiles in slot order, the permutation index of each, the step probe. */
export interface JigsawBatch extends StepProbe {
  /** [N, S, S, 3] the augmented images before cutting. */
  images: tf.Tensor4D;
  /** [9N, t, t, 3]: row 9i + j is slot j of puzzle i, the tile of grid cell perm[j] (colour guarded). */
  tiles: tf.Tensor4D;
  /** [N] int32 permutation index. */
  labels: tf.Tensor1D;
  /** JS copy of the labels (preview captions). */
  labelValues: Int32Array;
}

/** [N * 9] the grid cell shown in each slot of each puzzle. */
export const slotCells = (set: readonly (readonly number[])[], labels: Int32Array) => Int32Array.from({ length: labels.length * PUZZLE_TILES }, (_, r) => set[labels[Math.floor(r / PUZZLE_TILES)]][r % PUZZLE_TILES]);

export const jigsaw = defineMethod(jigsawSpec, ({ ctx, params: p, vars, encoder }) => {
  const [height, width] = ctx.inputSize;
  if (height !== width) throw new Error(`Jigsaw: the 3x3 grid needs square images, got ${height}x${width}`);
  const grid = tileGrid(height, p.gap);
  const set = maximalHammingSet(p.permutations, PERMUTATION_SEED);
  const mapSide = Math.ceil(Math.ceil(grid.tile / 2) / 2);
  const mapDim = mapSide * mapSide * encoder.outputDim;
  const perTile = new Linear(vars, 'jigsaw/tile', mapDim, p.tileDim, ctx.initRng);
  const hidden = new Linear(vars, 'jigsaw/hidden', GRID_CELLS * p.tileDim, p.classifierHidden, ctx.initRng);
  const output = new Linear(vars, 'jigsaw/out', p.classifierHidden, p.permutations, ctx.initRng);

  /** tiles [9N, t, t, 3] in slot order -> [N, P] logits. */
  const puzzleLogits = (tiles: tf.Tensor4D): tf.Tensor2D => {
    const m = tiles.shape[0];
    const f = tf.relu(perTile.apply(encoder.apply(tiles).map.reshape([m, mapDim]) as tf.Tensor2D)); // [9N, tileDim]
    const joined = f.reshape([m / GRID_CELLS, GRID_CELLS * p.tileDim]) as tf.Tensor2D;            // slots concatenated in order
    return output.apply(tf.relu(hidden.apply(joined)));
  };

  // Held-out puzzles: image i gets permutation i mod P and one seeded jitter, fixed for the run.
  const heldOutCount = heldOutTaskCount(ctx.heldOutImages);
  const heldOutCorners = drawTileCorners(createRng(HELD_OUT_SEED), heldOutCount, grid);
  const heldOutLabel = (i: number) => i % p.permutations;
  const heldOutScores = async (): Promise<HeldOutScore[]> => {
    const chance = 1 / p.permutations;
    if (!ctx.heldOutImages || heldOutCount === 0) return [{ value: null, chance, detail: text('charts.heldOut.detail.jigsaw.none') }];
    const value = await heldOutTaskAccuracy(ctx.heldOutImages, heldOutCount, 1, p.permutations, (chunk, rows) => tf.tidy(() => {
      const corners = Int32Array.from(Array.from(rows).flatMap((r) => Array.from(heldOutCorners.subarray(r * GRID_CELLS * 2, (r + 1) * GRID_CELLS * 2))));
      const labels = Int32Array.from(rows, heldOutLabel);
      return puzzleLogits(cutTiles(chunk, grid, corners, slotCells(set, labels), GRID_CELLS));
    }), (i) => heldOutLabel(i));
    return [{ value, chance, detail: text('charts.heldOut.detail.jigsaw.scored', { count: heldOutCount, permutations: p.permutations }) }];
  };

  return {
    sampleBatch: (rng): JigsawBatch => {
      const { images } = sampleImages(ctx.train, rng, p.batchSize);
      const augmented = augmentView(images, p, rng);
      const n = augmented.shape[0];
      const labelValues = Int32Array.from({ length: n }, () => rng.int(p.permutations));
      const tiles = cutTiles(augmented, grid, drawTileCorners(rng, n, grid), slotCells(set, labelValues), GRID_CELLS);
      return {
        images: augmented,
        tiles: guardTileColour(tiles, rng, p),
        labels: tf.tensor1d(labelValues, 'int32'),
        labelValues,
        probe: sampleProbeViews(ctx.train, rng, p),
      };
    },
    lossTerms: (b: JigsawBatch) => {
      const logits = puzzleLogits(b.tiles);
      const { posSim, negSim } = probeSimilarity(encoder, b.probe);
      return { loss: softmaxCrossEntropy(logits, b.labels), extras: [posSim, negSim, batchAccuracy(logits, b.labels)] };
    },
    heldOutScores,
    preview: (b: JigsawBatch) => {
      const n = Math.min(PREVIEW_COLUMNS, b.labelValues.length);
      const tiles = b.tiles.slice([0, 0, 0, 0], [n * GRID_CELLS, -1, -1, -1]);
      // Back in their grid cells: slot j of puzzle i holds cell perm[j], so cell c is slot perm^-1[c].
      const inverse = Int32Array.from({ length: n * GRID_CELLS }, (_, r) => {
        const i = Math.floor(r / GRID_CELLS);
        return i * GRID_CELLS + set[b.labelValues[i]].indexOf(r % GRID_CELLS);
      });
      const labels = Array.from(b.labelValues.slice(0, n), (k) => text('charts.preview.jigsaw.label', { index: k, order: set[k].join('') }));
      return [{
        title: text('charts.preview.jigsaw.title', { permutations: p.permutations, tile: grid.tile, cell: grid.cell }),
        rows: [
          { caption: text('charts.preview.jigsaw.image'), images: firstRows(b.images, n) },
          { caption: text('charts.preview.jigsaw.inPlace'), images: tileMosaic(tf.gather(tiles, tf.tensor1d(inverse, 'int32')) as tf.Tensor4D) },
          { caption: text('charts.preview.jigsaw.shuffled'), images: tileMosaic(tiles), labels },
        ],
      }];
    },
  };
});
