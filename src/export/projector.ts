/**
 * Held-out embeddings as the two TSV files the TensorFlow Embedding Projector
 * (projector.tensorflow.org, "Load") reads. Pure.
 *   vectors:  one line per point, `dim` tab-separated numbers, no header.
 *   metadata: one line per point, in the same order. With more than one column the Projector
 *             takes the first line as the header (a single column would have none); ours always
 *             has several: label, class_index, and for video datasets clip and frame.
 */
import type { EmbeddingRecord } from '../experiment/types';
import { text } from '../shared/text';
import { TextError } from '../i18n/textError';

export const UNLABELLED = 'unlabelled';

/** A TSV cell: tabs and line breaks would split it, so they become spaces. */
export function tsvCell(text: string): string {
  return text.replace(/[\t\r\n]/g, ' ');
}

function checkSizes(e: EmbeddingRecord): number {
  const count = e.labels.length;
  // The Projector rejects one-dimensional vectors.
  if (!Number.isInteger(e.dim) || e.dim < 2) throw new TextError(text('compare.export.projector.dims', { dim: e.dim }));
  if (e.data.length !== count * e.dim) {
    throw new TextError(text('compare.export.projector.size', { values: e.data.length, points: count, dim: e.dim }));
  }
  if (e.clips && (e.clips.clip.length !== count || e.clips.frame.length !== count)) {
    throw new TextError(text('compare.export.projector.clips', { points: count }));
  }
  // The Projector reads a leading "NaN" as a label column, which shifts that row's dimensions.
  const bad = e.data.findIndex((x) => Number.isNaN(x));
  if (bad >= 0) throw new TextError(text('compare.export.projector.nan', { point: Math.floor(bad / e.dim) }));
  return count;
}

function vectorsTsv(e: EmbeddingRecord, count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    // String(x): the float32 value's exact decimal (as a double), so nothing is rounded away.
    lines.push(Array.from(e.data.subarray(i * e.dim, (i + 1) * e.dim), String).join('\t') + '\n');
  }
  return lines.join('');
}

/** A class index as its name; -1 is unlabelled, an index without a name keeps its number. */
function labelName(e: EmbeddingRecord, index: number): string {
  if (index < 0) return UNLABELLED;
  return tsvCell(e.classNames[index] ?? `class ${index}`);
}

function metadataTsv(e: EmbeddingRecord, count: number): string {
  const clips = e.clips;
  const header = clips ? ['label', 'class_index', 'clip', 'frame'] : ['label', 'class_index'];
  const lines = [header.join('\t') + '\n'];
  for (let i = 0; i < count; i++) {
    const cells = [labelName(e, e.labels[i]), String(e.labels[i])];
    if (clips) {
      const clip = clips.clip[i];
      cells.push(tsvCell(clips.clipNames[clip] ?? `clip ${clip}`), String(clips.frame[i]));
    }
    lines.push(cells.join('\t') + '\n');
  }
  return lines.join('');
}

/** The Projector's vectors and metadata files for `e` (throws if its arrays disagree in size). */
export function projectorTsv(e: EmbeddingRecord): { vectors: string; metadata: string } {
  const count = checkSizes(e);
  return { vectors: vectorsTsv(e, count), metadata: metadataTsv(e, count) };
}
