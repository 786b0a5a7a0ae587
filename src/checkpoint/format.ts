/**
 * A checkpoint's tensors packed into one buffer, its size, and its checksum: pure functions the
 * worker uses to write and to refuse a damaged record before anything is loaded. No tfjs.
 */
import { sha256Hex } from '../data/fingerprint';
import { text, type Text } from '../shared/text';
import type { CheckpointState, CheckpointTensor, StoredCheckpoint } from './types';

/** A tensor as read back from the backend, before packing. */
export interface TensorValues {
  group: string;
  name: string;
  shape: number[];
  values: Float32Array;
}

const elements = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The tensors back to back in one buffer, with where each one is. */
export function packTensors(list: readonly TensorValues[]): Pick<CheckpointState, 'tensors' | 'data'> {
  const total = list.reduce((n, t) => n + t.values.length, 0);
  const all = new Float32Array(total);
  const tensors: CheckpointTensor[] = [];
  let at = 0;
  for (const t of list) {
    if (t.values.length !== elements(t.shape)) throw new Error(`${t.group}/${t.name}: ${t.values.length} values for shape [${t.shape}]`);
    all.set(t.values, at);
    tensors.push({ group: t.group, name: t.name, shape: [...t.shape], offset: at * 4, length: t.values.length });
    at += t.values.length;
  }
  return { tensors, data: all.buffer };
}

/** The tensors of one group, in stored order (views into data: copy before keeping). */
export function tensorsOf(state: CheckpointState, group: string): TensorValues[] {
  return state.tensors.filter((t) => t.group === group).map((t) => ({ group: t.group, name: t.name, shape: t.shape, values: new Float32Array(state.data, t.offset, t.length) }));
}

/** Everything of a record but its tensor bytes, as the checksum sees it (keys in a fixed order). */
function describedPart(c: Omit<StoredCheckpoint, 'checksum' | 'bytes'>): string {
  const { state, ...rest } = c;
  const { data: _data, ...stateRest } = state;
  const embeddings = rest.progress.embeddings;
  // Typed arrays as plain arrays: JSON.stringify would turn them into index-keyed objects.
  const progress = embeddings
    ? { ...rest.progress, embeddings: { ...embeddings, data: Array.from(embeddings.data), labels: Array.from(embeddings.labels), ...(embeddings.clips && { clips: { ...embeddings.clips, clip: Array.from(embeddings.clips.clip), frame: Array.from(embeddings.clips.frame) } }) } }
    : rest.progress;
  return JSON.stringify([rest.runId, rest.step, rest.savedAt, rest.identity, rest.config, rest.backend, progress, stateRest]);
}

/** SHA-256 hex of the tensor bytes and the rest of the record. */
export async function checksumOf(c: Omit<StoredCheckpoint, 'checksum' | 'bytes'>): Promise<string> {
  const text = new TextEncoder().encode(describedPart(c));
  const data = new Uint8Array(c.state.data);
  const both = new Uint8Array(text.length + data.length);
  both.set(text, 0);
  both.set(data, text.length);
  return sha256Hex(both);
}

/** Estimated stored size: the tensor bytes, the embeddings' bytes, and 2 bytes a character for the rest (as historyDb counts). */
export function checkpointBytes(c: Omit<StoredCheckpoint, 'checksum' | 'bytes'>): number {
  const e = c.progress.embeddings;
  const typed = e ? e.data.byteLength + e.labels.byteLength + (e.clips ? e.clips.clip.byteLength + e.clips.frame.byteLength : 0) : 0;
  const { state, progress, ...rest } = c;
  const { data, ...stateRest } = state;
  const { embeddings: _e, ...progressRest } = progress;
  return data.byteLength + typed + 2 * JSON.stringify([rest, stateRest, progressRest]).length;
}

/** A record with its size and checksum filled in. */
export async function sealCheckpoint(c: Omit<StoredCheckpoint, 'checksum' | 'bytes'>): Promise<StoredCheckpoint> {
  return { ...c, bytes: checkpointBytes(c), checksum: await checksumOf(c) };
}

/**
 * Why a stored record cannot be loaded (null: it can). Checks the shape of what is there, that every
 * tensor lies inside the buffer with as many values as its shape has, and the checksum.
 */
export async function checkpointProblem(c: unknown): Promise<Text | null> {
  const r = c as Partial<StoredCheckpoint> | null;
  if (!r || typeof r !== 'object') return text('messages.checkpointProblem.empty');
  const step = typeof r.step === 'number' ? r.step : '?';
  if (typeof r.runId !== 'string' || typeof r.step !== 'number' || !r.config || !r.progress || !r.state || typeof r.checksum !== 'string') return text('messages.checkpointProblem.missingParts', { step });
  const s = r.state;
  if (s.format !== 1) return text('messages.checkpointProblem.format', { step, format: String(s.format) });
  if (!(s.data instanceof ArrayBuffer) || !Array.isArray(s.tensors)) return text('messages.checkpointProblem.noTensorData', { step });
  for (const t of s.tensors) {
    const bad = !Array.isArray(t.shape) || t.length !== elements(t.shape) || t.offset % 4 !== 0 || t.offset < 0 || t.offset + t.length * 4 > s.data.byteLength;
    if (bad) return text('messages.checkpointProblem.tensorOutside', { step, tensor: `${t.group}/${t.name}` });
  }
  const { checksum, bytes: _bytes, ...rest } = r as StoredCheckpoint;
  let actual: string;
  try { actual = await checksumOf(rest); } catch (e) { return text('messages.checkpointProblem.unreadable', { step, error: e instanceof Error ? e.message : String(e) }); }
  if (actual !== checksum) return text('messages.checkpointProblem.checksum', { step });
  return null;
}
