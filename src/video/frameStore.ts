/**
 * Video clips as the video methods see them: every frame of every clip back to back in one byte
 * array (so a batch is one gather of global frame indices), with each clip's place in it. No
 * tfjs, no DOM: samplers, the tracker and Node tests all read this.
 */
import type { VideoClip, VideoDataset } from '../data/dataset';
import { heldOutFrames } from '../data/imageView';
import { evaluationHeldOutScenes, pickHeldOutScenes } from '../data/videoHoldOut';

export interface StoredClip {
  name: string;
  /** Class index, -1 where unlabelled. */
  label: number;
  /** Clips with the same scene are synchronised views: frame i of each is time step i. */
  scene: number;
  view: number;
  /** Index of the clip's first frame in FrameStore.bytes (in frames). */
  start: number;
  frameCount: number;
}

export interface FrameStore {
  height: number;
  width: number;
  channels: 1 | 3;
  /** frameCount * height * width * channels bytes, clip after clip, frames in time order. */
  bytes: Uint8Array;
  /** Frames in the store (all clips). */
  frameCount: number;
  clips: StoredClip[];
}

/** How the held-out part of a video dataset was chosen. */
export type HeldOutKind = 'scenes' | 'segments';

export interface VideoSplit {
  /** Training clips: only the frames image-view training also uses (the first four fifths). */
  train: FrameStore;
  /** Held-out clips, whole (kind 'scenes'), or the last fifth of every clip (kind 'segments'). */
  heldOut: FrameStore;
  heldOutKind: HeldOutKind;
}

const frameBytesOf = (s: Pick<FrameStore, 'height' | 'width' | 'channels'>) => s.height * s.width * s.channels;

/** The frames [from, to) of each clip, in one store. */
export function storeOf(d: Pick<VideoDataset, 'height' | 'width' | 'channels'>, parts: { clip: VideoClip; from: number; to: number }[]): FrameStore {
  const frameBytes = frameBytesOf(d);
  const frameCount = parts.reduce((n, p) => n + Math.max(0, p.to - p.from), 0);
  const bytes = new Uint8Array(frameCount * frameBytes);
  const clips: StoredClip[] = [];
  let start = 0;
  for (const { clip, from, to } of parts) {
    const n = Math.max(0, to - from);
    if (n === 0) continue;
    bytes.set(clip.frames.subarray(from * frameBytes, to * frameBytes), start * frameBytes);
    clips.push({ name: clip.name, label: clip.label, scene: clip.scene, view: clip.view, start, frameCount: n });
    start += n;
  }
  return { height: d.height, width: d.width, channels: d.channels, bytes, frameCount, clips };
}

/** One frame's bytes (a view, no copy). */
export function frameBytes(store: FrameStore, index: number): Uint8Array {
  const n = frameBytesOf(store);
  return store.bytes.subarray(index * n, (index + 1) * n);
}

/**
 * The split the video methods train and evaluate on; training never sees a frame the image view
 * (imageViewOf) holds out, so kNN queries stay unseen.
 *  - Evaluation holds out whole scenes (./../data/videoHoldOut.ts): the same scenes, whole, are
 *    held out here and the others train whole.
 *  - Evaluation holds out each clip's last fifth, but there are MIN_SCENES_TO_HOLD_OUT scenes or
 *    more (the turntable: holding out one of its six scenes would leave two classes untested by
 *    kNN): the video tasks are scored on one scene in five, whole (every view), and the others
 *    train on their first four fifths.
 *  - Otherwise (a few dropped videos): training on the first four fifths, the tasks scored on the
 *    last fifth of each clip.
 */
export function splitVideo(d: VideoDataset): VideoSplit {
  const whole = (c: VideoClip) => ({ clip: c, from: 0, to: c.frameCount });
  const evaluated = evaluationHeldOutScenes(d.clips);
  if (evaluated) {
    return {
      train: storeOf(d, d.clips.filter((c) => !evaluated.has(c.scene)).map(whole)),
      heldOut: storeOf(d, d.clips.filter((c) => evaluated.has(c.scene)).map(whole)),
      heldOutKind: 'scenes',
    };
  }
  const trainPart = (c: VideoClip) => ({ clip: c, from: 0, to: c.frameCount - heldOutFrames(c.frameCount) });
  const held = pickHeldOutScenes(d.clips);
  if (held) {
    return {
      train: storeOf(d, d.clips.filter((c) => !held.has(c.scene)).map(trainPart)),
      heldOut: storeOf(d, d.clips.filter((c) => held.has(c.scene)).map(whole)),
      heldOutKind: 'scenes',
    };
  }
  return {
    train: storeOf(d, d.clips.map(trainPart)),
    heldOut: storeOf(d, d.clips.map((c) => ({ clip: c, from: c.frameCount - heldOutFrames(c.frameCount), to: c.frameCount }))),
    heldOutKind: 'segments',
  };
}

/** Scenes with two or more views, each as its views' clip indices (sorted by view). */
export function multiViewScenes(store: FrameStore): number[][] {
  const byScene = new Map<number, number[]>();
  store.clips.forEach((c, i) => byScene.set(c.scene, [...(byScene.get(c.scene) ?? []), i]));
  return [...byScene.values()].filter((v) => v.length >= 2).map((v) => v.sort((a, b) => store.clips[a].view - store.clips[b].view));
}
