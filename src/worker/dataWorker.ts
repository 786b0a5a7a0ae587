/// <reference lib="webworker" />
/**
 * The data worker: reads dropped files, expands zips, decodes images to the chosen input size and
 * hands back a dataset (arrays transferred, not copied); describes built-in datasets. Keeps the
 * page responsive while 20,000 files decode. Videos are only sniffed and hashed here: decoding
 * them needs HTMLVideoElement, which exists on the main thread only.
 */
import { unzipSync } from 'fflate';
import { assembleImages, type DecodedImage } from '../data/assemble';
import { loadBuiltinDataset } from '../data/builtin';
import { isBuiltinDatasetId } from '../data/catalog';
import type { SkippedFile } from '../data/datasetCache';
import { fingerprintOfContent, sha256Hex, type FileDigest } from '../data/fingerprint';
import { describeUnknown, IMAGE_KINDS, sniff, VIDEO_KINDS } from '../data/imageHeader';
import { labelFromPath, roleFromName, zipEntryPaths } from '../data/importPaths';
import { summarize, thumbnailRows } from '../data/summary';
import type { FoundVideo, FromDataWorker, ImportItem, ToDataWorker } from '../shared/dataProtocol';
import { text, type Text } from '../shared/text';
import { fetchPublic } from './fetchPublic';
import { ImageDecodeError, ImageDecoder } from './imageDecoder';
import { errorMessage } from '../i18n/textError';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromDataWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);

/** Files decoded at once: enough to overlap reading and decoding, few enough to bound memory. */
const CONCURRENCY = 4;
/** A zip may expand to at most this many bytes (a zip bomb gets a message, not a crash). */
export const MAX_ZIP_BYTES = 2 * 2 ** 30;
const PROGRESS_MS = 100;

const cancelled = new Set<number>();

/** A zip that would expand past MAX_ZIP_BYTES. */
class ZipTooLarge extends Error {
  readonly text: Text = text('data.worker.zipTooLarge', { gb: MAX_ZIP_BYTES / 2 ** 30 });
}

const shown = (item: ImportItem) => (item.source ? `${item.source}/${item.path}` : item.path);

async function importFiles(job: number, items: ImportItem[], size: number): Promise<void> {
  const started = performance.now();
  const decoder = new ImageDecoder(size);
  const queue = items.slice();
  let total = queue.length, done = 0, lastReport = 0;
  const decoded: DecodedImage[] = [];
  const imageDigests: FileDigest[] = [];
  const videos: FoundVideo[] = [];
  const skipped: SkippedFile[] = [];

  const report = (current: string, force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < PROGRESS_MS) return;
    lastReport = now;
    post({ type: 'progress', job, stage: text('data.worker.reading'), done, total, current });
  };

  const expandZip = (item: ImportItem, bytes: Uint8Array) => {
    let declared = 0;
    const files = unzipSync(bytes, {
      filter: (f) => {
        declared += f.originalSize;
        if (declared > MAX_ZIP_BYTES) throw new ZipTooLarge();
        return !f.name.endsWith('/');
      },
    });
    const names = Object.keys(files);
    const paths = zipEntryPaths(item.path, names);
    const source = shown(item);
    names.forEach((name, i) => queue.push({ file: new Blob([files[name] as Uint8Array<ArrayBuffer>]), path: paths[i], source }));
    total += names.length;
    if (names.length === 0) skipped.push({ path: source, reason: text('data.worker.zipEmpty') });
  };

  const handle = async (item: ImportItem) => {
    const path = shown(item);
    const role = roleFromName(item.path);
    if (role === 'system') return skipped.push({ path, reason: text('data.worker.systemFile') });
    if (item.file.size === 0) return skipped.push({ path, reason: text('data.worker.emptyFile') });
    const bytes = new Uint8Array(await item.file.arrayBuffer());
    const sniffed = sniff(bytes);
    if (sniffed.kind === 'zip') {
      try {
        expandZip(item, bytes);
      } catch (e) {
        skipped.push({ path, reason: text('data.worker.zipUnreadable', { error: e instanceof ZipTooLarge ? e.text : e instanceof Error ? e.message : String(e) }) });
      }
      return;
    }
    const label = labelFromPath(item.path);
    if (IMAGE_KINDS.includes(sniffed.kind)) {
      const { pixels, gray } = await decoder.decode(bytes, sniffed, item.file);
      decoded.push({ path, label, pixels, gray });
      imageDigests.push({ path, bytes: bytes.length, sha256: await sha256Hex(bytes) });
      return;
    }
    if (VIDEO_KINDS.includes(sniffed.kind)) {
      return videos.push({ file: item.file, path, label, digest: { path, bytes: bytes.length, sha256: await sha256Hex(bytes) } });
    }
    const what = describeUnknown(bytes);
    skipped.push({ path, reason: role === 'image' ? text('data.worker.namedLikeImage', { what }) : role === 'video' ? text('data.worker.namedLikeVideo', { what }) : text('data.worker.notData', { what }) });
  };

  const puller = async () => {
    while (queue.length > 0 && !cancelled.has(job)) {
      const item = queue.shift()!;
      report(shown(item));
      try {
        await handle(item);
      } catch (e) {
        const reason = e instanceof ImageDecodeError ? e.text : text('data.worker.unreadable', { error: e instanceof Error ? e.message : String(e) });
        skipped.push({ path: shown(item), reason });
      }
      done++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, puller));
  if (cancelled.has(job)) {
    cancelled.delete(job);
    post({ type: 'cancelled', job });
    return;
  }
  report('', true);
  const images = decoded.length > 0 ? assembleImages({ id: 'pending', name: 'pending', size, source: 'dropped files' }, decoded) : null;
  post(
    { type: 'imported', job, images, imageDigests, videos, skipped, decodeSeconds: (performance.now() - started) / 1000 },
    images ? [images.train.images.buffer, images.train.labels.buffer, images.test.images.buffer, images.test.labels.buffer] : [],
  );
}

async function describeBuiltin(id: string): Promise<void> {
  if (!isBuiltinDatasetId(id)) throw new Error(`no built-in dataset "${id}"`);
  const dataset = await loadBuiltinDataset(id, fetchPublic);
  const summary = summarize(dataset, await fingerprintOfContent(dataset));
  const thumbnails = thumbnailRows(dataset);
  post({ type: 'builtin', id, summary, thumbnails }, thumbnails.map((t) => t.rgba.buffer));
}

self.onmessage = (event: MessageEvent<ToDataWorker>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'importFiles':
      importFiles(msg.job, msg.items, msg.size).catch((e: unknown) => post({ type: 'failed', job: msg.job, message: errorMessage(e) }));
      break;
    case 'cancel':
      cancelled.add(msg.job);
      break;
    case 'describeBuiltin':
      describeBuiltin(msg.id).catch((e: unknown) => post({ type: 'builtinFailed', id: msg.id, message: errorMessage(e) }));
      break;
  }
};
