/** Decoded files in, a dataset out: labels from folders, the fixed held-out split, synchronised views. */
import { text, type Text } from '../shared/text';
import type { ImageDataset, VideoClip, VideoDataset } from './dataset';
import { pickFromSplit } from './dataset';
import { stratifiedHoldOut } from './splits';

export const USER_HELD_OUT_FRACTION = 0.2;

export interface DecodedImage {
  path: string;
  label: string | null;
  /** size * size * 3 RGB bytes. */
  pixels: Uint8Array;
  /** Every pixel has R = G = B. */
  gray: boolean;
}

export interface DecodedClip {
  name: string;
  label: string | null;
  frameCount: number;
  /** frameCount * size * size * 3 RGB bytes. */
  frames: Uint8Array;
  timestamps: Float64Array;
}

const classIndex = (labels: (string | null)[]) => {
  const names = [...new Set(labels.filter((l): l is string => l !== null))].sort();
  return { names, index: (l: string | null) => (l === null ? -1 : names.indexOf(l)) };
};

/** Images sorted by path (the order files arrive in does not matter), grayscale kept as one channel when every image is gray. */
export function assembleImages(meta: { id: string; name: string; size: number; source: Text | string }, decoded: DecodedImage[]): ImageDataset {
  const images = decoded.slice().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const channels: 1 | 3 = images.length > 0 && images.every((i) => i.gray) ? 1 : 3;
  const bytes = meta.size * meta.size * channels;
  const { names, index } = classIndex(images.map((i) => i.label));
  const all = { images: new Uint8Array(images.length * bytes), labels: new Int32Array(images.length), count: images.length };
  images.forEach((img, i) => {
    if (channels === 3) all.images.set(img.pixels, i * bytes);
    else for (let p = 0; p < bytes; p++) all.images[i * bytes + p] = img.pixels[p * 3];
    all.labels[i] = index(img.label);
  });
  const split = stratifiedHoldOut(all.labels, USER_HELD_OUT_FRACTION);
  return {
    kind: 'images', id: meta.id, name: meta.name, height: meta.size, width: meta.size, channels, classNames: names, source: meta.source,
    train: pickFromSplit(all, split.train, bytes), test: pickFromSplit(all, split.test, bytes),
  };
}

/**
 * Videos sorted by name. With `synchronised`, they are views of one scene: all are cut to the
 * shortest (frame i of every view is time step i), with a warning when lengths differ.
 */
export function assembleVideos(
  meta: { id: string; name: string; size: number; fps: number; source: Text | string },
  decoded: DecodedClip[],
  synchronised: boolean,
): { dataset: VideoDataset; warnings: Text[] } {
  const warnings: Text[] = [];
  const clips = decoded.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const bytes = meta.size * meta.size * 3;
  const { names, index } = classIndex(clips.map((c) => c.label));
  const sync = synchronised && clips.length >= 2;
  if (synchronised && clips.length < 2) warnings.push(text('data.assemble.onlyOne'));
  let length = Infinity;
  if (sync) {
    length = Math.min(...clips.map((c) => c.frameCount));
    if (clips.some((c) => c.frameCount !== length)) {
      const lengths = clips.map((c): Text => text('data.assemble.clipLength', { name: c.name, frames: c.frameCount }))
        .reduce((list, item) => text('data.summary.listMore', { list, item }));
      warnings.push(text('data.assemble.differentLengths', { lengths, shortest: length }));
    }
  }
  const out: VideoClip[] = clips.map((c, i) => {
    const n = Math.min(c.frameCount, length);
    return {
      name: c.name, label: index(c.label), scene: sync ? 0 : i, view: sync ? i : 0, frameCount: n,
      frames: n === c.frameCount ? c.frames : c.frames.slice(0, n * bytes), timestamps: n === c.frameCount ? c.timestamps : c.timestamps.slice(0, n),
    };
  });
  return {
    dataset: { kind: 'video', id: meta.id, name: meta.name, height: meta.size, width: meta.size, channels: 3, fps: meta.fps, classNames: names, clips: out, source: meta.source },
    warnings,
  };
}
