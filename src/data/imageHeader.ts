/**
 * What a file is, from its first bytes (not its name), and an image's size from its header, so a
 * huge image can be cropped and downscaled while it is decoded and a renamed or truncated file
 * gets a message that says what it is.
 */
import { text, type Text } from '../shared/text';

export type SniffedKind = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'avif' | 'zip' | 'webm' | 'mp4' | 'ogg' | 'unknown';

export const IMAGE_KINDS: readonly SniffedKind[] = ['png', 'jpeg', 'gif', 'webp', 'bmp', 'avif'];
export const VIDEO_KINDS: readonly SniffedKind[] = ['webm', 'mp4', 'ogg'];

export interface Sniffed {
  kind: SniffedKind;
  /** Pixel size when the header gives it; absent when the header is cut short or not parsed (avif). */
  width?: number;
  height?: number;
}

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const u32be = (b: Uint8Array, at: number) => ((b[at] << 24) >>> 0) + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
const i32le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);

function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xff) { i++; continue; } // fill byte
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    i += 2 + u16be(b, i + 2);
  }
  return undefined;
}

function webpSize(b: Uint8Array): { width: number; height: number } | undefined {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return undefined;
}

export function sniff(b: Uint8Array): Sniffed {
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') {
    return b.length >= 24 ? { kind: 'png', width: u32be(b, 16), height: u32be(b, 20) } : { kind: 'png' };
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: 'jpeg', ...jpegSize(b) };
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) {
    return b.length >= 10 ? { kind: 'gif', width: u16le(b, 6), height: u16le(b, 8) } : { kind: 'gif' };
  }
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return { kind: 'webp', ...webpSize(b) };
  if (b.length >= 2 && ascii(b, 0, 2) === 'BM') {
    return b.length >= 26 ? { kind: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) } : { kind: 'bmp' };
  }
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    return { kind: brand === 'avif' || brand === 'avis' ? 'avif' : 'mp4' };
  }
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6)) return { kind: 'zip' };
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return { kind: 'webm' };
  if (b.length >= 4 && ascii(b, 0, 4) === 'OggS') return { kind: 'ogg' };
  return { kind: 'unknown' };
}

/** A short description of bytes that are not a known image or video, for messages ("text", "PDF"). */
export function describeUnknown(b: Uint8Array): Text {
  if (b.length >= 4 && ascii(b, 0, 4) === '%PDF') return text('data.fileKinds.pdf');
  const head = b.subarray(0, 512);
  const printable = head.filter((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127)).length;
  if (head.length > 0 && printable / head.length > 0.95) return text('data.fileKinds.text');
  return text('data.fileKinds.unknown');
}
