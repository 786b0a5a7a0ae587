/** The video pretexts' index samplers: TCN triplets (multi- and single-view) and Shuffle and Learn tuples. */
import { describe, expect, it } from 'vitest';
import { generateTurntable } from '../data/turntable';
import { createRng } from '../shared/rng';
import { frameBytes, storeOf, type FrameStore, type StoredClip } from './frameStore';
import {
  frameMotion, highMotionWindows, minSingleViewClipFrames, SHUFFLE_KINDS, shuffleLearnEvalSet, shuffleLearnTuples,
  tcnMultiViewIndices, tcnSingleViewIndices,
} from './samplers';

interface ClipSpec { scene: number; view: number; frames: number[][] }

/** A FrameStore of 1 x width x 1 frames, built by hand: each clip's frames are given as byte rows. */
function storeFromFrames(specs: ClipSpec[]): FrameStore {
  const width = specs[0].frames[0].length;
  const clips: StoredClip[] = [];
  const rows: number[] = [];
  let start = 0;
  specs.forEach((s, i) => {
    clips.push({ name: `clip${i}`, label: -1, scene: s.scene, view: s.view, start, frameCount: s.frames.length });
    for (const f of s.frames) rows.push(...f);
    start += s.frames.length;
  });
  return { height: 1, width, channels: 1, bytes: Uint8Array.from(rows), frameCount: start, clips };
}

/** Clips whose every frame spells out (scene, view, t) in its three bytes. */
function taggedStore(clips: { scene: number; view: number; frameCount: number }[]): FrameStore {
  return storeFromFrames(clips.map((c) => ({ scene: c.scene, view: c.view, frames: [...Array(c.frameCount).keys()].map((t) => [c.scene, c.view, t]) })));
}

const tagOf = (store: FrameStore, index: number) => {
  const [scene, view, t] = frameBytes(store, index);
  return { scene, view, t };
};

/** The clip holding global frame `index`. */
const clipOf = (store: FrameStore, index: number) => store.clips.findIndex((c) => index >= c.start && index < c.start + c.frameCount);

describe('multi-view TCN triplets', () => {
  // 2 scenes x 3 views (view lengths differ a little: only common time steps count), plus a
  // single-view scene 7 that must never be used.
  const store = taggedStore([
    { scene: 0, view: 0, frameCount: 10 }, { scene: 0, view: 1, frameCount: 10 }, { scene: 0, view: 2, frameCount: 12 },
    { scene: 7, view: 0, frameCount: 30 },
    { scene: 1, view: 0, frameCount: 15 }, { scene: 1, view: 1, frameCount: 16 }, { scene: 1, view: 2, frameCount: 15 },
  ]);

  it('pairs the anchor with another view at the same time step, and its own view far away in time', () => {
    const gap = 4;
    const { anchor, positive, negative, times, anchorView, positiveView } = tcnMultiViewIndices(createRng(1), store, 3000, gap);
    const viewPairs = new Set<string>();
    const scenes = new Set<number>();
    for (let k = 0; k < anchor.length; k++) {
      const a = tagOf(store, anchor[k]), p = tagOf(store, positive[k]), n = tagOf(store, negative[k]);
      expect(a.scene).not.toBe(7);
      expect(p.scene).toBe(a.scene);
      expect(p.t).toBe(a.t);
      expect(p.view).not.toBe(a.view);
      expect(a.t).toBe(times[k]);
      expect(a.t).toBeLessThan(a.scene === 0 ? 10 : 15);
      expect([anchorView[k], positiveView[k]]).toEqual([a.view, p.view]);
      expect(clipOf(store, negative[k])).toBe(clipOf(store, anchor[k]));
      expect(Math.abs(n.t - a.t)).toBeGreaterThanOrEqual(gap);
      expect(n.t).toBeLessThan(a.scene === 0 ? 10 : 15);
      viewPairs.add(`${a.view}-${p.view}`);
      scenes.add(a.scene);
    }
    expect(viewPairs.size).toBe(6); // every ordered pair of distinct views occurs
    expect([...scenes].sort()).toEqual([0, 1]);
  });

  it('reaches every time step when the gap leaves some times with a single side (10 frames, gap 6)', () => {
    const { times, negative, anchor } = tcnMultiViewIndices(createRng(2), taggedStore([{ scene: 0, view: 0, frameCount: 10 }, { scene: 0, view: 1, frameCount: 10 }]), 2000, 6);
    // Times 4 and 5 have no frame 6 away in a 10-frame clip; all others do.
    expect([...new Set(times)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 6, 7, 8, 9]);
    for (let k = 0; k < times.length; k++) expect(Math.abs(negative[k] - anchor[k])).toBeGreaterThanOrEqual(6);
  });

  it('works on the rendered turntable (3 scenes x 3 cameras)', () => {
    const d = generateTurntable({ frames: 12, scenesPerClass: 1, size: 8 });
    const turntable = storeOf(d, d.clips.map((clip) => ({ clip, from: 0, to: clip.frameCount })));
    const { anchor, positive, negative, times } = tcnMultiViewIndices(createRng(3), turntable, 500, 3);
    for (let k = 0; k < anchor.length; k++) {
      const a = turntable.clips[clipOf(turntable, anchor[k])], p = turntable.clips[clipOf(turntable, positive[k])];
      expect(p.scene).toBe(a.scene);
      expect(p.view).not.toBe(a.view);
      expect(anchor[k] - a.start).toBe(times[k]);
      expect(positive[k] - p.start).toBe(times[k]);
      expect(clipOf(turntable, negative[k])).toBe(clipOf(turntable, anchor[k]));
      expect(Math.abs(negative[k] - anchor[k])).toBeGreaterThanOrEqual(3);
    }
  });

  it('says which data it needs when there are no synchronised views or the clips are too short', () => {
    const singleView = taggedStore([{ scene: 0, view: 0, frameCount: 20 }, { scene: 1, view: 0, frameCount: 20 }]);
    expect(() => tcnMultiViewIndices(createRng(1), singleView, 4, 3)).toThrow(/2 or more cameras/);
    const short = taggedStore([{ scene: 0, view: 0, frameCount: 5 }, { scene: 0, view: 1, frameCount: 5 }]);
    expect(() => tcnMultiViewIndices(createRng(1), short, 4, 5)).toThrow(/longer than the negative gap/);
    expect(() => tcnMultiViewIndices(createRng(1), short, 4, 4)).not.toThrow();
  });
});

describe('single-view TCN triplets', () => {
  const store = taggedStore([
    { scene: 0, view: 0, frameCount: 30 }, { scene: 1, view: 0, frameCount: 3 }, { scene: 2, view: 0, frameCount: 25 },
  ]);

  it('takes the positive within the radius and the negative beyond the negative radius, in the anchor\'s clip', () => {
    const { anchor, positive, negative } = tcnSingleViewIndices(createRng(4), store, 3000, 3, 8);
    const offsets = new Set<number>();
    for (let k = 0; k < anchor.length; k++) {
      const a = tagOf(store, anchor[k]), p = tagOf(store, positive[k]), n = tagOf(store, negative[k]);
      expect(a.scene).not.toBe(1); // the 3-frame clip has no frame 9 away
      expect(clipOf(store, positive[k])).toBe(clipOf(store, anchor[k]));
      expect(clipOf(store, negative[k])).toBe(clipOf(store, anchor[k]));
      const dPositive = p.t - a.t, dNegative = n.t - a.t;
      expect(Math.abs(dPositive)).toBeGreaterThanOrEqual(1);
      expect(Math.abs(dPositive)).toBeLessThanOrEqual(3);
      expect(Math.abs(dNegative)).toBeGreaterThan(8);
      offsets.add(dPositive);
    }
    expect([...offsets].sort((a, b) => a - b)).toEqual([-3, -2, -1, 1, 2, 3]);
  });

  it('uses a clip of exactly negativeRadius + 2 frames, and refuses shorter ones or inconsistent radii', () => {
    expect(minSingleViewClipFrames(8)).toBe(10);
    const justLongEnough = taggedStore([{ scene: 0, view: 0, frameCount: 10 }]);
    const { anchor, negative } = tcnSingleViewIndices(createRng(5), justLongEnough, 200, 2, 8);
    for (let k = 0; k < anchor.length; k++) expect(Math.abs(negative[k] - anchor[k])).toBe(9);
    const tooShort = taggedStore([{ scene: 0, view: 0, frameCount: 9 }]);
    expect(() => tcnSingleViewIndices(createRng(5), tooShort, 4, 2, 8)).toThrow(/at least 10 frames/);
    expect(() => tcnSingleViewIndices(createRng(5), store, 4, 6, 3)).toThrow(/negative radius \(3\) must be at least the positive radius \(6\)/);
    expect(() => tcnSingleViewIndices(createRng(5), store, 4, 0, 3)).toThrow(/positive radius/);
  });
});

describe('frame motion', () => {
  it('is the mean absolute byte difference to the next frame of the same clip, over 255', () => {
    const store = storeFromFrames([
      { scene: 0, view: 0, frames: [[0, 0], [51, 0], [51, 102]] },
      { scene: 1, view: 0, frames: [[9, 9]] },
      { scene: 2, view: 0, frames: [[10, 20], [20, 0]] },
    ]);
    const motion = frameMotion(store);
    const expected = [0.1, 0.2, 0.2, 0, 15 / 255, 15 / 255];
    expect(motion.length).toBe(6);
    expected.forEach((m, i) => expect(motion[i]).toBeCloseTo(m, 6));
  });
});

describe('Shuffle and Learn tuples', () => {
  /** Clips with varied content (so there is motion) of several lengths; the 4-frame one is too short. */
  const lengths = [12, 20, 4, 7, 5];
  const store = storeFromFrames(lengths.map((n, c) => ({ scene: c, view: 0, frames: [...Array(n).keys()].map((t) => [c, t, (t * 37 + c * 11) % 256]) })));
  const motion = frameMotion(store);

  it('draws a < b < c < d < e inside one window of one clip and shows the frames its kind says', () => {
    const window = 6;
    const tuples = shuffleLearnTuples(createRng(6), store, motion, 2000, { positiveFraction: 0.25, window, motionQuantile: 0 });
    const kindsSeen = new Set<number>();
    for (let k = 0; k < 2000; k++) {
      const [a, b, c, d, e] = tuples.five.subarray(k * 5, k * 5 + 5);
      expect(a < b && b < c && c < d && d < e).toBe(true);
      const clip = clipOf(store, a);
      expect(clipOf(store, e)).toBe(clip);
      expect(lengths[clip]).toBeGreaterThanOrEqual(5);
      expect(e - a).toBeLessThan(Math.min(window, lengths[clip]));
      if (lengths[clip] === 5) expect([a, b, c, d, e].map((f) => f - store.clips[clip].start)).toEqual([0, 1, 2, 3, 4]);
      const shown = [tuples.frames[0][k], tuples.frames[1][k], tuples.frames[2][k]];
      const expected = [[b, c, d], [d, c, b], [b, a, d], [d, a, b], [b, e, d], [d, e, b]][tuples.kind[k]];
      expect(shown).toEqual(expected);
      expect(tuples.target[k]).toBe(tuples.kind[k] < 2 ? 1 : 0);
      kindsSeen.add(tuples.kind[k]);
    }
    expect([...kindsSeen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(SHUFFLE_KINDS.length).toBe(6);
  });

  it('shows in-order tuples monotone in time and shuffled ones with the middle frame outside, in both directions', () => {
    const tuples = shuffleLearnTuples(createRng(12), store, motion, 3000, { positiveFraction: 0.5, window: 12, motionQuantile: 0 });
    let firstLaterInNegatives = 0, negatives = 0;
    for (let k = 0; k < 3000; k++) {
      const [x, y, z] = tuples.frames.map((f) => f[k]);
      const between = (x < y && y < z) || (z < y && y < x);
      expect(between).toBe(tuples.target[k] === 1);
      if (tuples.target[k] === 0) { negatives++; if (x > z) firstLaterInNegatives++; }
    }
    // Reversed negatives too, so "the first frame is the earlier one" does not give the answer away.
    expect(Math.abs(firstLaterInNegatives / negatives - 0.5)).toBeLessThan(0.04);
  });

  it('keeps the odd frame of a negative at least minGap frames outside b..d, uniformly over such choices', () => {
    const minGap = 3;
    const long = storeFromFrames([{ scene: 0, view: 0, frames: [...Array(30).keys()].map((t) => [t, (t * 53) % 256]) }]);
    const tuples = shuffleLearnTuples(createRng(13), long, frameMotion(long), 4000, { positiveFraction: 0.5, window: 11, motionQuantile: 0, minGap });
    const gapsSeen = new Set<number>();
    for (let k = 0; k < 4000; k++) {
      const [a, b, c, d, e] = tuples.five.subarray(k * 5, k * 5 + 5);
      expect(a < b && b < c && c < d && d < e).toBe(true);
      expect(b - a).toBeGreaterThanOrEqual(minGap);
      expect(e - d).toBeGreaterThanOrEqual(minGap);
      expect(e - a).toBeLessThan(11);
      gapsSeen.add(b - a);
    }
    // Window 11, gaps 3: b - a ranges over 3..5 (a, b, c, d, e use 5 + 2 * 2 = 9 of the 11 frames at least).
    expect([...gapsSeen].sort()).toEqual([3, 4, 5]);
    expect(() => shuffleLearnTuples(createRng(1), long, frameMotion(long), 4, { positiveFraction: 0.5, window: 8, motionQuantile: 0, minGap })).toThrow(/at least 9 frames/);
  });

  it('gives in-order tuples at the asked rate, each ordering equally often, and a balanced evaluation set', () => {
    const n = 4000;
    const tuples = shuffleLearnTuples(createRng(7), store, motion, n, { positiveFraction: 0.25, window: 8, motionQuantile: 0.5 });
    const positives = tuples.target.reduce((s, v) => s + v, 0) / n;
    expect(Math.abs(positives - 0.25)).toBeLessThan(0.02);
    const kindCounts = [0, 0, 0, 0, 0, 0];
    for (const k of tuples.kind) kindCounts[k]++;
    [0.125, 0.125, 0.1875, 0.1875, 0.1875, 0.1875].forEach((p, kind) => expect(Math.abs(kindCounts[kind] / n - p)).toBeLessThan(0.02));

    const evalSet = shuffleLearnEvalSet(11, store, motion, n, { window: 8, motionQuantile: 0.5 });
    expect(Math.abs(evalSet.target.reduce((s, v) => s + v, 0) / n - 0.5)).toBeLessThan(0.02);
    expect(shuffleLearnEvalSet(11, store, motion, n, { window: 8, motionQuantile: 0.5 }).five).toEqual(evalSet.five); // fixed by its seed
  });

  it('takes its frames from the moving half of a clip that is static in its first half', () => {
    // 40 frames: frames 0..19 identical, frames 20..39 random noise.
    const noise = createRng(8);
    const frames = [...Array(40).keys()].map((t) => [...Array(16)].map(() => (t < 20 ? 128 : noise.int(256))));
    const halfStatic = storeFromFrames([{ scene: 0, view: 0, frames }]);
    const halfMotion = frameMotion(halfStatic);
    const fractionMoving = (quantile: number) => {
      const { five } = shuffleLearnTuples(createRng(9), halfStatic, halfMotion, 1000, { positiveFraction: 0.25, window: 5, motionQuantile: quantile });
      return { five, moving: five.reduce((s, f) => s + (f >= 20 ? 1 : 0), 0) / five.length };
    };
    const filtered = fractionMoving(0.5);
    // The upper half of the 36 windows: those whose every transition moves, plus one straddling
    // the boundary (frames 18..22): never a frame before 18, nearly all in the moving half.
    expect(Math.min(...filtered.five)).toBeGreaterThanOrEqual(18);
    expect(filtered.moving).toBeGreaterThan(0.95);
    // Without the filter, about half the frames are static ones (so their order is ambiguous).
    expect(fractionMoving(0).moving).toBeLessThan(0.6);
    const kept = highMotionWindows(halfStatic, halfMotion, 5, 0.5);
    expect(kept.length).toBe(18);
    expect(kept.map((w) => w.start)).toEqual([...Array(18).keys()].map((i) => 18 + i));
  });

  it('says it needs clips of 5 frames or more', () => {
    const short = storeFromFrames([{ scene: 0, view: 0, frames: [[1], [2], [3], [4]] }, { scene: 1, view: 0, frames: [[5], [6]] }]);
    expect(() => shuffleLearnTuples(createRng(1), short, frameMotion(short), 4, { positiveFraction: 0.25, window: 8, motionQuantile: 0.5 })).toThrow(/at least 5 frames/);
    expect(() => shuffleLearnTuples(createRng(1), store, motion, 4, { positiveFraction: 0.25, window: 4, motionQuantile: 0.5 })).toThrow(/window/);
  });
});
