/**
 * What the Data panel shows of a dataset: counts per class and split, videos and frames, which
 * video methods each clip is long enough for, and a preview grid. Plain data (cloneable, UI-safe).
 */
import { text, type Text } from '../shared/text';
import type { Dataset, ImageSplit } from './dataset';
import { classCounts, imageBytesOf } from './dataset';
import { heldOutRange } from './imageView';
import { evaluationHeldOutScenes } from './videoHoldOut';
import { VIDEO_METHOD_NEEDS } from './videoRequirements';

export interface ClipSummary {
  name: string;
  label: string | null;
  scene: number;
  view: number;
  frames: number;
  seconds: number;
}

export interface DatasetSummary {
  id: string;
  name: string;
  kind: 'images' | 'video';
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  source: Text | string;
  /** Images the image methods train on and are evaluated on (for videos: frames). */
  trainCount: number;
  testCount: number;
  /** Per class: [train, test]. */
  perClass: { name: string; train: number; test: number }[];
  unlabelled: number;
  video?: {
    clips: number;
    scenes: number;
    /** Most views any scene has (2 or more: synchronised views for multi-view methods). */
    maxViews: number;
    frames: number;
    fps: number;
    clipList: ClipSummary[];
    /** One line per video method a clip is too short for, or a scene lacks views for. */
    tooShort: Text[];
  };
  fingerprint: string;
}

export interface ThumbnailRow {
  /** A class name (the dataset's own), or a Text ("unlabelled", a clip's name and frames). */
  caption: Text | string;
  count: number;
  height: number;
  width: number;
  /** count * height * width * 4 RGBA bytes, one image after another. */
  rgba: Uint8ClampedArray;
}

function unlabelledIn(split: ImageSplit): number {
  let n = 0;
  for (const l of split.labels) if (l < 0) n++;
  return n;
}

export function summarize(d: Dataset, fingerprint: string): DatasetSummary {
  const base = { id: d.id, name: d.name, kind: d.kind, height: d.height, width: d.width, channels: d.channels, classNames: d.classNames, source: d.source, fingerprint };
  if (d.kind === 'images') {
    const train = classCounts(d.train, d.classNames.length), test = classCounts(d.test, d.classNames.length);
    return {
      ...base, trainCount: d.train.count, testCount: d.test.count,
      perClass: d.classNames.map((name, i) => ({ name, train: train[i], test: test[i] })),
      unlabelled: unlabelledIn(d.train) + unlabelledIn(d.test),
    };
  }
  const perClass = d.classNames.map((name) => ({ name, train: 0, test: 0 }));
  let unlabelled = 0, trainCount = 0, testCount = 0;
  const heldScenes = evaluationHeldOutScenes(d.clips);
  for (const c of d.clips) {
    const held = heldOutRange(c, heldScenes);
    const test = held.to - held.from, train = c.frameCount - test;
    trainCount += train; testCount += test;
    if (c.label >= 0) { perClass[c.label].train += train; perClass[c.label].test += test; } else unlabelled += c.frameCount;
  }
  const views = new Map<number, number>();
  for (const c of d.clips) views.set(c.scene, (views.get(c.scene) ?? 0) + 1);
  const maxViews = Math.max(0, ...views.values());
  const tooShort: Text[] = [];
  for (const need of VIDEO_METHOD_NEEDS) {
    if (need.minViews > maxViews) {
      tooShort.push(text('data.summary.tooFewViews', { method: need.method, views: need.minViews, why: need.why, most: maxViews }));
      continue;
    }
    const short = d.clips.filter((c) => c.frameCount < need.minFrames);
    if (short.length === 0) continue;
    const listed = short.slice(0, 3).map((c): Text => text('data.summary.clipFrames', { name: c.name, frames: c.frameCount }))
      .reduce((list, item) => text('data.summary.listMore', { list, item }));
    const names = short.length > 3 ? text('data.summary.listEllipsis', { list: listed }) : listed;
    const which = short.length === d.clips.length ? text('data.summary.noClipLongEnough') : text('data.summary.someTooShort', { short: short.length, clips: d.clips.length });
    tooShort.push(text('data.summary.tooShort', { method: need.method, frames: need.minFrames, why: need.why, which, names }));
  }
  return {
    ...base, trainCount, testCount, perClass, unlabelled,
    video: {
      clips: d.clips.length, scenes: views.size, maxViews, frames: d.clips.reduce((n, c) => n + c.frameCount, 0), fps: d.fps,
      clipList: d.clips.map((c) => ({
        name: c.name, label: c.label >= 0 ? d.classNames[c.label] : null, scene: c.scene, view: c.view, frames: c.frameCount,
        seconds: c.frameCount > 0 ? c.timestamps[c.frameCount - 1] - c.timestamps[0] + 1 / d.fps : 0,
      })),
      tooShort,
    },
  };
}

/** Images as RGBA, one after another (grayscale repeated), as the preview rows of the training worker. */
function rgbaRow(images: Uint8Array[], height: number, width: number, channels: number): Uint8ClampedArray {
  const n = images.length, out = new Uint8ClampedArray(n * height * width * 4);
  images.forEach((img, i) => {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const src = (y * width + x) * channels, dst = ((i * height + y) * width + x) * 4;
        out[dst] = img[src];
        out[dst + 1] = img[src + (channels === 3 ? 1 : 0)];
        out[dst + 2] = img[src + (channels === 3 ? 2 : 0)];
        out[dst + 3] = 255;
      }
    }
  });
  return out;
}

/**
 * The preview grid: for images, a row per class (up to `perRow` train images each, then
 * unlabelled); for videos, a row per clip (up to `maxRows` clips) of frames spread over its length.
 */
export function thumbnailRows(d: Dataset, perRow = 10, maxRows = 8): ThumbnailRow[] {
  const bytes = imageBytesOf(d);
  const row = (caption: Text | string, images: Uint8Array[]): ThumbnailRow => ({ caption, count: images.length, height: d.height, width: d.width, rgba: rgbaRow(images, d.height, d.width, d.channels) });
  if (d.kind === 'images') {
    const buckets = new Map<number, Uint8Array[]>();
    for (const split of [d.train, d.test]) {
      for (let i = 0; i < split.count; i++) {
        const list = buckets.get(split.labels[i]) ?? [];
        if (list.length < perRow) list.push(split.images.subarray(i * bytes, (i + 1) * bytes));
        buckets.set(split.labels[i], list);
      }
    }
    const labels = [...buckets.keys()].sort((a, b) => (a < 0 ? 1 : b < 0 ? -1 : a - b)).slice(0, maxRows);
    return labels.map((l) => row(l >= 0 ? d.classNames[l] : text('data.summary.unlabelled'), buckets.get(l)!));
  }
  return d.clips.slice(0, maxRows).map((c) => {
    const k = Math.min(perRow, c.frameCount);
    const picks = Array.from({ length: k }, (_, i) => (k === 1 ? 0 : Math.round((i * (c.frameCount - 1)) / (k - 1))));
    const caption = d.clips.some((o) => o !== c && o.scene === c.scene)
      ? text('data.summary.clipViewCaption', { name: c.name, view: c.view + 1, frames: c.frameCount })
      : text('data.summary.clipCaption', { name: c.name, frames: c.frameCount });
    return row(caption, picks.map((p) => c.frames.subarray(p * bytes, (p + 1) * bytes)));
  });
}
