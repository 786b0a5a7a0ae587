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
import type { ImportItem } from '../shared/dataProtocol';
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
  warnings: string[];
  /** Images per second and frames per second decoded (this machine, this import). */
  imagesPerSecond: number;
  framesPerSecond: number;
}

export class ImportError extends Error {
  constructor(message: string, readonly skipped: SkippedFile[] = []) {
    super(message);
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
    const why = `It could not be cached in browser storage (${e instanceof Error ? e.message : String(e)}): it stays loaded until the page is closed.`;
    return { info: { ...info, notes: { ...info.notes, warnings: [...info.notes.warnings, why] } }, dataset, cached: false };
  }
}

export async function importItems(
  items: ImportItem[], settings: ImportSettings, progress: (p: ProgressReport) => void, signal: AbortSignal, name?: string,
): Promise<ImportOutcome> {
  if (items.length === 0) throw new ImportError('Nothing to import: the drop held no files (an empty folder?).');
  const found = await dataClient.importFiles(items, settings.size, progress, signal);
  const skipped = found.skipped.slice();
  const imageSeconds = found.decodeSeconds;

  const clips: DecodedClip[] = [];
  const videoDigests: FileDigest[] = [];
  let frames = 0;
  const readWarnings: string[] = [];
  const videoStart = performance.now();
  for (const [k, v] of found.videos.entries()) {
    const stage = `Decoding video ${k + 1} of ${found.videos.length}`;
    progress({ stage, done: 0, total: 1, current: v.path });
    try {
      const decoded = await decodeVideo(v.file, v.path, { size: settings.size, fps: settings.fps, maxFrames: settings.maxFramesPerVideo },
        (done, total) => progress({ stage, done, total, current: v.path }), signal);
      clips.push({ name: v.path, label: v.label, frameCount: decoded.frameCount, frames: decoded.frames, timestamps: decoded.timestamps });
      if (decoded.duration * settings.fps > settings.maxFramesPerVideo + 1) {
        readWarnings.push(`"${v.path}" is ${decoded.duration.toFixed(1)} s long; only its first ${(decoded.frameCount / settings.fps).toFixed(1)} s (${decoded.frameCount} frames, the "most frames per video" setting) were read.`);
      }
      videoDigests.push(v.digest);
      frames += decoded.frameCount;
    } catch (e) {
      if (signal.aborted) throw new ImportCancelled();
      skipped.push({ path: v.path, reason: e instanceof VideoDecodeError ? e.message : `could not be decoded: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  const videoSeconds = (performance.now() - videoStart) / 1000;
  if (signal.aborted) throw new ImportCancelled();

  const warnings: string[] = [];
  const datasets: ImportedDataset[] = [];
  const imageCount = found.images?.train.count ?? 0;
  progress({ stage: 'Saving to browser storage', done: 0, total: 1, current: '' });
  if (found.images) {
    const dataset = found.images;
    dataset.name = name ?? nameOfDrop(items, 'images');
    dataset.source = `imported from this computer: ${found.imageDigests.length} image files, center-cropped and resized to ${settings.size} px`;
    const notes = { skipped, warnings: [], images: found.imageDigests.length, frames: 0, decodeSeconds: imageSeconds };
    datasets.push(await finish(dataset, found.imageDigests, `images size=${settings.size}`, notes));
  }
  if (clips.length > 0) {
    const { dataset, warnings: videoWarnings } = assembleVideos(
      { id: 'pending', name: name ?? nameOfDrop(items, 'videos'), size: settings.size, fps: settings.fps, source: `imported from this computer: ${clips.length} videos sampled at ${settings.fps} fps, center-cropped and resized to ${settings.size} px` },
      clips, settings.synchronised,
    );
    warnings.push(...readWarnings, ...videoWarnings);
    const notes = { skipped, warnings: [...readWarnings, ...videoWarnings], images: 0, frames, decodeSeconds: videoSeconds };
    const sync = dataset.clips.some((c) => c.view > 0);
    datasets.push(await finish(dataset, videoDigests, `videos size=${settings.size} fps=${settings.fps} max=${settings.maxFramesPerVideo} sync=${sync}`, notes));
  }
  for (const d of datasets) warnings.push(...d.info.notes.warnings.filter((w) => !warnings.includes(w)));
  if (datasets.length === 0) {
    throw new ImportError(`None of the ${items.length} file${items.length === 1 ? '' : 's'} could be loaded as an image or a video; see the list of skipped files.`, skipped);
  }
  return {
    datasets, skipped, warnings,
    imagesPerSecond: imageCount > 0 ? found.imageDigests.length / Math.max(imageSeconds, 1e-3) : 0,
    framesPerSecond: frames > 0 ? frames / Math.max(videoSeconds, 1e-3) : 0,
  };
}
