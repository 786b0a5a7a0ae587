/** In-memory image datasets as the training side sees them (no DOM, no tfjs). */

export interface ImageSplit {
  /** count * height * width * channels bytes, row-major HWC per image. */
  images: Uint8Array;
  /** [count] class index, -1 where unlabelled. */
  labels: Int32Array;
  count: number;
}

export interface ImageDataset {
  id: string;
  name: string;
  height: number;
  width: number;
  channels: 1 | 3;
  classNames: string[];
  /** Training images (what self-supervised methods see; labels are not used by SimCLR / MoCo). */
  train: ImageSplit;
  /** The fixed held-out labelled split (evaluation). */
  test: ImageSplit;
  /** Where the data comes from, and its licence. */
  source: string;
}

export function classCounts(split: ImageSplit, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const l of split.labels) if (l >= 0) counts[l]++;
  return counts;
}

/** The first `count` images of a split (a view, no copy). */
export function headOfSplit(split: ImageSplit, count: number, imageBytes: number): ImageSplit {
  const n = Math.min(count, split.count);
  return { images: split.images.subarray(0, n * imageBytes), labels: split.labels.subarray(0, n), count: n };
}
