/**
 * When runs write checkpoints: this browser's setting, kept in localStorage. Not part of the
 * draft, an experiment or a share link: checkpoints do not change what a run computes.
 */
import { CHECKPOINT_SETTINGS, DEFAULT_CHECKPOINTS, type CheckpointSettings } from '../checkpoint/types';

export const CHECKPOINT_SETTINGS_KEY = 'pretext-checkpoint-settings';

type Key = keyof CheckpointSettings;
const KEYS = Object.keys(CHECKPOINT_SETTINGS) as Key[];

const valid = (key: Key, v: unknown): v is number => {
  const spec = CHECKPOINT_SETTINGS[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= spec.min && v <= spec.max;
};

/** Each setting as given when it is a whole number in its range, its default otherwise (what a worker is sent). */
export function usableCheckpoints(s: Partial<Record<Key, unknown>>): CheckpointSettings {
  const out = { ...DEFAULT_CHECKPOINTS };
  for (const k of KEYS) if (valid(k, s[k])) out[k] = s[k] as number;
  return out;
}

const storage = (): Storage | null => {
  try { return typeof localStorage === 'undefined' ? null : localStorage; } catch { return null; }
};

export function loadCheckpointSettings(store = storage()): CheckpointSettings {
  try {
    const raw = store?.getItem(CHECKPOINT_SETTINGS_KEY);
    return raw ? usableCheckpoints(JSON.parse(raw) as Record<Key, unknown>) : { ...DEFAULT_CHECKPOINTS };
  } catch {
    return { ...DEFAULT_CHECKPOINTS };
  }
}

/** Keeps the usable values (a value being typed, out of range, is not stored). */
export function saveCheckpointSettings(s: CheckpointSettings, store = storage()): void {
  try { store?.setItem(CHECKPOINT_SETTINGS_KEY, JSON.stringify(usableCheckpoints(s))); } catch { /* private mode, full: the setting lasts this page */ }
}
