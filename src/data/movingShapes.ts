/**
 * "Moving shapes": procedural videos for the video methods. Each clip is one sprite (its class is
 * the shape) moving in a straight line, bouncing off the borders and turning, over a static
 * textured background (stripes or checks in two colours, plus noise). Speeds vary from clip to
 * clip. No DOM: generated in the worker and in Node alike.
 */
import { text } from '../shared/text';
import { createRng, type Rng } from '../shared/rng';
import type { VideoClip, VideoDataset } from './dataset';
import { hsvToRgb, luma, SHAPE_CLASSES, SHAPE_INSIDE } from './shapes';

export const MOVING_SHAPES_DEFAULTS = { size: 32, fps: 10, framesPerClip: 40, clipsPerClass: 10, seed: 31337 };

export interface SpriteMotion {
  /** Centre in pixels at frame 0, velocity in pixels per frame. */
  x: number; y: number; vx: number; vy: number;
  radius: number;
  angle: number;
  /** Radians per frame. */
  spin: number;
}

/** Position of a sprite at each frame: straight lines reflected at the borders. */
export function spriteTrack(m: SpriteMotion, frames: number, size: number): { x: number; y: number; angle: number }[] {
  const out: { x: number; y: number; angle: number }[] = [];
  let { x, y, vx, vy } = m;
  const lo = m.radius, hi = size - m.radius;
  for (let t = 0; t < frames; t++) {
    out.push({ x, y, angle: m.angle + m.spin * t });
    x += vx; y += vy;
    if (x < lo) { x = 2 * lo - x; vx = -vx; }
    if (x > hi) { x = 2 * hi - x; vx = -vx; }
    if (y < lo) { y = 2 * lo - y; vy = -vy; }
    if (y > hi) { y = 2 * hi - y; vy = -vy; }
  }
  return out;
}

/** A static background: stripes or checks between two colours, with per-pixel noise. [size*size*3] in [0, 1]. */
function texturedBackground(rng: Rng, size: number): Float32Array {
  const a = hsvToRgb(rng.next(), rng.uniform(0.1, 0.7), rng.uniform(0.2, 0.9));
  const b = hsvToRgb(rng.next(), rng.uniform(0.1, 0.7), rng.uniform(0.2, 0.9));
  const checks = rng.next() < 0.5;
  const period = rng.uniform(4, 12);
  const theta = rng.uniform(0, Math.PI);
  const c = Math.cos(theta), s = Math.sin(theta);
  const noise = rng.uniform(0.02, 0.08);
  const out = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x * c + y * s) / period, v = (-x * s + y * c) / period;
      const t = checks ? ((Math.floor(u) + Math.floor(v)) & 1) : 0.5 + 0.5 * Math.sin(2 * Math.PI * u);
      const n = (rng.next() - 0.5) * 2 * noise;
      for (let k = 0; k < 3; k++) out[(y * size + x) * 3 + k] = a[k] * (1 - t) + b[k] * t + n;
    }
  }
  return out;
}

/** One clip of `shape`: [frames*size*size*3] bytes, nuisances and motion drawn from rng. */
export function renderMovingClip(shape: number, rng: Rng, frames: number, size: number): { frames: Uint8Array; motion: SpriteMotion } {
  const inside = SHAPE_INSIDE[SHAPE_CLASSES[shape]];
  const bg = texturedBackground(rng, size);
  let bgLuma = 0;
  for (let i = 0; i < size * size; i++) bgLuma += luma([bg[i * 3], bg[i * 3 + 1], bg[i * 3 + 2]]);
  bgLuma /= size * size;
  let fg = hsvToRgb(rng.next(), rng.uniform(0.5, 1), rng.uniform(0.3, 1));
  for (let tries = 0; tries < 8 && Math.abs(luma(fg) - bgLuma) < 0.3; tries++) fg = hsvToRgb(rng.next(), rng.uniform(0.5, 1), rng.uniform(0.2, 1));
  const radius = rng.uniform(0.18, 0.3) * size;
  const speed = rng.uniform(0.4, 2.0);
  const heading = rng.uniform(0, 2 * Math.PI);
  const motion: SpriteMotion = {
    x: rng.uniform(radius, size - radius), y: rng.uniform(radius, size - radius),
    vx: speed * Math.cos(heading), vy: speed * Math.sin(heading), radius,
    angle: rng.uniform(0, 2 * Math.PI), spin: rng.uniform(-0.25, 0.25),
  };
  const track = spriteTrack(motion, frames, size);
  const bytes = size * size * 3;
  const out = new Uint8Array(frames * bytes);
  for (let t = 0; t < frames; t++) {
    const { x: cx, y: cy, angle } = track[t];
    const cos = Math.cos(angle), sin = Math.sin(angle);
    const frame = out.subarray(t * bytes, (t + 1) * bytes);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        let cover = 0;
        if (Math.abs(x + 0.5 - cx) <= radius + 1 && Math.abs(y + 0.5 - cy) <= radius + 1) {
          for (let sy = 0; sy < 2; sy++) {
            for (let sx = 0; sx < 2; sx++) {
              const dx = (x + 0.25 + 0.5 * sx - cx) / radius, dy = (y + 0.25 + 0.5 * sy - cy) / radius;
              if (inside(cos * dx + sin * dy, -sin * dx + cos * dy)) cover++;
            }
          }
        }
        const a = cover / 4, o = (y * size + x) * 3;
        for (let k = 0; k < 3; k++) frame[o + k] = Math.max(0, Math.min(255, Math.round((bg[o + k] * (1 - a) + fg[k] * a) * 255)));
      }
    }
  }
  return { frames: out, motion };
}

/** Frame i at i / fps seconds (each clip its own array, so clips can be transferred one by one). */
export const evenTimestamps = (frames: number, fps: number) => Float64Array.from({ length: frames }, (_, t) => t / fps);

export function generateMovingShapes(options: Partial<typeof MOVING_SHAPES_DEFAULTS> = {}): VideoDataset {
  const { size, fps, framesPerClip, clipsPerClass, seed } = { ...MOVING_SHAPES_DEFAULTS, ...options };
  const rng = createRng(seed);
  const clips: VideoClip[] = [];
  for (let i = 0; i < clipsPerClass * SHAPE_CLASSES.length; i++) {
    const shape = i % SHAPE_CLASSES.length; // classes interleaved
    const { frames } = renderMovingClip(shape, rng, framesPerClip, size);
    clips.push({ name: `${SHAPE_CLASSES[shape]}-${Math.floor(i / SHAPE_CLASSES.length)}`, label: shape, scene: i, view: 0, frameCount: framesPerClip, frames, timestamps: evenTimestamps(framesPerClip, fps) });
  }
  return {
    kind: 'video', id: 'moving-shapes', name: 'Moving shapes', height: size, width: size, channels: 3, fps,
    classNames: [...SHAPE_CLASSES], clips,
    source: text('data.sources.movingShapes', { seed }),
  };
}
