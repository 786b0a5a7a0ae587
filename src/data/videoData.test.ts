/** The procedural video datasets, their image view, and the Data panel's summary of them. */
import { describe, expect, it } from 'vitest';
import { classCounts, imageBytesOf } from './dataset';
import { fingerprintOfContent } from './fingerprint';
import { heldOutFrames, imageViewOf } from './imageView';
import { generateMovingShapes, renderMovingClip, spriteTrack } from './movingShapes';
import { summarize, thumbnailRows } from './summary';
import { generateTurntable, TURNTABLE_CAMERAS } from './turntable';
import { createRng } from '../shared/rng';
import { englishText } from '../i18n/render';

const meanAbsDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

describe('moving shapes', () => {
  it('keeps a sprite inside the frame while it bounces, at the speed it was given', () => {
    const track = spriteTrack({ x: 10, y: 10, vx: 3, vy: -2, radius: 5, angle: 0, spin: 0.1 }, 60, 32);
    for (const p of track) {
      expect(p.x).toBeGreaterThanOrEqual(5);
      expect(p.x).toBeLessThanOrEqual(27);
      expect(p.y).toBeGreaterThanOrEqual(5);
      expect(p.y).toBeLessThanOrEqual(27);
    }
    // Away from the walls a step moves by exactly (vx, vy).
    expect([track[1].x - track[0].x, track[1].y - track[0].y]).toEqual([3, -2]);
    expect(track[10].angle).toBeCloseTo(1.0);
  });

  it('is deterministic, interleaves its classes, and its frames move while the background stays', () => {
    const a = generateMovingShapes({ clipsPerClass: 2, framesPerClip: 12, size: 16 });
    const b = generateMovingShapes({ clipsPerClass: 2, framesPerClip: 12, size: 16 });
    expect(a.clips.map((c) => c.frames)).toEqual(b.clips.map((c) => c.frames));
    expect(a.clips.map((c) => c.label)).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
    expect(a.clips[0].timestamps[5]).toBeCloseTo(0.5);
    const { frames, motion } = renderMovingClip(0, createRng(3), 12, 16);
    const bytes = 16 * 16 * 3;
    expect(meanAbsDiff(frames.subarray(0, bytes), frames.subarray(11 * bytes, 12 * bytes))).toBeGreaterThan(1);
    // A pixel the sprite never comes near keeps its colour in every frame.
    const track = spriteTrack(motion, 12, 16);
    const far = [...Array(256).keys()].find((p) => track.every((t) => Math.hypot((p % 16) + 0.5 - t.x, Math.floor(p / 16) + 0.5 - t.y) > motion.radius * 1.6 + 1));
    expect(far).toBeDefined();
    for (let t = 1; t < 12; t++) expect(frames.subarray(t * bytes + far! * 3, t * bytes + far! * 3 + 3)).toEqual(frames.subarray(far! * 3, far! * 3 + 3));
  });
});

describe('multi-view turntable', () => {
  const d = generateTurntable({ scenesPerClass: 1, frames: 8, size: 16 });

  it('films every scene from all cameras at the same time steps', () => {
    expect(d.clips).toHaveLength(3 * TURNTABLE_CAMERAS.length);
    for (let scene = 0; scene < 3; scene++) {
      const views = d.clips.filter((c) => c.scene === scene);
      expect(views.map((v) => v.view)).toEqual([0, 1, 2]);
      expect(new Set(views.map((v) => v.frameCount))).toEqual(new Set([8]));
      expect(views.map((v) => v.timestamps[7])).toEqual([0.7, 0.7, 0.7]);
    }
  });

  it('shows a scene differently from each camera, and changes over time', () => {
    const bytes = imageBytesOf(d);
    const [v0, v1] = d.clips.filter((c) => c.scene === 0);
    expect(meanAbsDiff(v0.frames.subarray(0, bytes), v1.frames.subarray(0, bytes))).toBeGreaterThan(5);
    expect(meanAbsDiff(v0.frames.subarray(0, bytes), v0.frames.subarray(7 * bytes, 8 * bytes))).toBeGreaterThan(0.5);
    expect(generateTurntable({ scenesPerClass: 1, frames: 8, size: 16 }).clips[4].frames).toEqual(d.clips[4].frames);
  });
});

describe('a video dataset as images', () => {
  const d = generateMovingShapes({ clipsPerClass: 2, framesPerClip: 10, size: 8 });

  it('with too few videos to test every class, trains on all but the last fifth of each clip and holds the rest out, with the clip\'s class', () => {
    const view = imageViewOf(d);
    expect(heldOutFrames(10)).toBe(2);
    expect(heldOutFrames(4)).toBe(0);
    expect([view.train.count, view.test.count]).toEqual([12 * 8, 12 * 2]);
    expect(classCounts(view.test, 6)).toEqual([4, 4, 4, 4, 4, 4]);
    // Every held-out image is one of the last two frames of some clip.
    const bytes = imageBytesOf(d);
    const lastFrames = d.clips.flatMap((c) => [8, 9].map((t) => c.frames.subarray(t * bytes, (t + 1) * bytes).join()));
    for (let i = 0; i < view.test.count; i++) expect(lastFrames).toContain(view.test.images.subarray(i * bytes, (i + 1) * bytes).join());
  });

  it('holds out whole videos, every class among them, when there are enough: no frame of a held-out video trains', async () => {
    const many = generateMovingShapes({ clipsPerClass: 5, framesPerClip: 10, size: 8 });
    const view = imageViewOf(many);
    expect([view.train.count, view.test.count]).toEqual([24 * 10, 6 * 10]);
    expect(classCounts(view.test, 6)).toEqual([10, 10, 10, 10, 10, 10]);
    const heldClips = new Set(Array.from(view.test.origin!.clip));
    expect(heldClips.size).toBe(6);
    for (const c of view.train.origin!.clip) expect(heldClips.has(c)).toBe(false);
    const s = summarize(many, await fingerprintOfContent(many));
    expect([s.trainCount, s.testCount]).toEqual([240, 60]);
    expect(s.perClass[0]).toEqual({ name: 'circle', train: 40, test: 10 });
  });

  it('summarises videos, frames and which video methods each clip is too short for', async () => {
    const short = { ...d, clips: [...d.clips.slice(0, 2), { ...d.clips[2], frameCount: 6, frames: d.clips[2].frames.slice(0, 6 * imageBytesOf(d)), timestamps: d.clips[2].timestamps.slice(0, 6) }] };
    const s = summarize(short, await fingerprintOfContent(short));
    expect(s.video).toMatchObject({ clips: 3, scenes: 3, maxViews: 1, frames: 26, fps: 10 });
    const tooShort = s.video!.tooShort.map(englishText).join('\n');
    expect(tooShort).toMatch(/Shuffle and Learn needs at least 8 frames \(five ordered frames a<b<c<d<e with gaps between them\): 1 of 3 clips are too short and are left out: "triangle-0" \(6 frames\)\./);
    expect(tooShort).toMatch(/Time-Contrastive Networks \(multi-view\) needs 2 synchronised views of a scene \(two synchronised views and a negative at another time step\); this dataset has at most 1\./);
    expect(s.perClass.slice(0, 3)).toEqual([{ name: 'circle', train: 8, test: 2 }, { name: 'square', train: 8, test: 2 }, { name: 'triangle', train: 5, test: 1 }]);
    const rows = thumbnailRows(short, 4);
    expect(rows.map((r) => [r.count, r.rgba.length])).toEqual([[4, 4 * 8 * 8 * 4], [4, 4 * 8 * 8 * 4], [4, 4 * 8 * 8 * 4]]);
    expect(rows.map((r) => englishText(r.caption))).toEqual(['circle-0 · 10 frames', 'square-0 · 10 frames', 'triangle-0 · 6 frames']);
  });

  it('names at most three clips that are too short, then "..."', async () => {
    const cut = (c: (typeof d.clips)[number]) => ({ ...c, frameCount: 2, frames: c.frames.slice(0, 2 * imageBytesOf(d)), timestamps: c.timestamps.slice(0, 2) });
    const allShort = { ...d, clips: d.clips.slice(0, 4).map(cut) };
    const s = summarize(allShort, await fingerprintOfContent(allShort));
    expect(englishText(s.video!.tooShort.find((t) => englishText(t).startsWith('Shuffle'))!))
      .toBe('Shuffle and Learn needs at least 8 frames (five ordered frames a<b<c<d<e with gaps between them): no clip is long enough: "circle-0" (2 frames), "square-0" (2 frames), "triangle-0" (2 frames), ....');
  });

  it('has a content fingerprint that is stable and sees a single changed byte', async () => {
    const a = await fingerprintOfContent(d);
    expect(await fingerprintOfContent(generateMovingShapes({ clipsPerClass: 2, framesPerClip: 10, size: 8 }))).toBe(a);
    const changed = generateMovingShapes({ clipsPerClass: 2, framesPerClip: 10, size: 8 });
    changed.clips[3].frames[100] ^= 1;
    expect(await fingerprintOfContent(changed)).not.toBe(a);
  });
});
