/**
 * Content fingerprints (SHA-256, hex). A dropped dataset's fingerprint covers its source files
 * (path and bytes, in path order) and the decode settings, so dropping the same files with the same
 * settings gives the same fingerprint in any browser. A built-in dataset's covers its content.
 */
import type { Dataset } from './dataset';

export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const digest = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface FileDigest {
  path: string;
  bytes: number;
  sha256: string;
}

export function fingerprintOfFiles(files: FileDigest[], settings: string): Promise<string> {
  const lines = files.map((f) => `${f.path}\t${f.bytes}\t${f.sha256}`).sort();
  return sha256Hex(`pretext-files-v1\n${settings}\n${lines.join('\n')}`);
}

/** Hash of a dataset's header and every byte of its images or frames, in order. */
export async function fingerprintOfContent(d: Dataset): Promise<string> {
  const parts: string[] = [`pretext-content-v1 ${d.kind} ${d.height}x${d.width}x${d.channels} ${d.classNames.join(',')}`];
  const chunks: Uint8Array[] = [];
  if (d.kind === 'images') {
    chunks.push(d.train.images, new Uint8Array(d.train.labels.buffer, d.train.labels.byteOffset, d.train.labels.byteLength), d.test.images, new Uint8Array(d.test.labels.buffer, d.test.labels.byteOffset, d.test.labels.byteLength));
  } else {
    for (const c of d.clips) {
      parts.push(`${c.name} ${c.label} ${c.scene} ${c.view} ${c.frameCount}`);
      chunks.push(c.frames);
    }
  }
  // Hash each chunk, then the list: crypto.subtle has no streaming API and chunks can be large.
  const digests = await Promise.all(chunks.map((c) => sha256Hex(c)));
  return sha256Hex(`${parts.join('\n')}\n${digests.join('\n')}`);
}

export const shortFingerprint = (hex: string) => hex.slice(0, 12);
