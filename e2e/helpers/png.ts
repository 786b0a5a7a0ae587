/**
 * A small PNG writer for test fixtures: grayscale, RGB, palette and RGBA, 8 or 16 bits per sample,
 * so the tests can drop every PNG flavour without committing binary files.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const b of buf) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** PNG colour types: 0 gray, 2 RGB, 3 palette, 6 RGBA. */
export type ColourType = 0 | 2 | 3 | 6;
const CHANNELS: Record<ColourType, number> = { 0: 1, 2: 3, 3: 1, 6: 4 };

export interface PngSpec {
  width: number;
  height: number;
  colourType: ColourType;
  bitDepth?: 8 | 16;
  /** For colour type 3: RGB entries. */
  palette?: [number, number, number][];
  /** The samples of pixel (x, y): one per channel, in the bit depth's range (a palette index for type 3). */
  pixel(x: number, y: number): number[];
}

export function encodePng(spec: PngSpec): Buffer {
  const depth = spec.bitDepth ?? 8;
  const channels = CHANNELS[spec.colourType];
  const bytesPerSample = depth / 8;
  const stride = 1 + spec.width * channels * bytesPerSample;
  const raw = Buffer.alloc(stride * spec.height);
  for (let y = 0; y < spec.height; y++) {
    let o = y * stride + 1; // filter byte 0: none
    for (let x = 0; x < spec.width; x++) {
      for (const s of spec.pixel(x, y)) {
        if (depth === 16) { raw.writeUInt16BE(s, o); o += 2; } else raw[o++] = s;
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr[8] = depth;
  ihdr[9] = spec.colourType;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (spec.colourType === 3) parts.push(chunk('PLTE', Buffer.from((spec.palette ?? []).flat())));
  parts.push(chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** A solid RGB PNG. */
export const solidPng = (size: number, rgb: [number, number, number]) => encodePng({ width: size, height: size, colourType: 2, pixel: () => rgb });
