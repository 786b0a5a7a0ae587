/**
 * Which videos of a video dataset are held out whole. A frame-level split (the last fifth of
 * every clip) lets kNN match a held-out frame to earlier frames of the same clip, through its
 * background alone: on moving shapes a random-init encoder scores 91.5% that way. So evaluation
 * holds out whole scenes (every view of them) where that still tests every class; otherwise, and
 * for a handful of dropped videos, the last fifth of each clip.
 */
import type { VideoClip } from './dataset';
import { shuffled, SPLIT_SEED } from './splits';

/** Whole scenes are held out only when there are at least this many. */
export const MIN_SCENES_TO_HOLD_OUT = 5;

type ClipKey = Pick<VideoClip, 'scene' | 'label'>;

/**
 * One scene in five (at least one), taken round-robin over the labels from each label's scenes in
 * a fixed shuffle, so the classes are held out evenly; null with fewer than MIN_SCENES_TO_HOLD_OUT scenes.
 */
export function pickHeldOutScenes(clips: readonly ClipKey[]): Set<number> | null {
  const labelOf = new Map(clips.map((c) => [c.scene, c.label] as const));
  const scenes = [...labelOf.keys()].sort((a, b) => a - b);
  if (scenes.length < MIN_SCENES_TO_HOLD_OUT) return null;
  const byLabel = new Map<number, number[]>();
  for (const s of scenes) byLabel.set(labelOf.get(s)!, [...(byLabel.get(labelOf.get(s)!) ?? []), s]);
  const queues = [...byLabel.entries()].sort((a, b) => a[0] - b[0]).map(([label, members]) => shuffled(members, SPLIT_SEED + label));
  const interleaved: number[] = [];
  for (let round = 0; interleaved.length < scenes.length; round++) for (const q of queues) if (round < q.length) interleaved.push(q[round]);
  return new Set(interleaved.slice(0, Math.max(1, Math.round(scenes.length / 5))));
}

/**
 * The scenes evaluation holds out whole: pickHeldOutScenes, used only when they include every
 * label and every label keeps a training scene (else null: hold out the end of each clip).
 */
export function evaluationHeldOutScenes(clips: readonly ClipKey[]): Set<number> | null {
  const held = pickHeldOutScenes(clips);
  if (!held) return null;
  const labels = new Set(clips.map((c) => c.label));
  const heldLabels = new Set(clips.filter((c) => held.has(c.scene)).map((c) => c.label));
  const trainLabels = new Set(clips.filter((c) => !held.has(c.scene)).map((c) => c.label));
  for (const l of labels) if (!heldLabels.has(l) || !trainLabels.has(l)) return null;
  return held;
}
