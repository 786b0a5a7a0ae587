/**
 * What the three video methods share: their VideoSource, gathering frames by global index, and
 * embedding a run of held-out frames in fixed-size chunks (few distinct shapes keep the WebGPU
 * buffer pool flat).
 */
import * as tf from '@tensorflow/tfjs';
import type { FrameStore, StoredClip } from '../video/frameStore';
import type { MethodId } from './catalog';
import { assertDatasetFits } from './requirements';
import type { MethodContext, VideoSource } from './types';
import { embedInChunksData } from '../eval/embedInChunks';
import { text, type Text } from '../shared/text';

/** The run's videos, or the dataset-requirement message (./requirements.ts) when it has none. */
export function requireVideo(ctx: MethodContext, methodId: MethodId): VideoSource {
  assertDatasetFits(methodId, { name: 'the dataset', kind: ctx.video ? 'video' : 'images', usableClasses: ctx.train.numClasses });
  return ctx.video!;
}

/** frames[indices]: [indices.length, H, W, 3]. */
export function gatherFrames(frames: tf.Tensor4D, indices: Int32Array): tf.Tensor4D {
  return tf.gather(frames, tf.tensor1d(indices, 'int32')) as tf.Tensor4D;
}

export const EVAL_CHUNK = 64;

/**
 * f applied to `count` rows built by makeChunk, at most EVAL_CHUNK rows at a time (eval/embedInChunks.ts),
 * read back: [count * dim] and dim. makeChunk gets the chunk's row ids.
 */
export function embedRows(count: number, makeChunk: (rows: Int32Array) => tf.Tensor4D, f: (x: tf.Tensor4D) => tf.Tensor2D): Promise<{ values: Float32Array; dim: number }> {
  return embedInChunksData(count, makeChunk, f, EVAL_CHUNK);
}

/** f applied to frames[indices] (see embedRows). */
export function embedIndices(frames: tf.Tensor4D, indices: Int32Array, f: (x: tf.Tensor4D) => tf.Tensor2D): Promise<{ values: Float32Array; dim: number }> {
  return embedRows(indices.length, (rows) => gatherFrames(frames, rows.map((r) => indices[r])), f);
}

/** Clip and frame-within-clip of a global frame index. */
export function locateFrame(store: FrameStore, index: number): { clip: StoredClip; clipIndex: number; frame: number } {
  let lo = 0, hi = store.clips.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (store.clips[mid].start <= index) lo = mid; else hi = mid - 1;
  }
  return { clip: store.clips[lo], clipIndex: lo, frame: index - store.clips[lo].start };
}

/** "view 2 · t=13" (or "clip name · t=13" for single-view data). */
export function frameCaption(store: FrameStore, index: number, multiView: boolean): Text | string {
  const { clip, frame } = locateFrame(store, index);
  return multiView ? text('charts.preview.frames.view', { view: clip.view + 1, frame }) : `${clip.name} · t=${frame}`;
}
