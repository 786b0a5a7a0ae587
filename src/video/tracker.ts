/**
 * Patch tracks for the "tracking" video method (Wang & Gupta, ICCV 2015, "Unsupervised learning of
 * visual representations using videos"): find a moving patch by frame differencing, follow it over
 * ~30 frames by template matching (normalised cross-correlation, NCC, where the paper uses KCF),
 * and take the first and last patch of a track as a positive pair. Pure TypeScript on gray
 * Float32Arrays: no tfjs, no DOM, so the worker and Node tests run the same code.
 *
 * Layout: `gray` is [frameCount * height * width] luminance in [0, 1], frames back to back as in
 * the FrameStore, so a frame is addressed by its global index (clip.start + frame in clip).
 */
import type { FrameStore } from './frameStore';

export interface Point { x: number; y: number }

export interface TrackOptions {
  /** Side of the square patch tracked, in pixels (clamped to the frame by mineTracks). */
  patch: number;
  /** Frames tracked after the start frame: a full track has length + 1 positions. */
  length: number;
  /** Exhaustive integer search within ±searchRadius px of the previous position, per frame. */
  searchRadius: number;
  /** A frame whose best match scores below this loses the track (occlusion, drift onto flat ground). */
  minNcc: number;
  /** Start frames tried per clip, spread evenly over the clip. */
  startsPerClip: number;
  /** Mean |frame difference| the chosen patch needs; below it the scene is taken as static. */
  minMotion: number;
}

export interface Track {
  /** Index into store.clips. */
  clip: number;
  /** Frame within the clip where the track starts (positions[0]). */
  startFrame: number;
  /** Top-left of the patch per frame, startFrame .. startFrame + length: length + 1 entries. */
  positions: Point[];
  /** Mean of the per-frame best NCC scores. */
  meanNcc: number;
  /** Mean motion energy in the start patch (why it was chosen). */
  motion: number;
}

/**
 * Defaults for 32x32 clips such as moving shapes. A 16 px patch covers most of a sprite (radius
 * 0.18-0.3 of the frame); ±4 px search is twice the fastest sprite speed (2 px/frame); 30 frames
 * is the paper's window. minMotion 0.02 also works as a contrast filter: on 120 moving-shapes
 * clips, start patches under 0.02 (sprites close to the background's luminance) tracked with a
 * mean centre error of 4.9-6.4 px against 3.0 px above 0.03, and a static scene scores exactly 0.
 * minNcc 0.5 rarely fires there (raising it to 0.7 dropped 14% of tracks for 0.1 px less error).
 */
export const TRACK_DEFAULTS: TrackOptions = { patch: 16, length: 30, searchRadius: 4, minNcc: 0.5, startsPerClip: 4, minMotion: 0.02 };

/** Rec.601 luma weights, as the rest of the project uses for gray. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** Below this per-pixel variance a window is flat (far below one 8-bit step, (1/255)^2 ≈ 1.5e-5). */
const FLAT_VARIANCE = 1e-8;

/** [frameCount * H * W] gray in [0, 1]: Rec.601 luma for RGB, the value itself for one channel. */
export function luminance(store: FrameStore): Float32Array {
  const pixels = store.frameCount * store.height * store.width;
  const out = new Float32Array(pixels);
  const b = store.bytes;
  if (store.channels === 1) {
    for (let i = 0; i < pixels; i++) out[i] = b[i] / 255;
    return out;
  }
  for (let i = 0, o = 0; i < pixels; i++, o += 3) out[i] = (LUMA[0] * b[o] + LUMA[1] * b[o + 1] + LUMA[2] * b[o + 2]) / 255;
  return out;
}

/** [H * W] |gray[frameB] - gray[frameA]| per pixel (frames are global indices into gray). */
export function motionEnergyMap(gray: Float32Array, frameA: number, frameB: number, width: number, height: number): Float32Array {
  const n = width * height;
  const a = frameA * n, b = frameB * n;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.abs(gray[b + i] - gray[a + i]);
  return out;
}

/** [(H + 1) * (W + 1)] summed-area table: entry (y, x) is the sum over rows < y, columns < x. */
function integralImage(values: Float32Array, width: number, height: number): Float64Array {
  const stride = width + 1;
  const sat = new Float64Array((height + 1) * stride);
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += values[y * width + x];
      sat[(y + 1) * stride + x + 1] = sat[y * stride + x + 1] + row;
    }
  }
  return sat;
}

/**
 * Top-left of the patch x patch window with the largest summed motion energy (an integral image
 * makes each window O(1)); energy is the mean in that window. The first maximum in raster order
 * wins ties, so the result is deterministic.
 */
export function findMovingPatch(energy: Float32Array, width: number, height: number, patch: number): Point & { energy: number } {
  if (patch < 1 || patch > width || patch > height) throw new Error(`patch ${patch} does not fit a ${width}x${height} frame`);
  const sat = integralImage(energy, width, height);
  const stride = width + 1;
  let best = { x: 0, y: 0, sum: -Infinity };
  for (let y = 0; y + patch <= height; y++) {
    for (let x = 0; x + patch <= width; x++) {
      const sum = sat[(y + patch) * stride + x + patch] - sat[y * stride + x + patch] - sat[(y + patch) * stride + x] + sat[y * stride + x];
      if (sum > best.sum) best = { x, y, sum };
    }
  }
  return { x: best.x, y: best.y, energy: Math.max(0, best.sum) / (patch * patch) };
}

/** A patch x patch window of a frame, copied out: [patch * patch], row-major. */
export function extractPatch(gray: Float32Array, frame: number, width: number, height: number, x: number, y: number, patch: number): Float32Array {
  const out = new Float32Array(patch * patch);
  const base = frame * width * height;
  for (let r = 0; r < patch; r++) out.set(gray.subarray(base + (y + r) * width + x, base + (y + r) * width + x + patch), r * patch);
  return out;
}

/** A template with its mean removed and its norm, so each NCC evaluation is one pass over the window. */
interface PreparedTemplate { centred: Float32Array; norm: number }

function prepareTemplate(template: Float32Array): PreparedTemplate {
  let mean = 0;
  for (let i = 0; i < template.length; i++) mean += template[i];
  mean /= template.length;
  const centred = new Float32Array(template.length);
  let sq = 0;
  for (let i = 0; i < template.length; i++) {
    centred[i] = template[i] - mean;
    sq += centred[i] * centred[i];
  }
  return { centred, norm: sq / template.length < FLAT_VARIANCE ? 0 : Math.sqrt(sq) };
}

/** NCC against a prepared template; 0 where either side is flat (no structure to match). */
function nccPrepared(gray: Float32Array, base: number, width: number, x: number, y: number, t: PreparedTemplate, patch: number): number {
  if (t.norm === 0) return 0;
  let sum = 0, sumSq = 0, cross = 0;
  for (let r = 0; r < patch; r++) {
    const row = base + (y + r) * width + x;
    for (let c = 0; c < patch; c++) {
      const v = gray[row + c];
      sum += v;
      sumSq += v * v;
      cross += v * t.centred[r * patch + c];
    }
  }
  const n = patch * patch;
  // Σ(v - mean_v)(t - mean_t) = Σ v (t - mean_t), since Σ(t - mean_t) = 0.
  const variance = sumSq - (sum * sum) / n;
  if (variance / n < FLAT_VARIANCE) return 0;
  return Math.max(-1, Math.min(1, cross / (Math.sqrt(variance) * t.norm)));
}

/**
 * Zero-mean normalised cross-correlation of `template` ([patch * patch]) with the patch at (x, y)
 * of global frame `frame` (height locates the frame in gray): in [-1, 1], 1 for the same pattern
 * up to a positive brightness gain and an offset, and 0 (never NaN) when either window is flat.
 */
export function ncc(gray: Float32Array, frame: number, width: number, height: number, x: number, y: number, template: Float32Array, patch: number): number {
  return nccPrepared(gray, frame * width * height, width, x, y, prepareTemplate(template), patch);
}

export interface PatchTrack {
  /** Top-left per frame; positions[0] is the start, then one per frame tracked. */
  positions: Point[];
  /** Best NCC per tracked frame (positions.length - 1 entries). */
  scores: number[];
  /** The best match fell below minNcc: positions stop at the last frame tracked. */
  lost: boolean;
}

/** Offset from b of the peak of the parabola through three equally spaced scores (a, b, c); 0 when they do not curve down. */
function parabolaPeak(a: number, b: number, c: number): number {
  const curvature = a - 2 * b + c;
  return curvature < 0 ? (a - c) / (2 * curvature) : 0;
}

/**
 * Sub-pixel offset, in [-0.5, 0.5], of the best score at index i of samples lo..hi along one axis:
 * the parabola through i and its neighbours, or, at the edge of the search window (often the frame
 * border), through i and the two samples inside it.
 */
function subPixelOffset(score: (j: number) => number, lo: number, hi: number, i: number): number {
  if (hi - lo < 2) return 0;
  const inward = i === lo ? 1 : i === hi ? -1 : 0;
  const offset = inward === 0
    ? parabolaPeak(score(i - 1), score(i), score(i + 1))
    : inward + inward * parabolaPeak(score(i), score(i + inward), score(i + 2 * inward));
  return Math.max(-0.5, Math.min(0.5, offset));
}

/** Best integer position within ±radius of `from` (kept inside the frame), its NCC, and the sub-pixel offset of the peak. */
function bestMatch(gray: Float32Array, base: number, width: number, height: number, from: Point, t: PreparedTemplate, patch: number, radius: number): Point & { score: number; dx: number; dy: number } {
  const x0 = Math.max(0, from.x - radius), x1 = Math.min(width - patch, from.x + radius);
  const y0 = Math.max(0, from.y - radius), y1 = Math.min(height - patch, from.y + radius);
  const w = x1 - x0 + 1;
  const scores = new Float64Array(w * (y1 - y0 + 1));
  let best = { x: from.x, y: from.y, score: -Infinity };
  const moved = (x: number, y: number) => Math.abs(x - from.x) + Math.abs(y - from.y);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const score = nccPrepared(gray, base, width, x, y, t, patch);
      scores[(y - y0) * w + x - x0] = score;
      // Ties go to the smaller move, so a flat or ambiguous match does not wander.
      if (score > best.score || (score === best.score && moved(x, y) < moved(best.x, best.y))) best = { x, y, score };
    }
  }
  const at = (x: number, y: number) => scores[(y - y0) * w + x - x0];
  return {
    ...best,
    dx: subPixelOffset((x) => at(x, best.y), x0, x1, best.x),
    dy: subPixelOffset((y) => at(best.x, y), y0, y1, best.y),
  };
}

/**
 * Follows the patch at `start` (top-left, in frame startFrame of the clip that begins at global
 * frame clipStart) through frames startFrame+1 .. startFrame+length. Each frame is searched
 * exhaustively within ±searchRadius of the previous position, with the previous frame's patch at
 * the previous position as template, so gradual appearance changes (rotation, scale) are
 * followed. Stops, lost, when the best NCC drops below minNcc.
 *
 * The position is carried at sub-pixel precision (integer best match plus the parabolic peak of
 * the NCC scores) and rounded for output and for cutting the next template. With integer steps
 * alone an object moving under half a pixel per frame never moves the patch (every frame's best
 * shift is 0) and faster ones lose their fractions: on 120 moving-shapes clips the mean distance
 * from patch centre to sprite centre was 4.3 px with integer steps and 3.2 px with sub-pixel ones.
 */
export function trackPatch(
  gray: Float32Array, width: number, height: number, clipStart: number, startFrame: number, length: number,
  start: Point, opts: Pick<TrackOptions, 'patch' | 'searchRadius' | 'minNcc'>,
): PatchTrack {
  const { patch, searchRadius, minNcc } = opts;
  const frameSize = width * height;
  if (start.x < 0 || start.y < 0 || start.x + patch > width || start.y + patch > height) throw new Error('start patch outside the frame');
  if ((clipStart + startFrame + length + 1) * frameSize > gray.length) throw new Error('track runs past the last frame');
  const positions: Point[] = [{ x: start.x, y: start.y }];
  const scores: number[] = [];
  let fx = start.x, fy = start.y; // sub-pixel top-left
  for (let k = 1; k <= length; k++) {
    const frame = clipStart + startFrame + k;
    const prev = positions[k - 1];
    const template = prepareTemplate(extractPatch(gray, frame - 1, width, height, prev.x, prev.y, patch));
    const match = bestMatch(gray, frame * frameSize, width, height, prev, template, patch, searchRadius);
    if (match.score < minNcc) return { positions, scores, lost: true };
    fx = Math.max(0, Math.min(width - patch, fx + match.x + match.dx - prev.x));
    fy = Math.max(0, Math.min(height - patch, fy + match.y + match.dy - prev.y));
    positions.push({ x: Math.round(fx), y: Math.round(fy) });
    scores.push(match.score);
  }
  return { positions, scores, lost: false };
}

/** `count` start frames spread evenly over [0, maxStart], without repeats. */
export function spreadStarts(maxStart: number, count: number): number[] {
  const n = Math.max(0, Math.min(count, maxStart + 1));
  if (n <= 1) return n === 1 ? [0] : [];
  return Array.from({ length: n }, (_, i) => Math.round((i * maxStart) / (n - 1)));
}

/**
 * Tracks of moving patches in every clip: for each start frame t, the patch with the most motion
 * between frames t and t+1 (skipped below minMotion: a static scene has nothing to track), tracked
 * for `length` frames (fewer in a clip shorter than length + 1 frames; clips under 3 frames are
 * skipped). Lost tracks are dropped, so every returned track has its full length + 1 positions.
 */
export function mineTracks(store: FrameStore, opts: TrackOptions = TRACK_DEFAULTS): Track[] {
  const { width, height } = store;
  const patch = Math.min(opts.patch, width, height);
  const gray = luminance(store);
  const tracks: Track[] = [];
  store.clips.forEach((clip, index) => {
    if (clip.frameCount < 3) return;
    const length = Math.min(opts.length, clip.frameCount - 1);
    for (const t of spreadStarts(clip.frameCount - 1 - length, opts.startsPerClip)) {
      const energy = motionEnergyMap(gray, clip.start + t, clip.start + t + 1, width, height);
      const moving = findMovingPatch(energy, width, height, patch);
      if (moving.energy < opts.minMotion) continue;
      const tracked = trackPatch(gray, width, height, clip.start, t, length, moving, { ...opts, patch });
      if (tracked.lost) continue;
      const meanNcc = tracked.scores.reduce((s, v) => s + v, 0) / tracked.scores.length;
      tracks.push({ clip: index, startFrame: t, positions: tracked.positions, meanNcc, motion: moving.energy });
    }
  });
  return tracks;
}

/** Sets one pixel of an [H * W * 3] byte image, ignoring points outside it. */
function plot(rgb: Uint8Array, width: number, height: number, x: number, y: number, colour: readonly [number, number, number]): void {
  if (x < 0 || y < 0 || x >= width || y >= height) return;
  rgb.set(colour, (y * width + x) * 3);
}

/** A 1-px line (Bresenham). */
function drawLine(rgb: Uint8Array, width: number, height: number, a: Point, b: Point, colour: readonly [number, number, number]): void {
  let { x, y } = a;
  const dx = Math.abs(b.x - x), dy = -Math.abs(b.y - y);
  const sx = x < b.x ? 1 : -1, sy = y < b.y ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    plot(rgb, width, height, x, y, colour);
    if (x === b.x && y === b.y) return;
    const e2 = 2 * err;
    if (e2 >= dy) { err += dy; x += sx; }
    if (e2 <= dx) { err += dx; y += sy; }
  }
}

/** The 1-px outline of the patch x patch box at top-left p. */
function drawBox(rgb: Uint8Array, width: number, height: number, p: Point, patch: number, colour: readonly [number, number, number]): void {
  const x1 = p.x + patch - 1, y1 = p.y + patch - 1;
  drawLine(rgb, width, height, p, { x: x1, y: p.y }, colour);
  drawLine(rgb, width, height, { x: x1, y: p.y }, { x: x1, y: y1 }, colour);
  drawLine(rgb, width, height, { x: x1, y: y1 }, { x: p.x, y: y1 }, colour);
  drawLine(rgb, width, height, { x: p.x, y: y1 }, p, colour);
}

/**
 * For the method's preview: draws into `rgb` (an [H * W * 3] copy of a frame) the boxes of the
 * first and last positions (the positive pair) and the path of the box centres between them.
 */
export function drawTrack(rgb: Uint8Array, width: number, height: number, positions: Point[], patch: number, colour: readonly [number, number, number]): void {
  if (positions.length === 0) return;
  const centre = (p: Point) => ({ x: p.x + (patch >> 1), y: p.y + (patch >> 1) });
  for (let i = 1; i < positions.length; i++) drawLine(rgb, width, height, centre(positions[i - 1]), centre(positions[i]), colour);
  drawBox(rgb, width, height, positions[0], patch, colour);
  drawBox(rgb, width, height, positions[positions.length - 1], patch, colour);
}

