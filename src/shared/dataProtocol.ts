/**
 * Messages between the main thread and the data worker (decoding images and archives, describing
 * built-in datasets). Both sides import this module and nothing else of each other's.
 */
import type { ImageDataset } from '../data/dataset';
import type { DatasetSummary, ThumbnailRow } from '../data/summary';
import type { FileDigest } from '../data/fingerprint';
import type { SkippedFile } from '../data/datasetCache';
import type { Text } from './text';

export interface ImportItem {
  file: Blob;
  /** Path relative to the dropped folder or zip ("cat/1.png"), or the bare name of a loose file. */
  path: string;
  /** The dropped folder, zip or "" for loose files: where the path is relative to. */
  source: string;
}

export interface FoundVideo {
  file: Blob;
  path: string;
  label: string | null;
  digest: FileDigest;
}

export type ToDataWorker =
  | { type: 'importFiles'; job: number; items: ImportItem[]; size: number }
  | { type: 'cancel'; job: number }
  /** Summary and preview grid of a built-in dataset. */
  | { type: 'describeBuiltin'; id: string };

export type FromDataWorker =
  | { type: 'progress'; job: number; stage: Text | string; done: number; total: number; current: string }
  | {
      type: 'imported';
      job: number;
      /** The decoded images (null when there were none), its arrays transferred. */
      images: ImageDataset | null;
      imageDigests: FileDigest[];
      /** Videos found (decoded on the main thread, which has HTMLVideoElement). */
      videos: FoundVideo[];
      skipped: SkippedFile[];
      decodeSeconds: number;
    }
  | { type: 'cancelled'; job: number }
  | { type: 'failed'; job: number; message: Text | string }
  | { type: 'builtin'; id: string; summary: DatasetSummary; thumbnails: ThumbnailRow[] }
  | { type: 'builtinFailed'; id: string; message: Text | string };
