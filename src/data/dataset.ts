/** In-memory datasets as the training side sees them (no DOM, no tfjs). */
import type { Text } from '../shared/text';

export interface ImageSplit {
  /** count * height * width * channels bytes, row-major HWC per image. */
  images: Uint8Array;
  /** [count] class index, -1 where unlabelled. */
  labels: Int32Array;
  count: number;
  /** For frames of videos: which clip and which frame each image is (maps colour by video and time). */
  origin?: { clip: Int32Array; frame: Int32Array };
}

interface DatasetBase {
  id: string;
  name: string;
  height: number;
  width: number;
  channels: 1 | 3;
  classNames: string[];
  /** Where the data comes from, and its licence (a Text for the built-in and imported datasets). */
  source: Text | string;
}

export interface ImageDataset extends DatasetBase {
  kind: 'images';
  /** For a video dataset seen as frames: the clips' names, indexed by ImageSplit.origin.clip. */
  clipNames?: string[];
  /** Training images (what self-supervised methods see; labels are not used by SimCLR / MoCo). */
  train: ImageSplit;
  /** The fixed held-out labelled split (evaluation). */
  test: ImageSplit;
}

/** One video: its frames in order. Clips with the same scene are synchronised views of it. */
export interface VideoClip {
  name: string;
  /** Class index, -1 where unlabelled. */
  label: number;
  scene: number;
  view: number;
  frameCount: number;
  /** frameCount * height * width * channels bytes. */
  frames: Uint8Array;
  /** [frameCount] seconds from the start of the video. For synchronised views, frame i of every view is time step i. */
  timestamps: Float64Array;
}

export interface VideoDataset extends DatasetBase {
  kind: 'video';
  /** Frames per second the clips were sampled at. */
  fps: number;
  clips: VideoClip[];
}

export type Dataset = ImageDataset | VideoDataset;

export const imageBytesOf = (d: Pick<DatasetBase, 'height' | 'width' | 'channels'>) => d.height * d.width * d.channels;

export function classCounts(split: ImageSplit, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const l of split.labels) if (l >= 0) counts[l]++;
  return counts;
}

/** The first `count` images of a split (a view, no copy). */
export function headOfSplit(split: ImageSplit, count: number, imageBytes: number): ImageSplit {
  const n = Math.min(count, split.count);
  const origin = split.origin && { clip: split.origin.clip.subarray(0, n), frame: split.origin.frame.subarray(0, n) };
  return { images: split.images.subarray(0, n * imageBytes), labels: split.labels.subarray(0, n), count: n, ...(origin && { origin }) };
}

/** The images of `split` at `indices`, copied in that order. */
export function pickFromSplit(split: ImageSplit, indices: ArrayLike<number>, imageBytes: number): ImageSplit {
  const images = new Uint8Array(indices.length * imageBytes);
  const labels = new Int32Array(indices.length);
  const origin = split.origin && { clip: new Int32Array(indices.length), frame: new Int32Array(indices.length) };
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    images.set(split.images.subarray(j * imageBytes, (j + 1) * imageBytes), i * imageBytes);
    labels[i] = split.labels[j];
    if (origin) { origin.clip[i] = split.origin!.clip[j]; origin.frame[i] = split.origin!.frame[j]; }
  }
  return { images, labels, count: indices.length, ...(origin && { origin }) };
}

/** Only the labelled images of a split (evaluation needs labels). */
export function labelledOnly(split: ImageSplit, imageBytes: number): ImageSplit {
  const keep: number[] = [];
  for (let i = 0; i < split.count; i++) if (split.labels[i] >= 0) keep.push(i);
  return keep.length === split.count ? split : pickFromSplit(split, keep, imageBytes);
}
