/**
 * A preview of what a method sees in one batch, as plain data: the one shape the training side
 * produces (train/), the worker protocol carries and the UI draws (ui/ImageStrip.tsx). Titles,
 * captions and labels are Texts (catalog keys 'charts.preview.…' with their values, rendered in
 * the reader's language) or plain strings where they are data (a class or clip name).
 */
import type { Text } from './text';

export interface PreviewImageRow {
  caption: Text | string;
  count: number;
  height: number;
  width: number;
  /** count * height * width * 4 bytes, RGBA, images side by side in order (transferred). */
  rgba: Uint8ClampedArray;
  /** Text under each image (class, rotation, joint label, frame), where the method gives one. */
  labels?: (Text | string)[];
}

export interface PreviewImagePanel {
  title: Text | string;
  rows: PreviewImageRow[];
}
