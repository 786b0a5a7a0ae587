/** Decoding helpers that need no browser: sniffing, paths and labels, splits, assembly, fingerprints. */
import { deflateSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { assembleImages, assembleVideos, type DecodedClip, type DecodedImage } from './assemble';
import { classCounts } from './dataset';
import { fingerprintOfFiles, sha256Hex } from './fingerprint';
import { describeUnknown, sniff } from './imageHeader';
import { labelFromPath, roleFromName, withinDroppedFolder, zipEntryPaths } from './importPaths';
import { shuffled, stratifiedHoldOut } from './splits';
import { hasEndMarker } from '../worker/imageDecoder';
import { englishText } from '../i18n/render';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

describe('sniffing a file from its bytes', () => {
  it('reads the size of PNG, GIF, BMP, JPEG and the three WebP flavours from their headers', () => {
    const png = bytes([0x89], 'PNG', [13, 10, 26, 10], u32be(13), 'IHDR', u32be(8000), u32be(6000), [8, 2, 0, 0, 0]);
    expect(sniff(png)).toEqual({ kind: 'png', width: 8000, height: 6000 });
    expect(sniff(bytes('GIF89a', [0x40, 0x01, 0xf0, 0x00]))).toEqual({ kind: 'gif', width: 320, height: 240 });
    const bmp = new Uint8Array(30);
    bmp.set(bytes('BM'));
    new DataView(bmp.buffer).setInt32(18, 640, true);
    new DataView(bmp.buffer).setInt32(22, -480, true); // top-down BMPs store a negative height
    expect(sniff(bmp)).toEqual({ kind: 'bmp', width: 640, height: 480 });
    // JPEG: SOI, an APP0 segment to skip, then SOF0 with height 300 and width 400.
    const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 6], 'JFIF', [0xff, 0xc0, 0, 11, 8, 0x01, 0x2c, 0x01, 0x90, 3, 0, 0, 0, 0, 0]);
    expect(sniff(jpeg)).toEqual({ kind: 'jpeg', width: 400, height: 300 });
    const vp8 = new Uint8Array(30); vp8.set(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')); vp8.set([100, 0, 50, 0], 26);
    expect(sniff(vp8)).toEqual({ kind: 'webp', width: 100, height: 50 });
    // VP8L packs width-1 and height-1 in 14 bits each after the 0x2f signature byte.
    const w = 99, h = 49, bits = w | (h << 14);
    const vp8l = new Uint8Array(25); vp8l.set(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8L')); vp8l.set([bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, (bits >>> 24) & 255], 21);
    expect(sniff(vp8l)).toEqual({ kind: 'webp', width: 100, height: 50 });
    const vp8x = new Uint8Array(30); vp8x.set(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8X')); vp8x.set([99, 0, 0, 49, 0, 0], 24);
    expect(sniff(vp8x)).toEqual({ kind: 'webp', width: 100, height: 50 });
  });

  it('tells containers apart and gives no size when a header is cut short', () => {
    expect(sniff(bytes([0x89], 'PNG', [13, 10, 26, 10]))).toEqual({ kind: 'png' });
    expect(sniff(bytes('PK', [3, 4, 0, 0]))).toEqual({ kind: 'zip' });
    expect(sniff(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x01]))).toEqual({ kind: 'webm' });
    expect(sniff(bytes([0, 0, 0, 0x18], 'ftypisom'))).toEqual({ kind: 'mp4' });
    expect(sniff(bytes([0, 0, 0, 0x18], 'ftypavif'))).toEqual({ kind: 'avif' });
    expect(sniff(bytes('OggS'))).toEqual({ kind: 'ogg' });
    expect(sniff(new Uint8Array())).toEqual({ kind: 'unknown' });
    expect(englishText(describeUnknown(bytes('hello, this is a text file\n')))).toBe('text');
    expect(englishText(describeUnknown(bytes('%PDF-1.7')))).toBe('a PDF document');
    expect(englishText(describeUnknown(Uint8Array.from([0, 1, 2, 250, 251])))).toMatch(/not an image or video/);
  });

  it('finds the end marker of PNG, JPEG and GIF files and misses it when they are cut short', () => {
    const png = bytes([0x89], 'PNG', [13, 10, 26, 10], [0, 0, 0, 0], 'IEND', [0xae, 0x42, 0x60, 0x82]);
    expect(hasEndMarker('png', png)).toBe(true);
    expect(hasEndMarker('png', png.subarray(0, png.length - 9))).toBe(false);
    expect(hasEndMarker('jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 1, 2, 0xff, 0xd9]))).toBe(true);
    expect(hasEndMarker('jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 1, 2]))).toBe(false);
    expect(hasEndMarker('gif', bytes('GIF89a', [1, 0x3b]))).toBe(true);
    expect(hasEndMarker('gif', bytes('GIF89a', [1, 2]))).toBe(false);
  });
});

describe('paths and labels', () => {
  it('takes the class from the first folder inside the dropped folder; loose files are unlabelled', () => {
    expect(labelFromPath('cat/1.png')).toBe('cat');
    expect(labelFromPath('cat/indoor/1.png')).toBe('cat');
    expect(labelFromPath('1.png')).toBeNull();
    expect(withinDroppedFolder('pets/cat/1.png')).toBe('cat/1.png');
    expect(withinDroppedFolder('1.png')).toBe('1.png');
  });

  it('guesses roles from names and skips system files', () => {
    expect(['a.PNG', 'b.jpeg', 'c.webm', 'd.zip', 'e.txt', 'x/.DS_Store', '__MACOSX/x/._a.png', 'Thumbs.db'].map(roleFromName))
      .toEqual(['image', 'image', 'video', 'zip', 'other', 'system', 'system', 'system']);
  });

  it('drops a zip\'s single top folder when it is the zipped folder, and keeps class folders', () => {
    expect(zipEntryPaths('animals.zip', ['animals/', 'animals/cat/1.png', 'animals/dog/2.png'])).toEqual(['cat/1.png', 'dog/2.png']);
    expect(zipEntryPaths('pets.zip', ['pets/1.png', 'pets/2.png'])).toEqual(['1.png', '2.png']);
    expect(zipEntryPaths('data.zip', ['cat/1.png', 'dog/2.png'])).toEqual(['cat/1.png', 'dog/2.png']);
    // One class folder only, not named like the zip: it is a class, not the root.
    expect(zipEntryPaths('data.zip', ['cat/1.png', 'cat/2.png'])).toEqual(['cat/1.png', 'cat/2.png']);
    expect(zipEntryPaths('x.zip', ['1.png', 'cat/2.png'])).toEqual(['1.png', 'cat/2.png']);
  });

  it('lists a real zip made by fflate the way the data worker reads it', () => {
    const zip = zipSync({ 'shots/cat/a.png': new Uint8Array([1]), 'shots/dog/b.png': new Uint8Array([2]), 'shots/c.png': new Uint8Array([3]) });
    const names = Object.keys(unzipSync(zip));
    expect(zipEntryPaths('shots.zip', names).map(labelFromPath)).toEqual(['cat', 'dog', null]);
  });
});

describe('the fixed held-out split', () => {
  const labels = [...Array(20).fill(0), ...Array(10).fill(1), ...Array(3).fill(2), 4, -1, -1];

  it('holds out a fifth of each class, at least one of a class with two or more, and keeps unlabelled in train', () => {
    const { train, test } = stratifiedHoldOut(labels, 0.2);
    const count = (list: number[], c: number) => list.filter((i) => labels[i] === c).length;
    expect([0, 1, 2, 4].map((c) => count(test, c))).toEqual([4, 2, 1, 0]);
    expect(count(train, -1)).toBe(2);
    expect(new Set([...train, ...test]).size).toBe(labels.length);
    expect(train.length + test.length).toBe(labels.length);
  });

  it('is the same every time and shuffled (a prefix mixes classes)', () => {
    expect(stratifiedHoldOut(labels, 0.2)).toEqual(stratifiedHoldOut(labels, 0.2));
    const { train } = stratifiedHoldOut(labels, 0.2);
    expect(new Set(train.slice(0, 8).map((i) => labels[i])).size).toBeGreaterThan(1);
    expect(shuffled([1, 2, 3, 4, 5, 6, 7, 8]).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

const solid = (size: number, rgb: [number, number, number]) => {
  const p = new Uint8Array(size * size * 3);
  for (let i = 0; i < p.length; i += 3) p.set(rgb, i);
  return p;
};

describe('assembling decoded files', () => {
  const image = (path: string, label: string | null, rgb: [number, number, number]): DecodedImage =>
    ({ path, label, pixels: solid(4, rgb), gray: rgb[0] === rgb[1] && rgb[1] === rgb[2] });

  it('sorts classes by name, keeps one channel when every image is gray, and does not depend on arrival order', () => {
    const decoded = [image('dog/1.png', 'dog', [10, 10, 10]), image('cat/1.png', 'cat', [20, 20, 20]), image('cat/2.png', 'cat', [30, 30, 30]), image('x.png', null, [40, 40, 40])];
    const meta = { id: 'u', name: 'n', size: 4, source: 's' };
    const a = assembleImages(meta, decoded);
    const b = assembleImages(meta, decoded.slice().reverse());
    expect(a).toEqual(b);
    expect(a.channels).toBe(1);
    expect(a.classNames).toEqual(['cat', 'dog']);
    expect(a.train.count + a.test.count).toBe(4);
    expect(classCounts(a.test, 2)).toEqual([1, 0]); // cat has two images: one held out; dog has one: kept for training
    expect(a.train.images.length).toBe(a.train.count * 16);
  });

  it('keeps RGB when any image has colour', () => {
    const a = assembleImages({ id: 'u', name: 'n', size: 4, source: 's' }, [image('a.png', null, [1, 1, 1]), image('b.png', null, [200, 10, 10])]);
    expect(a.channels).toBe(3);
    expect(a.classNames).toEqual([]);
  });

  const clip = (name: string, frameCount: number): DecodedClip => ({
    name, label: null, frameCount, frames: new Uint8Array(frameCount * 4 * 4 * 3).fill(frameCount), timestamps: Float64Array.from({ length: frameCount }, (_, i) => i / 10),
  });

  it('cuts synchronised views of different lengths to the shortest, with a warning that names them', () => {
    const { dataset, warnings } = assembleVideos({ id: 'v', name: 'n', size: 4, fps: 10, source: 's' }, [clip('left.webm', 20), clip('right.webm', 15)], true);
    expect(dataset.clips.map((c) => [c.name, c.scene, c.view, c.frameCount, c.frames.length, c.timestamps.length])).toEqual([
      ['left.webm', 0, 0, 15, 15 * 48, 15], ['right.webm', 0, 1, 15, 15 * 48, 15],
    ]);
    expect(warnings).toHaveLength(1);
    expect(englishText(warnings[0])).toBe('The synchronised views have different lengths (left.webm: 20, right.webm: 15 frames); all are cut to the shortest, 15 frames.');
  });

  it('keeps unsynchronised videos whole, one scene each, and warns when one video is marked synchronised', () => {
    const free = assembleVideos({ id: 'v', name: 'n', size: 4, fps: 10, source: 's' }, [clip('b', 5), clip('a', 9)], false);
    expect(free.dataset.clips.map((c) => [c.name, c.scene, c.view, c.frameCount])).toEqual([['a', 0, 0, 9], ['b', 1, 0, 5]]);
    expect(free.warnings).toEqual([]);
    const single = assembleVideos({ id: 'v', name: 'n', size: 4, fps: 10, source: 's' }, [clip('a', 9)], true);
    expect(englishText(single.warnings[0])).toMatch(/^Only one video/);
  });
});

describe('fingerprints', () => {
  it('hash SHA-256 like the standard test vector', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('do not depend on file order, and change with any byte, path or decode setting', async () => {
    const files = [{ path: 'a/1.png', bytes: 3, sha256: 'aa' }, { path: 'b/2.png', bytes: 4, sha256: 'bb' }];
    const base = await fingerprintOfFiles(files, 'size=32');
    expect(await fingerprintOfFiles(files.slice().reverse(), 'size=32')).toBe(base);
    expect(await fingerprintOfFiles([files[0], { ...files[1], sha256: 'bc' }], 'size=32')).not.toBe(base);
    expect(await fingerprintOfFiles([files[0], { ...files[1], path: 'c/2.png' }], 'size=32')).not.toBe(base);
    expect(await fingerprintOfFiles(files, 'size=64')).not.toBe(base);
  });
});

// A real PNG (Node's zlib) survives the sniffer with its size.
it('sniffs a PNG written by zlib', () => {
  const raw = new Uint8Array(3 * (1 + 5 * 3));
  const idat = deflateSync(raw);
  const png = bytes([0x89], 'PNG', [13, 10, 26, 10], u32be(13), 'IHDR', u32be(5), u32be(3), [8, 2, 0, 0, 0], [0, 0, 0, 0], u32be(idat.length), 'IDAT', [...idat]);
  expect(sniff(png)).toEqual({ kind: 'png', width: 5, height: 3 });
});
