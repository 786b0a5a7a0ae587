/**
 * One import, start to end: the data worker decodes images and zips, the main thread decodes the
 * videos, then each resulting dataset is fingerprinted, summarised and cached in IndexedDB. A file
 * that fails is listed with its reason and never takes the others down.
 */
import { assembleVideos, type DecodedClip } from '../data/assemble';
import { checkQuota, datasetBytes, saveDataset, type ImportNotes, type SkippedFile, type StoredDatasetInfo } from '../data/datasetCache';
import type { Dataset } from '../data/dataset';
import { fingerprintOfFiles, shortFingerprint, type FileDigest } from '../data/fingerprint';
import { summarize, thumbnailRows } from '../data/summary';
import { dataClient, ImportCancelled, type ProgressReport } from '../client/dataClient';
import { englishText } from '../i18n/render';
import type { ImportItem } from '../shared/dataProtocol';
import { text, type Text } from '../shared/text';
import { decodeVideo, VideoDecodeError } from './videoDecoder';

export interface ImportSettings {
  /** Images and frames are cropped to their central square and resized to size x size. */
  size: number;
  /** Video frames sampled per second. */
  fps: number;
  maxFramesPerVideo: number;
  /** The dropped videos are synchronised views of one scene (multi-view methods). */
  synchronised: boolean;
}

export const DEFAULT_IMPORT_SETTINGS: ImportSettings = { size: 32, fps: 10, maxFramesPerVideo: 120, synchronised: false };

export interface ImportedDataset {
  info: StoredDatasetInfo;
  dataset: Dataset;
  /** False when it could not be stored (quota, private mode): it lives until the page closes. */
  cached: boolean;
}

export interface ImportOutcome {
  datasets: ImportedDataset[];
  skipped: SkippedFile[];
  warnings: (Text | string)[];
  /** Images per second and frames per second decoded (this machine, this import). */
  imagesPerSecond: number;
  framesPerSecond: number;
}

/** An import that loaded nothing: `text` says why (its English is the message). */
export class ImportError extends Error {
  constructor(readonly text: Text | string, readonly skipped: SkippedFile[] = []) {
    super(englishText(text));
  }
}

/** A name for what was dropped: the folder or zip, the single file, or a count. */
export function nameOfDrop(items: ImportItem[], what: string): string {
  const sources = new Set(items.map((i) => i.source));
  if (sources.size === 1 && !sources.has('')) return [...sources][0];
  if (items.length === 1) return items[0].path.replace(/\.zip$/i, '');
  return `${items.length} dropped files (${what})`;
}

async function finish(dataset: Dataset, digests: FileDigest[], settings: string, notes: Omit<ImportNotes, 'settings'>): Promise<ImportedDataset> {
  const fingerprint = await fingerprintOfFiles(digests, settings);
  dataset.id = `user-${shortFingerprint(fingerprint)}`;
  const info: StoredDatasetInfo = {
    id: dataset.id, summary: summarize(dataset, fingerprint), thumbnails: thumbnailRows(dataset),
    notes: { ...notes, settings }, importedAt: Date.now(), bytes: datasetBytes(dataset),
  };
  const full = await checkQuota(info.bytes);
  if (full) return { info: { ...info, notes: { ...info.notes, warnings: [...info.notes.warnings, full] } }, dataset, cached: false };
  try {
    await saveDataset(info, dataset);
    return { info, dataset, cached: true };
  } catch (e) {
    const why = text('data.importer.notCached', { error: e instanceof Error ? e.message : String(e) });
    return { info: { ...info, notes: { ...info.notes, warnings: [...info.notes.warnings, why] } }, dataset, cached: false };
  }
}

export async function importItems(
  items: ImportItem[], settings: ImportSettings, progress: (p: ProgressReport) => void, signal: AbortSignal, name?: string,
): Promise<ImportOutcome> {
  if (items.length === 0) throw new ImportError(text('data.importer.nothing'));
  const found = await dataClient.importFiles(items, settings.size, progress, signal);
  const skipped = found.skipped.slice();
  const imageSeconds = found.decodeSeconds;

  const clips: DecodedClip[] = [];
  const videoDigests: FileDigest[] = [];
  let frames = 0;
  const readWarnings: Text[] = [];
  const videoStart = performance.now();
  for (const [k, v] of found.videos.entries()) {
    const stage = text('data.importer.decodingVideo', { index: k + 1, count: found.videos.length });
    progress({ stage, done: 0, total: 1, current: v.path });
    try {
      const decoded = await decodeVideo(v.file, v.path, { size: settings.size, fps: settings.fps, maxFrames: settings.maxFramesPerVideo },
        (done, total) => progress({ stage, done, total, current: v.path }), signal);
      clips.push({ name: v.path, label: v.label, frameCount: decoded.frameCount, frames: decoded.frames, timestamps: decoded.timestamps });
      if (decoded.duration * settings.fps > settings.maxFramesPerVideo + 1) {
        readWarnings.push(text('data.importer.videoCut', { path: v.path, duration: decoded.duration, read: decoded.frameCount / settings.fps, frames: decoded.frameCount }));
      }
      videoDigests.push(v.digest);
      frames += decoded.frameCount;
    } catch (e) {
      if (signal.aborted) throw new ImportCancelled();
      skipped.push({ path: v.path, reason: e instanceof VideoDecodeError ? e.text : text('data.importer.couldNotDecode', { error: e instanceof Error ? e.message : String(e) }) });
    }
  }
  const videoSeconds = (performance.now() - videoStart) / 1000;
  if (signal.aborted) throw new ImportCancelled();

  const warnings: (Text | string)[] = [];
  const datasets: ImportedDataset[] = [];
  const imageCount = found.images?.train.count ?? 0;
  progress({ stage: text('data.importer.saving'), done: 0, total: 1, current: '' });
  if (found.images) {
    const dataset = found.images;
    dataset.name = name ?? nameOfDrop(items, 'images');
    dataset.source = text('data.importer.sourceImages', { files: found.imageDigests.length, size: settings.size });
    const notes = { skipped, warnings: [], images: found.imageDigests.length, frames: 0, decodeSeconds: imageSeconds };
    datasets.push(await finish(dataset, found.imageDigests, `images size=${settings.size}`, notes));
  }
  if (clips.length > 0) {
    const { dataset, warnings: videoWarnings } = assembleVideos(
      { id: 'pending', name: name ?? nameOfDrop(items, 'videos'), size: settings.size, fps: settings.fps, source: text('data.importer.sourceVideos', { clips: clips.length, fps: settings.fps, size: settings.size }) },
      clips, settings.synchronised,
    );
    warnings.push(...readWarnings, ...videoWarnings);
    const notes = { skipped, warnings: [...readWarnings, ...videoWarnings], images: 0, frames, decodeSeconds: videoSeconds };
    const sync = dataset.clips.some((c) => c.view > 0);
    datasets.push(await finish(dataset, videoDigests, `videos size=${settings.size} fps=${settings.fps} max=${settings.maxFramesPerVideo} sync=${sync}`, notes));
  }
  // The same warning once, though both datasets have it (Texts compare by content).
  const seen = new Set(warnings.map((w) => JSON.stringify(w)));
  for (const d of datasets) {
    for (const w of d.info.notes.warnings) if (!seen.has(JSON.stringify(w))) { seen.add(JSON.stringify(w)); warnings.push(w); }
  }
  if (datasets.length === 0) {
    throw new ImportError(text('data.importer.noneLoaded', { count: items.length }), skipped);
  }
  return {
    datasets, skipped, warnings,
    imagesPerSecond: imageCount > 0 ? found.imageDigests.length / Math.max(imageSeconds, 1e-3) : 0,
    framesPerSecond: frames > 0 ? frames / Math.max(videoSeconds, 1e-3) : 0,
  };
}
