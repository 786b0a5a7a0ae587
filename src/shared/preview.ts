/**
 * A preview of what a method sees in one batch, as plain data: the one shape the training side
 * produces (train/), the worker protocol carries and the UI draws (ui/ImageStrip.tsx).
 */
export interface PreviewImageRow {
  caption: string;
  count: number;
  height: number;
  width: number;
  /** count * height * width * 4 bytes, RGBA, images side by side in order (transferred). */
  rgba: Uint8ClampedArray;
  /** Text under each image (class, rotation, joint label, frame), where the method gives one. */
  labels?: string[];
}

export interface PreviewImagePanel {
  title: string;
  rows: PreviewImageRow[];
}
