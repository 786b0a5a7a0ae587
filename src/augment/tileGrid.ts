/**
 * The 3x3 tile grid of the jigsaw and relative-position pretexts (Noroozi and Favaro 2016;
 * Doersch, Gupta, Efros 2015), on the backend. The image's central square of 3 x 3 cells is cut
 * into cells of `cell` px; each tile is `cell - gap` px, at a random place inside its cell (the
 * jitter), so neighbouring tiles are 0 to 2 gap px apart (gap on average) and out of line by up
 * to gap px: edges and lines cannot be matched across tiles. A per-tile colour guard (colour
 * jitter and random grayscale drawn independently for every tile) keeps colour fringes and
 * colour continuity (chromatic aberration in the papers) from telling where a tile came from.
 * No gradient flows through here.
 */
import * as tf from '@tensorflow/tfjs';
import { applyViewDraws } from './views';
import { drawViewParams } from './params';
import type { Rng } from '../shared/rng';

/** Grid positions 0..8, row-major; 4 is the centre. */
export const GRID_CELLS = 9;
export const CENTRE_CELL = 4;
/** Relative position's 8 classes: the neighbours of the centre in row-major order (class k is cell NEIGHBOURS[k]). */
export const NEIGHBOURS = [0, 1, 2, 3, 5, 6, 7, 8] as const;

export interface TileGrid {
  /** Image side (px). */
  size: number;
  /** Cell side (px): floor(size / 3). */
  cell: number;
  /** Tile side (px): cell - gap. */
  tile: number;
  gap: number;
  /** Top-left of the 3 x 3 cells in the image (the grid is centred). */
  origin: number;
}

/** The grid of square images of `size` px with `gap` px of each cell left out. */
export function tileGrid(size: number, gap: number): TileGrid {
  const cell = Math.floor(size / 3);
  const tile = cell - gap;
  if (tile < 3) throw new Error(`a 3x3 grid of ${size} px images leaves tiles of ${tile} px with a gap of ${gap} px; lower the gap`);
  return { size, cell, tile, gap, origin: Math.floor((size - 3 * cell) / 2) };
}

/** [n * 9 * 2]: each image's 9 tile corners (top, left) in px, each at a random place inside its cell. */
export function drawTileCorners(rng: Rng, n: number, g: TileGrid): Int32Array {
  const out = new Int32Array(n * GRID_CELLS * 2);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < GRID_CELLS; c++) {
      const at = (i * GRID_CELLS + c) * 2;
      out[at] = g.origin + Math.floor(c / 3) * g.cell + rng.int(g.gap + 1);
      out[at + 1] = g.origin + (c % 3) * g.cell + rng.int(g.gap + 1);
    }
  }
  return out;
}

/**
 * images [N, S, S, C], corners from drawTileCorners, picks [N * k] grid cells -> tiles [N * k, t, t, C]:
 * row i * k + j is image i's tile of cell picks[i * k + j]. Exact pixel copies in one gather.
 */
export function cutTiles(images: tf.Tensor4D, g: TileGrid, corners: Int32Array, picks: Int32Array, k: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, ch] = images.shape;
    if (h !== g.size || w !== g.size) throw new Error(`tile grid of ${g.size} px, images of ${h}x${w}`);
    if (picks.length !== n * k) throw new Error(`${picks.length} picks for ${n} images of ${k} tiles`);
    const t = g.tile;
    const index = new Int32Array(n * k * t * t);
    let q = 0;
    for (let r = 0; r < n * k; r++) {
      const image = Math.floor(r / k);
      const at = (image * GRID_CELLS + picks[r]) * 2;
      const [top, left] = [corners[at], corners[at + 1]];
      for (let y = 0; y < t; y++) for (let x = 0; x < t; x++) index[q++] = (image * h + top + y) * w + left + x;
    }
    const pixels = images.reshape([n * h * w, ch]);
    return tf.gather(pixels, tf.tensor1d(index, 'int32')).reshape([n * k, t, t, ch]) as tf.Tensor4D;
  });
}

export interface TileColourGuard {
  /** Probability that a tile gets colour jitter (brightness, contrast, saturation, hue). */
  tileJitterProb: number;
  tileJitterStrength: number;
  /** Probability that a tile is made gray. */
  tileGrayProb: number;
}

/** tiles [M, t, t, 3] -> the same with colour jitter and grayscale drawn for each tile on its own (no crop, flip or blur). */
export function guardTileColour(tiles: tf.Tensor4D, rng: Rng, p: TileColourGuard): tf.Tensor4D {
  if (p.tileJitterProb === 0 && p.tileGrayProb === 0) return tiles.clone();
  const draws = drawViewParams(rng, tiles.shape[0], {
    cropScaleMin: 1, flipProb: 0, blurProb: 0, blurSigmaMax: 1,
    jitterProb: p.tileJitterProb, jitterStrength: p.tileJitterStrength, grayscaleProb: p.tileGrayProb,
  });
  // A crop of scale 1 is the whole tile (drawCropBox falls back to [0, 0, 1, 1]): exact pixels.
  draws.boxes.set(Array.from({ length: tiles.shape[0] }, () => [0, 0, 1, 1]).flat());
  return applyViewDraws(tiles, draws);
}

/** The 8-neighbourhood class of grid cell `cell` (-1 for the centre). */
export const neighbourClass = (cell: number) => NEIGHBOURS.indexOf(cell as (typeof NEIGHBOURS)[number]);

/** tiles [N * 9, t, t, 3] in slot order -> [N, 3t + 2, 3t + 2, 3]: each puzzle's tiles laid out 3 x 3 with 1 px gray lines between (previews). */
export function tileMosaic(tiles: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [m, t, , ch] = tiles.shape;
    const n = m / GRID_CELLS;
    // [N, 3, 3, t, t, C] -> each tile padded below and right by 1 px of gray -> [N, 3, t+1, 3, t+1, C]
    const padded = tf.pad(tiles.reshape([n, 3, 3, t, t, ch]), [[0, 0], [0, 0], [0, 0], [0, 1], [0, 1], [0, 0]], 0.5);
    const laid = padded.transpose([0, 1, 3, 2, 4, 5]).reshape([n, 3 * (t + 1), 3 * (t + 1), ch]);
    return laid.slice([0, 0, 0, 0], [n, 3 * t + 2, 3 * t + 2, ch]) as tf.Tensor4D;
  });
}
