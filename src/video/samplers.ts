/**
 * Index samplers for the video pretexts: Time-Contrastive Networks (multi-view and single-view
 * triplets) and Shuffle and Learn (frame-order tuples from high-motion windows). Every sampler
 * returns GLOBAL frame indices into a FrameStore (Int32Array), so the caller gathers a batch in one
 * go. No tfjs, no DOM: runs in the worker and in Node tests alike.
 */
import { createRng, sampleWithoutReplacement, type Rng } from '../shared/rng';
import { text } from '../shared/text';
import { TextError } from '../i18n/textError';
import { frameBytes, multiViewScenes, type FrameStore, type StoredClip } from './frameStore';

// ---------------------------------------------------------------------------------------------
// Small helpers on times within one clip (all times are local: 0 .. length-1).

/** Picks an index in [0, weights.length) with probability proportional to its weight (all > 0). */
function weightedPicker(weights: number[]): (rng: Rng) => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => { total += w; cumulative[i] = total; });
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0, hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid; else lo = mid + 1;
    }
    return lo;
  };
}

/**
 * A time t in [0, length) that has at least one partner at distance >= gap. Those times are
 * [0, length-gap) and [gap, length); when the two ranges overlap they cover every time.
 * Needs length > gap.
 */
function drawTimeWithFarPartner(rng: Rng, length: number, gap: number): number {
  const early = length - gap;
  if (gap <= early) return rng.int(length);
  const k = rng.int(2 * early);
  return k < early ? k : gap + (k - early);
}

/** A time in [0, length) at distance >= gap from t, uniformly: [0, t-gap] and [t+gap, length). */
function drawFarTime(rng: Rng, t: number, length: number, gap: number): number {
  const below = Math.max(0, t - gap + 1);
  const above = Math.max(0, length - t - gap);
  const k = rng.int(below + above);
  return k < below ? k : t + gap + (k - below);
}

/** A time in [0, length) at distance 1..radius from t, uniformly. Needs length >= 2. */
function drawNearTime(rng: Rng, t: number, length: number, radius: number): number {
  const lo = Math.max(0, t - radius), hi = Math.min(length - 1, t + radius);
  const k = lo + rng.int(hi - lo); // hi - lo candidates once t itself is skipped
  return k >= t ? k + 1 : k;
}

// ---------------------------------------------------------------------------------------------
// Time-Contrastive Networks (Sermanet et al. 2018).

export interface MultiViewTriplets {
  /** [n] global frame indices: view i at time t, view j != i at time t, view i at time t'. */
  anchor: Int32Array;
  positive: Int32Array;
  negative: Int32Array;
  /** [n] the shared time step t of anchor and positive. */
  times: Int32Array;
  /** [n] the scene (StoredClip.scene) of the triplet. */
  scenes: Int32Array;
  /** [n] StoredClip.view of the anchor's and the positive's clips (always different). */
  anchorView: Int32Array;
  positiveView: Int32Array;
}

/** A synchronised scene: its views' clip indices and the time steps every view has. */
interface SyncedScene { clipIndices: number[]; length: number }

function syncedScenes(store: FrameStore): SyncedScene[] {
  return multiViewScenes(store).map((clipIndices) => ({
    clipIndices, length: Math.min(...clipIndices.map((c) => store.clips[c].frameCount)),
  }));
}

/**
 * Multi-view TCN triplets. Anchor = view i of a synchronised scene at time t, positive = a
 * DIFFERENT view j of that scene at the same t, negative = view i at a time t' with
 * |t' - t| >= negativeGap. Scenes are drawn in proportion to their common length (so every
 * synchronised time step is about equally likely), views and times uniformly.
 */
export function tcnMultiViewIndices(rng: Rng, store: FrameStore, n: number, negativeGap: number): MultiViewTriplets {
  if (!(negativeGap >= 1)) throw new Error(`TCN: the negative gap must be at least 1 frame (got ${negativeGap}).`);
  const all = syncedScenes(store);
  if (all.length === 0) {
    throw new TextError(text('messages.video.multiViewNoSync'));
  }
  const scenes = all.filter((s) => s.length > negativeGap);
  if (scenes.length === 0) {
    const longest = Math.max(...all.map((s) => s.length));
    throw new TextError(text('messages.video.multiViewTooShort', { gap: negativeGap, longest }));
  }
  const pickScene = weightedPicker(scenes.map((s) => s.length));
  const out: MultiViewTriplets = {
    anchor: new Int32Array(n), positive: new Int32Array(n), negative: new Int32Array(n),
    times: new Int32Array(n), scenes: new Int32Array(n), anchorView: new Int32Array(n), positiveView: new Int32Array(n),
  };
  for (let k = 0; k < n; k++) {
    const scene = scenes[pickScene(rng)];
    const views = scene.clipIndices.length;
    const i = rng.int(views);
    const j = (i + 1 + rng.int(views - 1)) % views; // any view but i
    const anchorClip = store.clips[scene.clipIndices[i]], positiveClip = store.clips[scene.clipIndices[j]];
    const t = drawTimeWithFarPartner(rng, scene.length, negativeGap);
    out.anchor[k] = anchorClip.start + t;
    out.positive[k] = positiveClip.start + t;
    out.negative[k] = anchorClip.start + drawFarTime(rng, t, scene.length, negativeGap);
    out.times[k] = t;
    out.scenes[k] = anchorClip.scene;
    out.anchorView[k] = anchorClip.view;
    out.positiveView[k] = positiveClip.view;
  }
  return out;
}

export interface SingleViewTriplets {
  /** [n] global frame indices, all three in the same clip. */
  anchor: Int32Array;
  positive: Int32Array;
  negative: Int32Array;
}

/** The fewest frames a clip needs for single-view TCN: a frame more than negativeRadius away from t = 0. */
export const minSingleViewClipFrames = (negativeRadius: number) => negativeRadius + 2;

/**
 * Single-view TCN triplets: anchor = clip c at time t, positive at t + d with 1 <= |d| <=
 * positiveRadius, negative at t + d with |d| > negativeRadius, all in clip c. Only clips with at
 * least negativeRadius + 2 frames are used (the minimum for a negative to exist); clips are drawn
 * in proportion to their length, then t among the times that have a negative.
 */
export function tcnSingleViewIndices(rng: Rng, store: FrameStore, n: number, positiveRadius: number, negativeRadius: number): SingleViewTriplets {
  if (!(positiveRadius >= 1)) throw new Error(`Single-view TCN: the positive radius must be at least 1 frame (got ${positiveRadius}).`);
  if (!(negativeRadius >= positiveRadius)) {
    throw new TextError(text('messages.video.singleViewRadii', { negative: negativeRadius, positive: positiveRadius }));
  }
  const minFrames = minSingleViewClipFrames(negativeRadius);
  const clips = store.clips.filter((c) => c.frameCount >= minFrames);
  if (clips.length === 0) {
    const longest = Math.max(0, ...store.clips.map((c) => c.frameCount));
    throw new TextError(text('messages.video.singleViewTooShort', { min: minFrames, negative: negativeRadius, longest }));
  }
  const pickClip = weightedPicker(clips.map((c) => c.frameCount));
  const negativeGap = negativeRadius + 1;
  const out: SingleViewTriplets = { anchor: new Int32Array(n), positive: new Int32Array(n), negative: new Int32Array(n) };
  for (let k = 0; k < n; k++) {
    const clip = clips[pickClip(rng)];
    const t = drawTimeWithFarPartner(rng, clip.frameCount, negativeGap);
    out.anchor[k] = clip.start + t;
    out.positive[k] = clip.start + drawNearTime(rng, t, clip.frameCount, positiveRadius);
    out.negative[k] = clip.start + drawFarTime(rng, t, clip.frameCount, negativeGap);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shuffle and Learn (Misra, Zitnick, Hebert 2016).

/**
 * [store.frameCount] how much each frame changes into the next frame of its clip: the mean
 * absolute byte difference, scaled to [0, 1]. A clip's last frame repeats its predecessor's value;
 * a one-frame clip gets 0.
 */
export function frameMotion(store: FrameStore): Float32Array {
  const motion = new Float32Array(store.frameCount);
  for (const clip of store.clips) {
    for (let t = 0; t + 1 < clip.frameCount; t++) {
      motion[clip.start + t] = meanAbsoluteDifference(frameBytes(store, clip.start + t), frameBytes(store, clip.start + t + 1)) / 255;
    }
    if (clip.frameCount >= 2) motion[clip.start + clip.frameCount - 1] = motion[clip.start + clip.frameCount - 2];
  }
  return motion;
}

function meanAbsoluteDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return a.length === 0 ? 0 : sum / a.length;
}

/** Frames a Shuffle and Learn tuple is drawn from: a < b < c < d < e. */
export const SHUFFLE_TUPLE_FRAMES = 5;

/**
 * Captions for the six tuple kinds; kinds 0 and 1 are "in order" (target 1). Every tuple also
 * comes reversed (the paper inverts all its training instances), so the negatives are
 * (b, a, d), (d, a, b), (b, e, d) and (d, e, b): whether the first frame shown is the earlier one
 * says nothing about the target.
 */
export const SHUFFLE_KINDS = [
  '(b, c, d) in order', '(d, c, b) in order, reversed',
  '(b, a, d) shuffled', '(d, a, b) shuffled', '(b, e, d) shuffled', '(d, e, b) shuffled',
] as const;
export const isInOrderKind = (kind: number) => kind < 2;

/** Consecutive frames of one clip: global frames [start, start + length). */
export interface FrameWindow { start: number; length: number; clip: number; score: number }

/**
 * The windows of `window` consecutive frames (clamped to the clip's length) of every clip with at
 * least `minFrames` frames (5, or more for a minimum gap: shuffleLearnMinFrames), each scored by the mean motion between its consecutive frames (its length - 1
 * transitions, so a window of identical frames scores 0 even if the next frame outside it differs).
 */
export function motionWindows(store: FrameStore, motion: Float32Array, window: number, minFrames: number = SHUFFLE_TUPLE_FRAMES): FrameWindow[] {
  const windows: FrameWindow[] = [];
  store.clips.forEach((clip: StoredClip, clipIndex) => {
    if (clip.frameCount < minFrames) return;
    const length = Math.min(window, clip.frameCount);
    // prefix[i] = sum of motion over the clip's first i frames.
    const prefix = new Float64Array(clip.frameCount + 1);
    for (let t = 0; t < clip.frameCount; t++) prefix[t + 1] = prefix[t] + motion[clip.start + t];
    for (let s = 0; s + length <= clip.frameCount; s++) {
      const score = (prefix[s + length - 1] - prefix[s]) / (length - 1);
      windows.push({ start: clip.start + s, length, clip: clipIndex, score });
    }
  });
  return windows;
}

/**
 * The windows whose score is at or above the `quantile` quantile of all scores, taken as the score
 * of rank floor(quantile * count) in ascending order: quantile 0 keeps all, 0.5 the upper half
 * (ties included), 1 the best.
 */
export function highMotionWindows(store: FrameStore, motion: Float32Array, window: number, quantile: number, minFrames: number = SHUFFLE_TUPLE_FRAMES): FrameWindow[] {
  const windows = motionWindows(store, motion, window, minFrames);
  if (windows.length === 0) return windows;
  const sorted = windows.map((w) => w.score).sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.floor(quantile * sorted.length)));
  return windows.filter((w) => w.score >= sorted[rank]);
}

export interface ShuffleLearnOptions {
  /** Probability of an in-order tuple (the paper uses about 0.25). */
  positiveFraction: number;
  /** Frames per window the five frames come from (>= 5; clamped to each clip's length). */
  window: number;
  /** Keep windows whose motion score is at or above this quantile of all windows' (0.5 = upper half). */
  motionQuantile: number;
  /**
   * The out-of-order frame of a negative lies at least this many frames outside b..d:
   * b - a >= minGap and e - d >= minGap (the paper's tau_min = min(|a - b|, |d - e|)). 1 (absent):
   * any five distinct frames, so a negative's middle frame may be b's or d's next frame.
   */
  minGap?: number;
}

/** Frames a window needs for five frames with b - a and e - d at least minGap: a, b, c, d, e and the 2 (minGap - 1) frames between. */
export const shuffleLearnMinFrames = (minGap: number) => SHUFFLE_TUPLE_FRAMES + 2 * (minGap - 1);

export interface ShuffleLearnTuples {
  /** Three [n] global frame indices: the tuple shown to the model, in its order. */
  frames: [Int32Array, Int32Array, Int32Array];
  /** [n] 1 = in order ((b,c,d) or (d,c,b)), 0 = shuffled. */
  target: Float32Array;
  /** [n*5] the five frames a, b, c, d, e of each tuple (global indices, ascending), for previews. */
  five: Int32Array;
  /** [n] index into SHUFFLE_KINDS: 0 (b,c,d) 1 (d,c,b) 2 (b,a,d) 3 (d,a,b) 4 (b,e,d) 5 (d,e,b). */
  kind: Uint8Array;
}

/** Positions in (a, b, c, d, e) of the three frames each kind shows. */
const KIND_POSITIONS: [number, number, number][] = [[1, 2, 3], [3, 2, 1], [1, 0, 3], [3, 0, 1], [1, 4, 3], [3, 4, 1]];

function drawKind(rng: Rng, positiveFraction: number): number {
  if (rng.chance(positiveFraction)) return rng.int(2);
  return 2 + rng.int(4);
}

/**
 * Shuffle and Learn tuples: a high-motion window (see highMotionWindows), five distinct sorted
 * frames a < b < c < d < e inside it with b - a and e - d at least minGap (uniform over such
 * choices), then with probability positiveFraction (b,c,d) or (d,c,b), otherwise one of
 * (b,a,d), (d,a,b), (b,e,d), (d,e,b), the kinds of each class equally likely.
 */
export function shuffleLearnTuples(rng: Rng, store: FrameStore, motion: Float32Array, n: number, opts: ShuffleLearnOptions): ShuffleLearnTuples {
  const minGap = opts.minGap ?? 1;
  if (!(Number.isInteger(minGap) && minGap >= 1)) throw new Error(`Shuffle and Learn: the minimum gap must be a whole number of frames, at least 1 (got ${minGap}).`);
  const minFrames = shuffleLearnMinFrames(minGap);
  if (!(opts.window >= minFrames)) {
    throw new TextError(text(minGap > 1 ? 'messages.video.shuffleWindowGap' : 'messages.video.shuffleWindow', { min: minFrames, window: opts.window, gap: minGap }));
  }
  if (motion.length !== store.frameCount) throw new Error(`Shuffle and Learn: motion has ${motion.length} values for ${store.frameCount} frames; compute it with frameMotion(store).`);
  const windows = highMotionWindows(store, motion, opts.window, opts.motionQuantile, minFrames);
  if (windows.length === 0) {
    const longest = Math.max(0, ...store.clips.map((c) => c.frameCount));
    throw new TextError(text(minGap > 1 ? 'messages.video.shuffleTooShortGap' : 'messages.video.shuffleTooShort', { min: minFrames, gap: minGap, longest }));
  }
  const out: ShuffleLearnTuples = {
    frames: [new Int32Array(n), new Int32Array(n), new Int32Array(n)],
    target: new Float32Array(n), five: new Int32Array(n * SHUFFLE_TUPLE_FRAMES), kind: new Uint8Array(n),
  };
  for (let k = 0; k < n; k++) {
    const w = windows[rng.int(windows.length)];
    // Five of the window's first length - 2 (minGap - 1) offsets, then b, c, d moved minGap - 1
    // and e 2 (minGap - 1) later: a bijection onto the choices whose outer gaps are >= minGap.
    const offsets = sampleWithoutReplacement(rng, w.length - 2 * (minGap - 1), SHUFFLE_TUPLE_FRAMES).sort();
    for (let p = 1; p < SHUFFLE_TUPLE_FRAMES; p++) offsets[p] += (minGap - 1) * (p === SHUFFLE_TUPLE_FRAMES - 1 ? 2 : 1);
    for (let p = 0; p < SHUFFLE_TUPLE_FRAMES; p++) out.five[k * SHUFFLE_TUPLE_FRAMES + p] = w.start + offsets[p];
    const kind = drawKind(rng, opts.positiveFraction);
    KIND_POSITIONS[kind].forEach((p, slot) => { out.frames[slot][k] = w.start + offsets[p]; });
    out.kind[k] = kind;
    out.target[k] = isInOrderKind(kind) ? 1 : 0;
  }
  return out;
}

/**
 * A fixed, balanced order-verification set (half in order, so chance is 50%): the same seed gives
 * the same tuples, whatever other draws happened before.
 */
export function shuffleLearnEvalSet(seed: number, store: FrameStore, motion: Float32Array, count: number, opts: Omit<ShuffleLearnOptions, 'positiveFraction'>): ShuffleLearnTuples {
  return shuffleLearnTuples(createRng(seed), store, motion, count, { ...opts, positiveFraction: 0.5 });
}
