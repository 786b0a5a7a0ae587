/**
 * Every dataset as images, for the image methods and for evaluation: an image dataset as it is;
 * a video dataset's frames, labelled with their clips' classes, where whole scenes are held out
 * (./videoHoldOut.ts: one in five, every class tested) or, failing that, the last fifth of each clip.
 */
import type { Dataset, ImageDataset, ImageSplit, VideoDataset } from './dataset';
import { imageBytesOf, pickFromSplit } from './dataset';
import { shuffled } from './splits';
import { evaluationHeldOutScenes } from './videoHoldOut';

export const HELD_OUT_FRACTION = 0.2;

/** Frames of clip i at [start, end) held out: the last fifth of a clip with 5 or more frames. */
export function heldOutFrames(frameCount: number, fraction = HELD_OUT_FRACTION): number {
  return frameCount >= 5 ? Math.max(1, Math.round(frameCount * fraction)) : 0;
}

/** Frames [from, to) of clip c held out (test), the rest training. */
export function heldOutRange(clip: Pick<VideoDataset['clips'][number], 'scene' | 'frameCount'>, heldScenes: Set<number> | null): { from: number; to: number } {
  if (heldScenes) return heldScenes.has(clip.scene) ? { from: 0, to: clip.frameCount } : { from: clip.frameCount, to: clip.frameCount };
  return { from: clip.frameCount - heldOutFrames(clip.frameCount), to: clip.frameCount };
}

function framesAsSplit(d: VideoDataset, part: 'train' | 'test'): ImageSplit {
  const heldScenes = evaluationHeldOutScenes(d.clips);
  const bytes = imageBytesOf(d);
  const total = d.clips.reduce((n, c) => n + c.frameCount, 0);
  const origin = { clip: new Int32Array(total), frame: new Int32Array(total) };
  const all: ImageSplit = { images: new Uint8Array(total * bytes), labels: new Int32Array(total), count: total, origin };
  const picked: number[] = [];
  let o = 0;
  for (const [c, clip] of d.clips.entries()) {
    all.images.set(clip.frames.subarray(0, clip.frameCount * bytes), o * bytes);
    all.labels.fill(clip.label, o, o + clip.frameCount);
    origin.clip.fill(c, o, o + clip.frameCount);
    for (let t = 0; t < clip.frameCount; t++) origin.frame[o + t] = t;
    const held = heldOutRange(clip, heldScenes);
    for (let t = 0; t < clip.frameCount; t++) if ((t >= held.from && t < held.to) === (part === 'test')) picked.push(o + t);
    o += clip.frameCount;
  }
  return pickFromSplit(all, shuffled(picked), bytes);
}

export function imageViewOf(d: Dataset): ImageDataset {
  if (d.kind === 'images') return d;
  return {
    kind: 'images', id: d.id, name: `${d.name} (frames)`, height: d.height, width: d.width, channels: d.channels,
    classNames: d.classNames, source: d.source, train: framesAsSplit(d, 'train'), test: framesAsSplit(d, 'test'),
    clipNames: d.clips.map((c) => c.name),
  };
}
