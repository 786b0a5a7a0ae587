/**
 * Relative patch position (Doersch, Gupta, Efros, ICCV 2015): the 3x3 grid of Jigsaw, with its
 * gaps, jitter and per-tile colour guard (augment/tileGrid.ts); the centre tile and one of its 8
 * neighbours (drawn uniformly) go through the shared encoder, each tile's last map through one
 * shared layer (the paper's per-patch fc6), the two features concatenated (centre first), a
 * two-layer classifier to 8 logits: which neighbour it is. Cross-entropy.
 * Held-out score: 8-way accuracy on the run's held-out images, each with all 8 neighbours (chance 1/8).
 */
import * as tf from '@tensorflow/tfjs';
import { CENTRE_CELL, cutTiles, drawTileCorners, guardTileColour, NEIGHBOURS, tileGrid, GRID_CELLS } from '../augment/tileGrid';
import { augmentView } from '../augment/views';
import { sampleImages } from '../data/samplers';
import { batchAccuracy, softmaxCrossEntropy } from '../losses/classification';
import { Linear } from '../models/linear';
import { createRng } from '../shared/rng';
import { text } from '../shared/text';
import { defineMethod } from './base';
import { firstRows, type StepProbe } from './batches';
import { heldOutTaskAccuracy, heldOutTaskCount } from './heldOutTask';
import { relativePositionSpec } from './specs/relativePosition';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import type { HeldOutScore } from './types';

const HELD_OUT_SEED = 1505;
const PREVIEW_COLUMNS = 8;
/** The catalog keys of the 8 classes (charts.preview.relativePosition.where), in NEIGHBOURS order. */
export const WHERE_KEYS = ['upLeft', 'up', 'upRight', 'left', 'right', 'downLeft', 'down', 'downRight'] as const;

/** N pairs: the augmented images, their centre and neighbour tiles, the neighbour's class, the step probe. */
export interface RelativePositionBatch extends StepProbe {
  /** [N, S, S, 3] the augmented images before cutting. */
  images: tf.Tensor4D;
  /** [2N, t, t, 3]: row 2i is image i's centre tile, row 2i + 1 its neighbour (colour guarded). */
  tiles: tf.Tensor4D;
  /** [N] int32 class 0..7: the neighbour is grid cell NEIGHBOURS[class]. */
  labels: tf.Tensor1D;
  labelValues: Int32Array;
}

/** [2N] the grid cells of each pair: centre, then the neighbour of the class. */
export const pairCells = (labels: Int32Array) => Int32Array.from({ length: 2 * labels.length }, (_, r) => (r % 2 === 0 ? CENTRE_CELL : NEIGHBOURS[labels[r >> 1]]));

export const relativePosition = defineMethod(relativePositionSpec, ({ ctx, params: p, vars, encoder }) => {
  const [height, width] = ctx.inputSize;
  if (height !== width) throw new Error(`Relative position: the 3x3 grid needs square images, got ${height}x${width}`);
  const grid = tileGrid(height, p.gap);
  const mapSide = Math.ceil(Math.ceil(grid.tile / 2) / 2);
  const mapDim = mapSide * mapSide * encoder.outputDim;
  const perTile = new Linear(vars, 'position/tile', mapDim, p.tileDim, ctx.initRng);
  const hidden = new Linear(vars, 'position/hidden', 2 * p.tileDim, p.classifierHidden, ctx.initRng);
  const output = new Linear(vars, 'position/out', p.classifierHidden, NEIGHBOURS.length, ctx.initRng);

  /** tiles [2N, t, t, 3] (centre, neighbour per pair) -> [N, 8] logits. */
  const positionLogits = (tiles: tf.Tensor4D): tf.Tensor2D => {
    const m = tiles.shape[0];
    const f = tf.relu(perTile.apply(encoder.apply(tiles).map.reshape([m, mapDim]) as tf.Tensor2D)); // [2N, tileDim]
    return output.apply(tf.relu(hidden.apply(f.reshape([m / 2, 2 * p.tileDim]) as tf.Tensor2D)));
  };

  // Held-out: every image with all 8 neighbours, one seeded jitter per image, fixed for the run.
  const heldOutCount = heldOutTaskCount(ctx.heldOutImages);
  const heldOutCorners = drawTileCorners(createRng(HELD_OUT_SEED), heldOutCount, grid);
  const allClasses = Int32Array.from(NEIGHBOURS.keys());
  const heldOutScores = async (): Promise<HeldOutScore[]> => {
    const chance = 1 / NEIGHBOURS.length;
    if (!ctx.heldOutImages || heldOutCount === 0) return [{ value: null, chance, detail: text('charts.heldOut.detail.relativePosition.none') }];
    const value = await heldOutTaskAccuracy(ctx.heldOutImages, heldOutCount, NEIGHBOURS.length, NEIGHBOURS.length, (chunk, rows) => tf.tidy(() => {
      const c = chunk.shape[0];
      const corners = Int32Array.from(Array.from(rows).flatMap((r) => Array.from(heldOutCorners.subarray(r * GRID_CELLS * 2, (r + 1) * GRID_CELLS * 2))));
      // Each image's 8 pairs (16 tiles), class by class: logits [8c, 8] -> [c, 64].
      const picks = Int32Array.from(Array.from({ length: c }, () => Array.from(pairCells(allClasses))).flat());
      return positionLogits(cutTiles(chunk, grid, corners, picks, 2 * NEIGHBOURS.length)).reshape([c, NEIGHBOURS.length * NEIGHBOURS.length]) as tf.Tensor2D;
    }), (_i, k) => k);
    return [{ value, chance, detail: text('charts.heldOut.detail.relativePosition.scored', { count: heldOutCount }) }];
  };

  return {
    sampleBatch: (rng): RelativePositionBatch => {
      const { images } = sampleImages(ctx.train, rng, p.batchSize);
      const augmented = augmentView(images, p, rng);
      const n = augmented.shape[0];
      const labelValues = Int32Array.from({ length: n }, () => rng.int(NEIGHBOURS.length));
      const tiles = cutTiles(augmented, grid, drawTileCorners(rng, n, grid), pairCells(labelValues), 2);
      return { images: augmented, tiles: guardTileColour(tiles, rng, p), labels: tf.tensor1d(labelValues, 'int32'), labelValues, probe: sampleProbeViews(ctx.train, rng, p) };
    },
    lossTerms: (b: RelativePositionBatch) => {
      const logits = positionLogits(b.tiles);
      const { posSim, negSim } = probeSimilarity(encoder, b.probe);
      return { loss: softmaxCrossEntropy(logits, b.labels), extras: [posSim, negSim, batchAccuracy(logits, b.labels)] };
    },
    heldOutScores,
    preview: (b: RelativePositionBatch) => {
      const n = Math.min(PREVIEW_COLUMNS, b.labelValues.length);
      const pick = (offset: number) => tf.gather(b.tiles, tf.tensor1d(Int32Array.from({ length: n }, (_, i) => 2 * i + offset), 'int32')) as tf.Tensor4D;
      return [{
        title: text('charts.preview.relativePosition.title', { tile: grid.tile, cell: grid.cell }),
        rows: [
          { caption: text('charts.preview.relativePosition.image'), images: firstRows(b.images, n) },
          { caption: text('charts.preview.relativePosition.centre'), images: pick(0) },
          {
            caption: text('charts.preview.relativePosition.neighbour'), images: pick(1),
            labels: Array.from(b.labelValues.slice(0, n), (k) => text('charts.preview.relativePosition.label', { index: k, where: text(`charts.preview.relativePosition.where.${WHERE_KEYS[k]}`) })),
          },
        ],
      }];
    },
  };
});
