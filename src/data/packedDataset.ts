/**
 * The file format of shipped image datasets: "PXDS", a little-endian uint32 header length, a JSON
 * header, then train images, train labels (uint8), test images, test labels. The whole file is
 * deflate-raw compressed; DecompressionStream inflates it in browsers and in Node >= 18 alike.
 */
import type { ImageDataset } from './dataset';

type PackedHeader = Omit<ImageDataset, 'train' | 'test' | 'kind'> & { trainCount: number; testCount: number };

const MAGIC = [0x50, 0x58, 0x44, 0x53]; // "PXDS"

export function packDataset(d: ImageDataset): Uint8Array {
  const header: PackedHeader = {
    id: d.id, name: d.name, height: d.height, width: d.width, channels: d.channels,
    classNames: d.classNames, trainCount: d.train.count, testCount: d.test.count, source: d.source,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const parts = [
    new Uint8Array(MAGIC), new Uint8Array(new Uint32Array([json.length]).buffer), json,
    d.train.images, Uint8Array.from(d.train.labels), d.test.images, Uint8Array.from(d.test.labels),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export function unpackDataset(bytes: Uint8Array): ImageDataset {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not a Pretext dataset file (bad magic)');
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset + 4, 4).getUint32(0, true);
  const h = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength))) as PackedHeader;
  const imageBytes = h.height * h.width * h.channels;
  let o = 8 + jsonLength;
  const take = (n: number) => { const s = bytes.subarray(o, o + n); o += n; return s; };
  const expected = o + (h.trainCount + h.testCount) * (imageBytes + 1);
  if (bytes.length !== expected) throw new Error(`dataset file is ${bytes.length} bytes, expected ${expected} (truncated?)`);
  const trainImages = take(h.trainCount * imageBytes);
  const trainLabels = Int32Array.from(take(h.trainCount));
  const testImages = take(h.testCount * imageBytes);
  const testLabels = Int32Array.from(take(h.testCount));
  return {
    kind: 'images',
    id: h.id, name: h.name, height: h.height, width: h.width, channels: h.channels, classNames: h.classNames, source: h.source,
    train: { images: trainImages, labels: trainLabels, count: h.trainCount },
    test: { images: testImages, labels: testLabels, count: h.testCount },
  };
}

async function streamThrough(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export const inflateRaw = (bytes: Uint8Array) => streamThrough(bytes, new DecompressionStream('deflate-raw'));
export const deflateRaw = (bytes: Uint8Array) => streamThrough(bytes, new CompressionStream('deflate-raw'));
