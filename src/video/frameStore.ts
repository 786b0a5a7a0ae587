/**
 * Video clips as the video methods see them: every frame of every clip back to back in one byte
 * array (so a batch is one gather of global frame indices), with each clip's place in it. No
 * tfjs, no DOM: samplers, the tracker and Node tests all read this.
 */
import type { VideoClip, VideoDataset } from '../data/dataset';
import { heldOutFrames } from '../data/imageView';
import { shuffled } from '../data/splits';

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

/** Whole scenes are held out when there are at least this many; otherwise the end of every clip. */
export const MIN_SCENES_TO_HOLD_OUT = 5;

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
 * The split the video methods train and evaluate on. Training never sees the frames the image
 * view holds out (the last fifth of every clip), so kNN queries stay unseen. Tasks on held-out
 * videos (order verification, ranking, alignment) use whole held-out scenes, every view of them,
 * where there are MIN_SCENES_TO_HOLD_OUT scenes or more (one in five, fixed by the split seed);
 * with fewer (a few dropped videos) they use the held-out last fifth of each clip.
 */
export function splitVideo(d: VideoDataset): VideoSplit {
  const scenes = [...new Set(d.clips.map((c) => c.scene))].sort((a, b) => a - b);
  const trainPart = (c: VideoClip) => ({ clip: c, from: 0, to: c.frameCount - heldOutFrames(c.frameCount) });
  if (scenes.length >= MIN_SCENES_TO_HOLD_OUT) {
    const held = new Set(heldOutScenes(d.clips, scenes));
    return {
      train: storeOf(d, d.clips.filter((c) => !held.has(c.scene)).map(trainPart)),
      heldOut: storeOf(d, d.clips.filter((c) => held.has(c.scene)).map((c) => ({ clip: c, from: 0, to: c.frameCount }))),
      heldOutKind: 'scenes',
    };
  }
  return {
    train: storeOf(d, d.clips.map(trainPart)),
    heldOut: storeOf(d, d.clips.map((c) => ({ clip: c, from: c.frameCount - heldOutFrames(c.frameCount), to: c.frameCount }))),
    heldOutKind: 'segments',
  };
}

/**
 * One scene in five (at least one), taken round-robin over the labels from each label's scenes in
 * a fixed shuffle, so the classes are held out evenly and every class keeps training scenes.
 */
function heldOutScenes(clips: VideoClip[], scenes: number[]): number[] {
  const labelOf = new Map(clips.map((c) => [c.scene, c.label] as const));
  const byLabel = new Map<number, number[]>();
  for (const s of scenes) byLabel.set(labelOf.get(s)!, [...(byLabel.get(labelOf.get(s)!) ?? []), s]);
  const queues = [...byLabel.entries()].sort((a, b) => a[0] - b[0]).map(([label, members]) => shuffled(members, 0x5eed + label));
  const interleaved: number[] = [];
  for (let round = 0; interleaved.length < scenes.length; round++) for (const q of queues) if (round < q.length) interleaved.push(q[round]);
  return interleaved.slice(0, Math.max(1, Math.round(scenes.length / 5)));
}

/** Scenes with two or more views, each as its views' clip indices (sorted by view). */
export function multiViewScenes(store: FrameStore): number[][] {
  const byScene = new Map<number, number[]>();
  store.clips.forEach((c, i) => byScene.set(c.scene, [...(byScene.get(c.scene) ?? []), i]));
  return [...byScene.values()].filter((v) => v.length >= 2).map((v) => v.sort((a, b) => store.clips[a].view - store.clips[b].view));
}
