/**
 * Wang & Gupta (ICCV 2015), unsupervised learning with videos by tracking and ranking. Before
 * training, moving patches are found by frame differencing and tracked by normalised
 * cross-correlation (../video/tracker.ts), in JS on the training clips. A step draws N tracks:
 *   first  [N, H, W, 3]      the first patch of each track (resized to the input size)
 *   last   [N, H, W, 3]      the last patch (the positive)
 *   others [N * R, H, W, 3]  R random patches of tracks of other videos per track
 * The negatives of track i are the patches of other videos in the batch (other tracks' last
 * patches and the random ones): the R random ones plus the K hardest, mined outside the gradient
 * (../losses/ranking.ts). Ranking loss max(0, D(x, x+) - D(x, x-) + M), D = 1 - cosine, on a
 * linear embedding of h. "Video" = scene: synchronised views of one scene are not negatives.
 */
import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from '../losses/normalize';
import { rankingLoss } from '../losses/ranking';
import { Linear } from '../models/linear';
import type { LossTerms } from '../models/optimizer';
import type { Rng } from '../shared/rng';
import { frameBytes, type FrameStore } from '../video/frameStore';
import { drawTrack, mineTracks, TRACK_DEFAULTS, type Track } from '../video/tracker';
import { wangGuptaSpec, type WangGuptaParams } from './specs/wangGupta';
import { defineMethod } from './base';
import { firstRows } from './batches';
import type { HeldOutScore, PreviewRow } from './types';
import { embedRows, requireVideo } from './videoFrames';
import { text } from '../shared/text';

const PREVIEW_COLUMNS = 8;
/** Held-out tracks scored at every evaluation (at most). */
export const HELD_OUT_TRACKS = 96;
const TRACK_COLOURS: [number, number, number][] = [[255, 40, 40], [40, 220, 40], [60, 120, 255], [255, 200, 0]];

/** A patch of a track: the frame (global index in its store) and the box's top-left corner. */
export interface PatchRef { frame: number; x: number; y: number }

const patchAt = (store: FrameStore, t: Track, k: number): PatchRef => ({ frame: store.clips[t.clip].start + t.startFrame + k, ...t.positions[k] });
const sceneOf = (store: FrameStore, t: Track) => store.clips[t.clip].scene;

/**
 * Patches cropped from frames and resized to the input size: [refs.length, H, W, 3]. The frames
 * are gathered first and cropped with box i on image i: tfjs's cropAndResize ignores the box
 * indices on webgl (box b always reads image b) and drops indices >= the number of boxes on
 * webgpu, so a box pointing into the whole frame store crops the wrong frame on both.
 */
export function cropPatches(frames: tf.Tensor4D, refs: PatchRef[], patch: number): tf.Tensor4D {
  const [, h, w] = frames.shape;
  const images = tf.gather(frames, tf.tensor1d(refs.map((r) => r.frame), 'int32')) as tf.Tensor4D;
  // Normalised [y1, x1, y2, x2]: pixel rows y..y+patch-1 map to y / (h - 1) .. (y + patch - 1) / (h - 1).
  const boxes = tf.tensor2d(refs.flatMap((r) => [r.y / (h - 1), r.x / (w - 1), (r.y + patch - 1) / (h - 1), (r.x + patch - 1) / (w - 1)]), [refs.length, 4]);
  return tf.image.cropAndResize(images, boxes, tf.range(0, refs.length, 1, 'int32') as tf.Tensor1D, [h, w]);
}

/**
 * Tracks of the store with the run's tracker settings (the track length is cut to what short clips
 * allow), without those that barely move: a patch held by static background would make its first
 * and last patch the same picture, a positive pair with nothing to learn. On moving shapes about
 * one track in six is such a stuck one (under 6 px over 30 frames).
 */
function tracksOf(store: FrameStore, p: WangGuptaParams, patch: number): Track[] {
  const tracks = mineTracks(store, { ...TRACK_DEFAULTS, patch, length: p.trackLength, searchRadius: p.searchRadius, minNcc: p.minNcc, startsPerClip: p.tracksPerClip });
  return tracks.filter((t) => pathLength(t) >= MIN_TRAVEL_OF_PATCH * patch);
}

/** A kept track's centre travels at least this fraction of the patch size along its path. */
export const MIN_TRAVEL_OF_PATCH = 0.25;

export function pathLength(t: Track): number {
  let sum = 0;
  for (let k = 1; k < t.positions.length; k++) sum += Math.hypot(t.positions[k].x - t.positions[k - 1].x, t.positions[k].y - t.positions[k - 1].y);
  return sum;
}

/** N tracks drawn for one step. */
export interface WangGuptaBatch {
  /** [N, H, W, 3] the first patch of each track (the anchor). */
  first: tf.Tensor4D;
  /** [N, H, W, 3] the last patch (the positive). */
  last: tf.Tensor4D;
  /** [N * R, H, W, 3] R patches of other videos' tracks per track (rows iR..iR+R-1 for track i); absent when R = 0. */
  others?: tf.Tensor4D;
  /** [N + N R] the video (scene) of each track, then of each of the others (JS, for the loss's mask). */
  video: Int32Array;
  /** The drawn tracks (indices into the run's tracks), for the preview. */
  tracks: number[];
  /** Captions of the preview's rows: the track, its last patch, one other patch per track. */
  captions: [string[], string[], string[]];
}

export const wangGupta = defineMethod(wangGuptaSpec, ({ ctx, params: p, vars, encoder }) => {
  const video = requireVideo(ctx, 'wang-gupta');
  const { train, heldOut } = video.split;
  const patch = Math.min(p.patchSize, train.height, train.width);
  const tracks = tracksOf(train, p, patch);
  const byScene = new Map<number, number[]>();
  tracks.forEach((t, i) => byScene.set(sceneOf(train, t), [...(byScene.get(sceneOf(train, t)) ?? []), i]));
  if (byScene.size < 2) {
    throw new Error(`Wang & Gupta needs tracks in at least two videos (negatives come from other videos): the tracker kept ${tracks.length} track${tracks.length === 1 ? '' : 's'} in ${byScene.size} video${byScene.size === 1 ? '' : 's'}. Drop more videos with moving objects, or lower "Tracker: lost below this correlation".`);
  }
  // Two patches per track, within the run's held-out budget.
  const heldOutTracks = tracksOf(heldOut, p, patch).slice(0, Math.min(HELD_OUT_TRACKS, Math.max(2, Math.floor((ctx.heldOutBudget ?? Infinity) / 2))));

  const head = new Linear(vars, 'embedding', encoder.outputDim, p.projectionDim, ctx.initRng);
  const embedding = (x: tf.Tensor4D) => l2Normalize(head.apply(encoder.apply(x).h));

  /** A track of another video than `scene`, uniformly over those tracks. */
  const otherTrack = (rng: Rng, scene: number): Track => {
    for (;;) {
      const t = tracks[rng.int(tracks.length)];
      if (sceneOf(train, t) !== scene) return t;
    }
  };

  const sampleBatch = (rng: Rng): WangGuptaBatch => {
    const n = p.batchSize, r = p.randomNegatives;
    const chosen = Array.from({ length: n }, () => rng.int(tracks.length));
    const scenes = chosen.map((i) => sceneOf(train, tracks[i]));
    const extras: PatchRef[] = [], extraScenes: number[] = [];
    for (const scene of scenes) {
      for (let k = 0; k < r; k++) {
        const t = otherTrack(rng, scene);
        extras.push(patchAt(train, t, rng.int(t.positions.length)));
        extraScenes.push(sceneOf(train, t));
      }
    }
    const first = chosen.map((i) => patchAt(train, tracks[i], 0));
    const last = chosen.map((i) => patchAt(train, tracks[i], tracks[i].positions.length - 1));
    return {
      first: cropPatches(video.trainFrames, first, patch),
      last: cropPatches(video.trainFrames, last, patch),
      ...(r > 0 && { others: cropPatches(video.trainFrames, extras, patch) }),
      video: Int32Array.from([...scenes, ...extraScenes]),
      tracks: chosen,
      captions: [
        chosen.slice(0, PREVIEW_COLUMNS).map((i) => `${train.clips[tracks[i].clip].name} · t=${tracks[i].startFrame}`),
        chosen.slice(0, PREVIEW_COLUMNS).map((i) => `t=${tracks[i].startFrame + tracks[i].positions.length - 1}`),
        extraScenes.filter((_, j) => j % Math.max(1, r) === 0).slice(0, PREVIEW_COLUMNS).map((s) => train.clips.find((c) => c.scene === s)?.name ?? ''),
      ],
    };
  };

  const lossTerms = (batch: WangGuptaBatch): LossTerms => {
    const n = batch.first.shape[0];
    const z = embedding(tf.concat([batch.first, batch.last, ...(batch.others ? [batch.others] : [])], 0)); // [2N + NR, dim]
    const anchor = z.slice([0, 0], [n, -1]) as tf.Tensor2D;
    const pool = z.slice([n, 0], [-1, -1]) as tf.Tensor2D;                    // last patches, then the random ones
    const poolSize = pool.shape[0], r = (poolSize - n) / n;
    // batch.video lists the anchors' videos then the random patches': pool row j's video is video[j] either way.
    const scenes = batch.video;
    const allowed = new Float32Array(n * poolSize);
    for (let i = 0; i < n; i++) for (let j = 0; j < poolSize; j++) allowed[i * poolSize + j] = scenes[j] !== scenes[i] ? 1 : 0;
    const randomIndex = r > 0 ? tf.tensor2d(Int32Array.from({ length: n * r }, (_, k) => n + k), [n, r], 'int32') : undefined;
    const result = rankingLoss(anchor, z.slice([n, 0], [n, -1]) as tf.Tensor2D, pool, tf.tensor2d(allowed, [n, poolSize]), {
      margin: p.margin, hardNegatives: p.hardNegatives, ...(randomIndex && { randomIndex }),
    });
    return { loss: result.loss, extras: [result.posSim, result.negSim, result.accuracy] };
  };

  /** Held-out tracks: is the last patch of a track nearer its first patch than the last patch of a track of another video? */
  const heldOutScores = async (): Promise<HeldOutScore[]> => {
    const scenes = new Set(heldOutTracks.map((t) => sceneOf(heldOut, t)));
    if (scenes.size < 2) {
      return [{ value: null, chance: 0.5, detail: text('charts.heldOut.detail.wangGupta.tooFew', { tracks: heldOutTracks.length, videos: scenes.size }) }];
    }
    const refs = heldOutTracks.flatMap((t) => [patchAt(heldOut, t, 0), patchAt(heldOut, t, t.positions.length - 1)]);
    const { values, dim } = await embedRows(refs.length, (rows) => cropPatches(video.heldOutFrames, Array.from(rows, (i) => refs[i]), patch), embedding);
    const cos = (a: number, b: number) => { let s = 0; for (let d = 0; d < dim; d++) s += values[a * dim + d] * values[b * dim + d]; return s; };
    let right = 0, pairs = 0;
    heldOutTracks.forEach((ti, i) => {
      const pos = cos(2 * i, 2 * i + 1);
      heldOutTracks.forEach((tj, j) => {
        if (sceneOf(heldOut, tj) === sceneOf(heldOut, ti)) return;
        pairs++;
        if (pos > cos(2 * i, 2 * j + 1)) right++;
      });
    });
    const where = video.split.heldOutKind === 'scenes' ? 'scenes' : 'lastFifth';
    return [{ value: right / pairs, chance: 0.5, detail: text(`charts.heldOut.detail.wangGupta.${where}`, { tracks: heldOutTracks.length, pairs }) }];
  };

  /** The start frame of each drawn track with its path and first / last boxes drawn on it: [n, H, W, 3]. */
  const trackFrames = (chosen: number[]): tf.Tensor4D => {
    const { height, width, channels } = train;
    const out = new Float32Array(chosen.length * height * width * 3);
    chosen.forEach((ti, col) => {
      const t = tracks[ti];
      const src = frameBytes(train, train.clips[t.clip].start + t.startFrame);
      const rgb = new Uint8Array(height * width * 3);
      for (let px = 0; px < height * width; px++) for (let k = 0; k < 3; k++) rgb[px * 3 + k] = src[px * channels + (channels === 3 ? k : 0)];
      drawTrack(rgb, width, height, t.positions, patch, TRACK_COLOURS[col % TRACK_COLOURS.length]);
      for (let i = 0; i < rgb.length; i++) out[col * rgb.length + i] = rgb[i] / 255;
    });
    return tf.tensor4d(out, [chosen.length, height, width, 3]);
  };

  return {
    sampleBatch,
    lossTerms,
    heldOutScores,
    preview: (batch: WangGuptaBatch) => {
      const { captions } = batch;
      const r = p.randomNegatives;
      const rows: PreviewRow[] = [
        { caption: text('charts.preview.wangGupta.track'), images: trackFrames(batch.tracks.slice(0, PREVIEW_COLUMNS)), labels: captions[0] },
        { caption: text('charts.preview.wangGupta.first'), images: firstRows(batch.first, PREVIEW_COLUMNS) },
        { caption: text('charts.preview.wangGupta.last'), images: firstRows(batch.last, PREVIEW_COLUMNS), labels: captions[1] },
      ];
      if (batch.others) {
        const oneEach = tf.gather(batch.others, tf.tensor1d(Int32Array.from({ length: Math.min(PREVIEW_COLUMNS, batch.first.shape[0]) }, (_, i) => i * r), 'int32')) as tf.Tensor4D;
        rows.push({ caption: text('charts.preview.wangGupta.negative'), images: oneEach, labels: captions[2] });
      }
      return [{
        title: text('charts.preview.wangGupta.title', { tracks: tracks.length, videos: byScene.size, random: r, hard: p.hardNegatives }),
        rows,
      }];
    },
  };
});
