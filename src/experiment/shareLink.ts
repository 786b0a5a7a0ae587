/**
 * Share links: an experiment (dataset, shared settings, up to MAX_RUNS runs with every param) in a
 * URL fragment, "#x=<version>.<base64url(deflateRaw(JSON))>". The fragment never reaches a server.
 * Decoding treats the link as hostile: sizes are capped before and after decompression, nothing is
 * evaluated, nothing is written through a key from the link, and every value is checked against
 * its spec, falling back with a problem that names the field.
 */
import { deflateSync, inflateSync } from 'fflate';
import { BUILTIN_DATASETS, isBuiltinDatasetId } from '../data/catalog';
import { METHOD_SPECS, isMethodId, type MethodId } from '../methods/catalog';
import { RUN_SETTINGS, type BackendPreference } from '../shared/config';
import { defaultParams, validateParams, withAbsentParams, type AnyParamValues, type ParamSpecs } from '../shared/params';
import type { DatasetRef, Experiment, PlannedRun, SharedRunSettings } from './types';
import { named, text, type Text } from '../shared/text';
import { i18n } from '../i18n/i18n';

export const SHARE_VERSION = 1;
export const SHARE_PARAM = 'x';
export const MAX_RUNS = 8;
/** Caps on what a link may hold: the text of the payload, and the JSON it inflates to. */
export const MAX_PAYLOAD_CHARS = 8000;
export const MAX_JSON_BYTES = 64 * 1024;
export const MAX_NAME_CHARS = 120;

/** Errors and problems are Texts (rendered in the reader's language); the link itself holds no language. */
export type DecodeResult = { ok: true; experiment: Experiment; problems: Text[] } | { ok: false; error: Text };

/*
 * Version 1's compact shape (short keys, positional arrays; deflate takes care of repeated param names):
 *   { d: [datasetId, datasetName, fingerprint],
 *     s: [seed, maxSteps, evalEvery, evalBankSize, evalQuerySize, metricsEvery, backend],
 *     r: [[methodId, { param: value, ... }], ...] }
 * Params keep their names so a link survives params being reordered or added.
 */
/** The order of `s` in version 1: listed, not Object.keys(RUN_SETTINGS), so a new setting cannot shift it. */
const SETTING_KEYS = ['seed', 'maxSteps', 'evalEvery', 'evalBankSize', 'evalQuerySize', 'metricsEvery'] as const;
const BACKENDS: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'cpu', 'wasm'];
const USER_DATASET_ID = /^user-[0-9a-f]{8,64}$/;
const FINGERPRINT = /^[0-9a-f]{0,64}$/;
// C0 and C1 control characters: a name is shown as text, but these can break its layout.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;
const FALLBACK_DATASET = BUILTIN_DATASETS.find((d) => d.id === 'shapes') ?? BUILTIN_DATASETS[0];

// ---------------------------------------------------------------- encoding

export function encodeExperiment(e: Experiment): string {
  return encodeRawPayload({
    d: [e.dataset.id, e.dataset.name, e.dataset.fingerprint],
    s: [...SETTING_KEYS.map((k) => e.settings[k]), e.settings.backend],
    r: e.runs.map((run) => [run.methodId, everyParam(run)]),
  });
}

export function experimentUrl(base: string, e: Experiment): string {
  return `${base.split('#')[0]}#${SHARE_PARAM}=${encodeExperiment(e)}`;
}

/** Every param of the method, in spec order (defaults for missing ones): defaults may change between versions. */
function everyParam(run: PlannedRun): AnyParamValues {
  const specs: ParamSpecs = METHOD_SPECS[run.methodId].params;
  const out: AnyParamValues = {};
  for (const [key, spec] of Object.entries(specs)) out[key] = hasOwn(run.params, key) ? run.params[key] : spec.default;
  return out;
}

/** Any JSON value in the link format. Exported for tests (building malformed links); the app uses encodeExperiment. */
export function encodeRawPayload(value: unknown): string {
  return encodeRawBytes(new TextEncoder().encode(JSON.stringify(value)));
}

/** Any bytes (not necessarily UTF-8 JSON) in the link format. Exported for tests only. */
export function encodeRawBytes(bytes: Uint8Array): string {
  return `${SHARE_VERSION}.${toBase64url(deflateSync(bytes, { level: 9 }))}.${checksum(bytes)}`;
}

/**
 * FNV-1a (32 bit) of the JSON bytes, base 36: raw deflate has no checksum of its own, so without
 * this a changed character could decode to different, valid-looking settings.
 */
function checksum(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(36);
}

function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// ---------------------------------------------------------------- decoding: link to JSON

/** A reason the whole link is unusable; caught in decodeExperiment and returned as ok: false. */
class LinkError extends Error {
  readonly reason: Text;
  constructor(reason: Text) {
    super(reason.key);
    this.reason = reason;
  }
}

export function payloadFromHash(hash: string): string | null {
  return xParamOf(hash.startsWith('#') ? hash.slice(1) : hash) || null;
}

/** The value of "x=" in a fragment: null when absent, "" when empty. */
function xParamOf(fragment: string): string | null {
  const prefix = `${SHARE_PARAM}=`;
  const part = fragment.split('&').find((p) => p.startsWith(prefix));
  return part === undefined ? null : part.slice(prefix.length);
}

export function decodeExperiment(input: string): DecodeResult {
  try {
    const json = jsonOfPayload(payloadOf(input));
    const problems: Text[] = [];
    return { ok: true, experiment: readExperiment(json, problems), problems };
  } catch (e) {
    // Everything expected throws LinkError; anything else is still a bad link, never a crash.
    const error = e instanceof LinkError ? e.reason : text('compare.linkError.unreadable', { detail: quote(String(e)) });
    return { ok: false, error };
  }
}

/** The payload of a full URL, a fragment ("#x=..." or "x=...") or a bare payload. */
function payloadOf(input: unknown): string {
  if (typeof input !== 'string') throw new LinkError(text('compare.linkError.notText'));
  const trimmed = input.trim();
  const hashAt = trimmed.indexOf('#');
  let payload: string | null = trimmed;
  if (hashAt >= 0) payload = xParamOf(trimmed.slice(hashAt + 1));
  else if (trimmed.startsWith(`${SHARE_PARAM}=`)) payload = trimmed.slice(SHARE_PARAM.length + 1);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) payload = null; // a URL without a fragment
  if (payload === null) throw new LinkError(text('compare.linkError.noExperiment', { param: SHARE_PARAM }));
  if (payload === '') throw new LinkError(text('compare.linkError.empty'));
  if (payload.length > MAX_PAYLOAD_CHARS) {
    throw new LinkError(text('compare.linkError.tooLong', { length: payload.length, max: MAX_PAYLOAD_CHARS }));
  }
  return payload;
}

/** Version check first (in clear text, so a link from another version is named as such), then the data. */
function jsonOfPayload(payload: string): unknown {
  const match = /^(\d{1,9})\.([\s\S]*)$/.exec(payload);
  if (!match) throw new LinkError(text('compare.linkError.noVersion'));
  const version = Number(match[1]);
  if (version !== SHARE_VERSION) {
    throw new LinkError(text(version > SHARE_VERSION ? 'compare.linkError.newer' : 'compare.linkError.older', { version, current: SHARE_VERSION }));
  }
  const [data, sum, ...rest] = match[2].split('.');
  const bytes = inflateCapped(fromBase64url(data));
  if (sum === undefined || rest.length) throw new LinkError(text('compare.linkError.noChecksum'));
  if (checksum(bytes) !== sum) throw new LinkError(text('compare.linkError.badChecksum'));
  const source = utf8Of(bytes);
  try {
    return JSON.parse(source) as unknown;
  } catch {
    throw new LinkError(text('compare.linkError.notJson'));
  }
}

function fromBase64url(data: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]+$/.test(data) || data.length % 4 === 1) {
    throw new LinkError(text('compare.linkError.notBase64'));
  }
  const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * Inflate into a fixed buffer one byte over the cap: fflate never grows a buffer it is given, so a
 * deflate bomb stops at cap + 1 bytes (later writes are dropped, and a stored block past the end
 * throws RangeError). The input is already small (MAX_PAYLOAD_CHARS), which bounds the work.
 */
function inflateCapped(bytes: Uint8Array): Uint8Array {
  const tooLarge = new LinkError(text('compare.linkError.tooLarge', { kib: MAX_JSON_BYTES / 1024 }));
  const out = new Uint8Array(MAX_JSON_BYTES + 1);
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(bytes, { out });
  } catch (e) {
    if (e instanceof RangeError) throw tooLarge;
    throw new LinkError(text('compare.linkError.noInflate'));
  }
  if (inflated.length > MAX_JSON_BYTES) throw tooLarge;
  return inflated;
}

function utf8Of(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LinkError(text('compare.linkError.notUtf8'));
  }
}

// ---------------------------------------------------------------- decoding: JSON to experiment

type JsonObject = { readonly [key: string]: unknown };
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Own properties only: "constructor" or "__proto__" in a link must never reach Object.prototype. */
const ownField = (o: JsonObject, key: string): unknown => (hasOwn(o, key) ? o[key] : undefined);

/** A value from the link for a message: JSON, at most 40 characters (messages are shown as text only). */
function quote(v: unknown): string {
  const shown = typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v));
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}

/*
 * Names inside problems are Texts of the content catalog (src/i18n/content.ts has the same keys),
 * with the spec's English as their default: the reader sees them in the page's language.
 */
const datasetNameText = (d: { id: string; name: string }): Text => text(`content.datasets.${d.id}.name`, { defaultValue: d.name });
const methodText = (id: MethodId): Text => text(`content.methods.${id}.label`, { defaultValue: METHOD_SPECS[id].label });
/** A param's label: the method's own wording where the catalog has one, else the shared one (as content.ts's paramLabel). */
function paramLabelText(id: MethodId, key: string, english: string): Text {
  const own = `content.params.${id}.${key}.label`;
  return text(i18n.exists(own) ? own : `content.params.shared.${key}.label`, { defaultValue: english });
}
/** A run setting's name in a problem: the setup panel's label for it (setup.runSettings). */
const settingLabelText = (key: string, english: string): Text => named(`setup.runSettings.${key}`, english);

function readExperiment(json: unknown, problems: Text[]): Experiment {
  if (!isObject(json) || !['d', 's', 'r'].some((k) => hasOwn(json, k))) {
    const found = json === null ? text('compare.linkError.found.null') : Array.isArray(json) ? text('compare.linkError.found.array')
      : isObject(json) ? text('compare.linkError.found.object') : text('compare.linkError.found.other', { type: typeof json });
    throw new LinkError(text('compare.linkError.notExperiment', { found }));
  }
  return {
    dataset: readDataset(ownField(json, 'd'), problems),
    settings: readSettings(ownField(json, 's'), problems),
    runs: readRuns(ownField(json, 'r'), problems),
  };
}

function readDataset(raw: unknown, problems: Text[]): DatasetRef {
  const fallback = { id: FALLBACK_DATASET.id, name: FALLBACK_DATASET.name, fingerprint: '' };
  if (!Array.isArray(raw)) {
    problems.push(text('compare.linkProblem.datasetMissing', { fallback: datasetNameText(fallback) }));
    return fallback;
  }
  const [id, name, fingerprint] = [raw[0], raw[1], raw[2]];
  if (typeof id !== 'string' || !(isBuiltinDatasetId(id) || USER_DATASET_ID.test(id))) {
    // The name and fingerprint described that other dataset: not kept beside the fallback's id.
    problems.push(text('compare.linkProblem.datasetId', { id: quote(id), fallback: datasetNameText(fallback) }));
    return fallback;
  }
  const builtinName = BUILTIN_DATASETS.find((d) => d.id === id)?.name;
  // The fallback is the dataset's name in the experiment (data, in English); the problem names it in the reader's language.
  const fallbackName = builtinName ? { name: builtinName, text: datasetNameText({ id, name: builtinName }) } : { name: 'Dropped dataset', text: text('compare.linkProblem.droppedDataset') };
  return { id, name: readName(name, fallbackName, problems), fingerprint: readFingerprint(fingerprint, problems) };
}

function readName(raw: unknown, fallback: { name: string; text: Text }, problems: Text[]): string {
  if (typeof raw !== 'string') {
    problems.push(text('compare.linkProblem.nameNotText', { value: quote(raw), fallback: fallback.text }));
    return fallback.name;
  }
  const clean = raw.replace(CONTROL_CHARS, '');
  if (clean !== raw) problems.push(text('compare.linkProblem.nameControl'));
  const chars = Array.from(clean); // code points, so a cut never splits a surrogate pair
  if (chars.length <= MAX_NAME_CHARS) return clean;
  problems.push(text('compare.linkProblem.nameCut', { length: chars.length, max: MAX_NAME_CHARS }));
  return chars.slice(0, MAX_NAME_CHARS).join('');
}

function readFingerprint(raw: unknown, problems: Text[]): string {
  if (typeof raw === 'string' && FINGERPRINT.test(raw)) return raw;
  problems.push(text('compare.linkProblem.fingerprint', { value: quote(raw) }));
  return '';
}

function readSettings(raw: unknown, problems: Text[]): SharedRunSettings {
  if (!Array.isArray(raw)) problems.push(text('compare.linkProblem.settingsMissing'));
  const list: unknown[] = Array.isArray(raw) ? raw : [];
  const byKey: Record<string, unknown> = Object.create(null);
  SETTING_KEYS.forEach((key, i) => (byKey[key] = list[i]));
  const values = checkValues(RUN_SETTINGS, byKey, text('compare.linkProblem.settingsPrefix'), settingLabelText, Array.isArray(raw), problems);
  const backend = list[SETTING_KEYS.length];
  const known = BACKENDS.find((b) => b === backend);
  if (!known && Array.isArray(raw)) problems.push(text('compare.linkProblem.backend', { value: quote(backend), backends: BACKENDS.join(', ') }));
  return { ...values, backend: known ?? 'auto' };
}

function readRuns(raw: unknown, problems: Text[]): PlannedRun[] {
  if (!Array.isArray(raw)) problems.push(text('compare.linkProblem.runsMissing'));
  const list: unknown[] = Array.isArray(raw) ? raw : [];
  if (list.length > MAX_RUNS) problems.push(text('compare.linkProblem.tooManyRuns', { runs: list.length, max: MAX_RUNS, first: MAX_RUNS + 1 }));
  const runs = list.slice(0, MAX_RUNS).flatMap((entry, i) => readRun(entry, i + 1, problems) ?? []);
  if (runs.length > 0) return runs;
  problems.push(text('compare.linkProblem.noRuns'));
  return [{ methodId: 'simclr', params: defaultParams(METHOD_SPECS.simclr.params) }];
}

function readRun(entry: unknown, n: number, problems: Text[]): PlannedRun | null {
  if (!Array.isArray(entry)) {
    problems.push(text('compare.linkProblem.notPair', { n, value: quote(entry) }));
    return null;
  }
  const [methodId, rawParams] = [entry[0], entry[1]];
  if (typeof methodId !== 'string' || !isMethodId(methodId)) {
    problems.push(text('compare.linkProblem.unknownMethod', { n, value: quote(methodId) }));
    return null;
  }
  const specs: ParamSpecs = METHOD_SPECS[methodId].params;
  const prefix = text('compare.linkProblem.runPrefix', { n, method: methodText(methodId) });
  if (!isObject(rawParams)) problems.push(text('compare.linkProblem.paramsMissing', { prefix }));
  const known = knownParams(isObject(rawParams) ? rawParams : {}, specs, prefix, problems);
  const label = (key: string, english: string) => paramLabelText(methodId, key, english);
  return { methodId, params: checkValues(specs, known, prefix, label, isObject(rawParams), problems) };
}

/**
 * The link's params that the method has, in an object without a prototype; unknown keys (including
 * "__proto__") are reported here because validateParams's `key in specs` would see inherited names.
 */
function knownParams(raw: JsonObject, specs: ParamSpecs, prefix: Text, problems: Text[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(raw)) {
    if (hasOwn(specs, key)) out[key] = shortened(raw[key]);
    else problems.push(text('compare.linkProblem.unknownParam', { prefix, name: quote(key) }));
  }
  return out;
}

/** Long strings and structures are invalid for every spec: shortened so validateParams's messages quote 40 characters at most. */
function shortened(v: unknown): unknown {
  if (typeof v === 'string') return v.length > 40 ? `${v.slice(0, 40)}…` : v;
  return typeof v === 'object' && v !== null ? quote(v) : v;
}

/** validateParams plus what it does silently: missing values (defaults) and ints rounded. */
function checkValues<S extends ParamSpecs>(specs: S, recorded: Record<string, unknown>, prefix: Text, label: (key: string, english: string) => Text, reportMissing: boolean, problems: Text[]) {
  // A param newer than the link takes what runs did before it existed, without a message
  // (params that are not an object at all are damaged, not old: they take the defaults).
  const raw = reportMissing ? withAbsentParams(specs, recorded) : recorded;
  for (const [key, spec] of Object.entries(specs)) {
    const v = raw[key];
    if (v === undefined && reportMissing) problems.push(text('compare.linkProblem.valueMissing', { prefix, label: label(key, spec.label), value: String(spec.default) }));
    if (spec.kind === 'int' && typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)) {
      problems.push(text('compare.linkProblem.notWhole', { prefix, label: label(key, spec.label), value: v, rounded: Math.round(v) }));
    }
  }
  const { values, issues } = validateParams(specs, raw, label);
  for (const issue of issues) problems.push(text('compare.linkProblem.issue', { prefix, issue: issue.message }));
  return values;
}
