/** The video methods' split: whole held-out scenes (every view), training never on the frames kNN queries. */
import { describe, expect, it } from 'vitest';
import type { VideoDataset } from '../data/dataset';
import { generateMovingShapes } from '../data/movingShapes';
import { generateTurntable } from '../data/turntable';
import { imageViewOf } from '../data/imageView';
import { frameBytes, multiViewScenes, splitVideo } from './frameStore';

const bytesOf = (d: VideoDataset) => d.height * d.width * d.channels;

describe('splitVideo', () => {
  it('moving shapes: 12 of 60 videos held out whole, 2 per class, as in the image view; the others train whole', () => {
    const d = generateMovingShapes({ size: 8, framesPerClip: 40 });
    const { train, heldOut, heldOutKind } = splitVideo(d);
    expect(heldOutKind).toBe('scenes');
    expect(heldOut.clips).toHaveLength(12);
    const perClass = new Array(6).fill(0);
    for (const c of heldOut.clips) perClass[c.label]++;
    expect(perClass).toEqual([2, 2, 2, 2, 2, 2]);
    expect(heldOut.clips.every((c) => c.frameCount === 40)).toBe(true);
    expect(train.clips).toHaveLength(48);
    expect(train.clips.every((c) => c.frameCount === 40)).toBe(true);
    // The image view (kNN) holds out exactly these videos' frames.
    expect(imageViewOf(d).test.count).toBe(12 * 40);
    const heldNames = new Set(heldOut.clips.map((c) => c.name));
    expect(train.clips.some((c) => heldNames.has(c.name))).toBe(false);
    // The stored bytes are the clip's own frames, in order.
    const clip = d.clips.find((c) => c.name === train.clips[5].name)!;
    expect(frameBytes(train, train.clips[5].start + 39)).toEqual(clip.frames.subarray(39 * bytesOf(d), 40 * bytesOf(d)));
  });

  it('turntable: one of six scenes would leave classes untested by kNN, so kNN holds out clip ends; the video tasks still get one whole scene, and training views are truncated alike', () => {
    const d = generateTurntable({ size: 8, frames: 20 });
    const { train, heldOut } = splitVideo(d);
    expect(imageViewOf(d).test.count).toBe(18 * 4);
    expect(new Set(heldOut.clips.map((c) => c.scene)).size).toBe(1);
    expect(multiViewScenes(heldOut)).toHaveLength(1);
    expect(multiViewScenes(heldOut)[0].map((i) => heldOut.clips[i].view)).toEqual([0, 1, 2]);
    expect(multiViewScenes(train)).toHaveLength(5);
    expect(train.clips.every((c) => c.frameCount === 16)).toBe(true);
  });

  it('a few dropped videos: the last fifth of each clip is the held-out part', () => {
    const d = generateMovingShapes({ size: 8, framesPerClip: 20, clipsPerClass: 1 });
    const two: VideoDataset = { ...d, clips: d.clips.slice(0, 2) };
    const { train, heldOut, heldOutKind } = splitVideo(two);
    expect(heldOutKind).toBe('segments');
    expect(train.clips.map((c) => c.frameCount)).toEqual([16, 16]);
    expect(heldOut.clips.map((c) => c.frameCount)).toEqual([4, 4]);
    expect(frameBytes(heldOut, 0)).toEqual(two.clips[0].frames.subarray(16 * bytesOf(d), 17 * bytesOf(d)));
  });
});
