/**
 * "Colour shapes": a procedural dataset generated from a seed. The class is the shape; colour,
 * size, position and the background (a two-colour gradient with noise) are nuisances a good
 * representation should ignore. 32x32 RGB, rendered with 2x2 supersampling, no DOM.
 */
import { text } from '../shared/text';
import { createRng, type Rng } from '../shared/rng';
import type { ImageDataset, ImageSplit } from './dataset';

export const SHAPE_CLASSES = ['circle', 'square', 'triangle', 'cross', 'ring', 'star'] as const;
export const SHAPES_SIZE = 32;

export type Inside = (u: number, v: number) => boolean;

const TRIANGLE_NORMALS = [-90, 30, 150].map((deg) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)]);

/** Membership in a unit-size shape centred at 0 (u right, v down). */
export const SHAPE_INSIDE: Record<(typeof SHAPE_CLASSES)[number], Inside> = {
  circle: (u, v) => u * u + v * v <= 0.85,
  square: (u, v) => Math.abs(u) <= 0.78 && Math.abs(v) <= 0.78,
  triangle: (u, v) => TRIANGLE_NORMALS.every(([nx, ny]) => u * nx + v * ny <= 0.5),
  cross: (u, v) => (Math.abs(u) <= 0.3 && Math.abs(v) <= 0.95) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 0.95),
  ring: (u, v) => {
    const r2 = u * u + v * v;
    return r2 <= 1 && r2 >= 0.36;
  },
  star: (u, v) => {
    const r = Math.hypot(u, v);
    const sector = (2 * Math.PI) / 5;
    let a = (Math.atan2(v, u) + Math.PI / 2) % sector;
    if (a < 0) a += sector;
    const t = Math.abs(a - sector / 2) / (sector / 2); // 1 at a point, 0 between points
    return r <= 0.42 + 0.58 * t;
  },
};

export function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  const i = Math.floor(h * 6), f = h * 6 - i;
  const p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
  const table: [number, number, number][] = [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]];
  return table[((i % 6) + 6) % 6];
}

export const luma = (c: number[]) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];

/**
 * How the nuisances are drawn. Chosen (issue 18, docs/experiments.md "The shapes dataset") so
 * the class is what the augmentations keep and the nuisances what they vary: colours (colour
 * jitter, grayscale), position and size (random resized crop). Shapes are upright: rotation is
 * not an augmentation, so a rotated square is not the same image to SimCLR (the first version
 * rotated freely and drew radii 0.22-0.42: supervised reached 55% in 300 steps, SimCLR 45%).
 * Radii of 0.25-0.4 of the side keep raw-pixel kNN near 37% while crops keep most of the shape.
 */
export const SHAPES_STYLE = { radius: [0.25, 0.4], noise: [0, 0.06] } as const;

/** Renders one size x size RGB image of `shape` into out with nuisances drawn from rng. */
export function renderShape(shape: number, rng: Rng, out: Uint8Array, size = SHAPES_SIZE, style = SHAPES_STYLE): void {
  const inside = SHAPE_INSIDE[SHAPE_CLASSES[shape]];
  const bgA = hsvToRgb(rng.next(), rng.uniform(0.1, 0.8), rng.uniform(0.15, 0.95));
  const bgB = hsvToRgb(rng.next(), rng.uniform(0.1, 0.8), rng.uniform(0.15, 0.95));
  const bgLuma = (luma(bgA) + luma(bgB)) / 2;
  let fg = hsvToRgb(rng.next(), rng.uniform(0.4, 1), rng.uniform(0.3, 1));
  for (let tries = 0; tries < 8 && Math.abs(luma(fg) - bgLuma) < 0.25; tries++) {
    fg = hsvToRgb(rng.next(), rng.uniform(0.4, 1), rng.uniform(0.2, 1));
  }
  const gradAngle = rng.uniform(0, 2 * Math.PI);
  const gx = Math.cos(gradAngle), gy = Math.sin(gradAngle);
  const radius = rng.uniform(style.radius[0], style.radius[1]) * size;
  const cx = rng.uniform(radius, size - radius);
  const cy = rng.uniform(radius, size - radius);
  const noise = rng.uniform(style.noise[0], style.noise[1]);

  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let cover = 0;
      for (let sy = 0; sy < 2; sy++) {
        for (let sx = 0; sx < 2; sx++) {
          const dx = (x + 0.25 + 0.5 * sx - cx) / radius;
          const dy = (y + 0.25 + 0.5 * sy - cy) / radius;
          if (inside(dx, dy)) cover++;
        }
      }
      const t = 0.5 + 0.5 * ((x / size - 0.5) * gx + (y / size - 0.5) * gy);
      const n = (rng.next() - 0.5) * 2 * noise;
      const a = cover / 4;
      const o = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        const bg = bgA[c] * (1 - t) + bgB[c] * t + n;
        const value = bg * (1 - a) + fg[c] * a;
        out[o + c] = Math.max(0, Math.min(255, Math.round(value * 255)));
      }
    }
  }
}

/** count images, classes balanced and interleaved (image i has class i mod 6). */
export function generateShapesSplit(seed: number, count: number, size = SHAPES_SIZE): ImageSplit {
  const rng = createRng(seed);
  const bytes = size * size * 3;
  const images = new Uint8Array(count * bytes);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const shape = i % SHAPE_CLASSES.length;
    labels[i] = shape;
    renderShape(shape, rng, images.subarray(i * bytes, (i + 1) * bytes), size);
  }
  return { images, labels, count };
}

export const SHAPES_SEED = 20200;

/** The built-in dataset; smaller sizes and counts serve tests, which run on tfjs's slow cpu backend. */
export function generateShapesDataset(trainCount = 6000, testCount = 1200, seed = SHAPES_SEED, size = SHAPES_SIZE): ImageDataset {
  return {
    kind: 'images',
    id: 'shapes',
    name: 'Colour shapes',
    height: size,
    width: size,
    channels: 3,
    classNames: [...SHAPE_CLASSES],
    // Different seeds for the two splits: no test image is a train image.
    train: generateShapesSplit(seed, trainCount, size),
    test: generateShapesSplit(seed + 1, testCount, size),
    source: text('data.sources.shapes', { seed }),
  };
}
