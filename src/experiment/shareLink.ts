/**
 * Share links: an experiment (dataset, shared settings, up to MAX_RUNS runs with every param) in a
 * URL fragment, "#x=<version>.<base64url(deflateRaw(JSON))>". The fragment never reaches a server.
 * Decoding treats the link as hostile: sizes are capped before and after decompression, nothing is
 * evaluated, nothing is written through a key from the link, and every value is checked against
 * its spec, falling back with a problem that names the field.
 */
import { deflateSync, inflateSync } from 'fflate';
import { BUILTIN_DATASETS, isBuiltinDatasetId } from '../data/catalog';
import { METHOD_SPECS, isMethodId } from '../methods/catalog';
import { RUN_SETTINGS, type BackendPreference } from '../shared/config';
import { defaultParams, validateParams, withAbsentParams, type AnyParamValues, type ParamSpecs } from '../shared/params';
import type { DatasetRef, Experiment, PlannedRun, SharedRunSettings } from './types';

export const SHARE_VERSION = 1;
export const SHARE_PARAM = 'x';
export const MAX_RUNS = 8;
/** Caps on what a link may hold: the text of the payload, and the JSON it inflates to. */
export const MAX_PAYLOAD_CHARS = 8000;
export const MAX_JSON_BYTES = 64 * 1024;
export const MAX_NAME_CHARS = 120;

export type DecodeResult = { ok: true; experiment: Experiment; problems: string[] } | { ok: false; error: string };

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
class LinkError extends Error {}

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
    const problems: string[] = [];
    return { ok: true, experiment: readExperiment(json, problems), problems };
  } catch (e) {
    // Everything expected throws LinkError; anything else is still a bad link, never a crash.
    const error = e instanceof LinkError ? e.message : `The link could not be read (${quote(String(e))}).`;
    return { ok: false, error };
  }
}

/** The payload of a full URL, a fragment ("#x=..." or "x=...") or a bare payload. */
function payloadOf(input: unknown): string {
  if (typeof input !== 'string') throw new LinkError('The link is not text.');
  const text = input.trim();
  const hashAt = text.indexOf('#');
  let payload: string | null = text;
  if (hashAt >= 0) payload = xParamOf(text.slice(hashAt + 1));
  else if (text.startsWith(`${SHARE_PARAM}=`)) payload = text.slice(SHARE_PARAM.length + 1);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(text)) payload = null; // a URL without a fragment
  if (payload === null) throw new LinkError(`The link holds no experiment (no "#${SHARE_PARAM}=" part).`);
  if (payload === '') throw new LinkError('The link holds no experiment: it is empty.');
  if (payload.length > MAX_PAYLOAD_CHARS) {
    throw new LinkError(`The link is too long (${payload.length} characters; at most ${MAX_PAYLOAD_CHARS} are read).`);
  }
  return payload;
}

/** Version check first (in clear text, so a link from another version is named as such), then the data. */
function jsonOfPayload(payload: string): unknown {
  const match = /^(\d{1,9})\.([\s\S]*)$/.exec(payload);
  if (!match) throw new LinkError('The link is not a Pretext experiment link (it has no version prefix such as "1.").');
  const version = Number(match[1]);
  if (version !== SHARE_VERSION) {
    const which = version > SHARE_VERSION ? 'a newer' : 'an older';
    throw new LinkError(`This link was made by ${which} version of Pretext (v${version}); this page reads v${SHARE_VERSION}.`);
  }
  const [data, sum, ...rest] = match[2].split('.');
  const bytes = inflateCapped(fromBase64url(data));
  if (sum === undefined || rest.length) throw new LinkError('The link is damaged: its checksum is missing (cut short?).');
  if (checksum(bytes) !== sum) throw new LinkError('The link is damaged: its checksum does not match its content (a character was changed or cut off).');
  const text = utf8Of(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new LinkError('The link is damaged: its content is not JSON.');
  }
}

function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) {
    throw new LinkError('The link is damaged: its data is not valid base64url (cut short or altered?).');
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * Inflate into a fixed buffer one byte over the cap: fflate never grows a buffer it is given, so a
 * deflate bomb stops at cap + 1 bytes (later writes are dropped, and a stored block past the end
 * throws RangeError). The input is already small (MAX_PAYLOAD_CHARS), which bounds the work.
 */
function inflateCapped(bytes: Uint8Array): Uint8Array {
  const tooLarge = new LinkError(`The link's content is too large (over ${MAX_JSON_BYTES / 1024} KiB once decompressed).`);
  const out = new Uint8Array(MAX_JSON_BYTES + 1);
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(bytes, { out });
  } catch (e) {
    if (e instanceof RangeError) throw tooLarge;
    throw new LinkError('The link is damaged: its data does not decompress (cut short or altered?).');
  }
  if (inflated.length > MAX_JSON_BYTES) throw tooLarge;
  return inflated;
}

function utf8Of(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LinkError('The link is damaged: its content is not valid UTF-8 text.');
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
  const text = typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function readExperiment(json: unknown, problems: string[]): Experiment {
  if (!isObject(json) || !['d', 's', 'r'].some((k) => hasOwn(json, k))) {
    const found = json === null ? 'null' : Array.isArray(json) ? 'an array' : isObject(json) ? 'an object without its fields' : `a ${typeof json}`;
    throw new LinkError(`The link's content is not an experiment (found ${found}).`);
  }
  return {
    dataset: readDataset(ownField(json, 'd'), problems),
    settings: readSettings(ownField(json, 's'), problems),
    runs: readRuns(ownField(json, 'r'), problems),
  };
}

function readDataset(raw: unknown, problems: string[]): DatasetRef {
  const fallback = { id: FALLBACK_DATASET.id, name: FALLBACK_DATASET.name, fingerprint: '' };
  if (!Array.isArray(raw)) {
    problems.push(`Dataset: missing from the link or not a list; using ${fallback.name}.`);
    return fallback;
  }
  const [id, name, fingerprint] = [raw[0], raw[1], raw[2]];
  if (typeof id !== 'string' || !(isBuiltinDatasetId(id) || USER_DATASET_ID.test(id))) {
    // The name and fingerprint described that other dataset: not kept beside the fallback's id.
    problems.push(`Dataset id ${quote(id)} is neither a built-in dataset nor a dropped one ("user-" and hex); using ${fallback.name}.`);
    return fallback;
  }
  const builtinName = BUILTIN_DATASETS.find((d) => d.id === id)?.name;
  return { id, name: readName(name, builtinName ?? 'Dropped dataset', problems), fingerprint: readFingerprint(fingerprint, problems) };
}

function readName(raw: unknown, fallback: string, problems: string[]): string {
  if (typeof raw !== 'string') {
    problems.push(`Dataset name ${quote(raw)} is not text; using "${fallback}".`);
    return fallback;
  }
  const clean = raw.replace(CONTROL_CHARS, '');
  if (clean !== raw) problems.push('Dataset name: control characters removed.');
  const chars = Array.from(clean); // code points, so a cut never splits a surrogate pair
  if (chars.length <= MAX_NAME_CHARS) return clean;
  problems.push(`Dataset name: ${chars.length} characters, cut to ${MAX_NAME_CHARS}.`);
  return chars.slice(0, MAX_NAME_CHARS).join('');
}

function readFingerprint(raw: unknown, problems: string[]): string {
  if (typeof raw === 'string' && FINGERPRINT.test(raw)) return raw;
  problems.push(`Dataset fingerprint ${quote(raw)} is not up to 64 lowercase hex digits; left empty (not known).`);
  return '';
}

function readSettings(raw: unknown, problems: string[]): SharedRunSettings {
  if (!Array.isArray(raw)) problems.push('Settings: missing from the link or not a list; using the defaults.');
  const list: unknown[] = Array.isArray(raw) ? raw : [];
  const byKey: Record<string, unknown> = Object.create(null);
  SETTING_KEYS.forEach((key, i) => (byKey[key] = list[i]));
  const values = checkValues(RUN_SETTINGS, byKey, 'Settings: ', Array.isArray(raw), problems);
  const backend = list[SETTING_KEYS.length];
  const known = BACKENDS.find((b) => b === backend);
  if (!known && Array.isArray(raw)) problems.push(`Settings: backend ${quote(backend)} is not one of ${BACKENDS.join(', ')}; using auto.`);
  return { ...values, backend: known ?? 'auto' };
}

function readRuns(raw: unknown, problems: string[]): PlannedRun[] {
  if (!Array.isArray(raw)) problems.push('Runs: missing from the link or not a list.');
  const list: unknown[] = Array.isArray(raw) ? raw : [];
  if (list.length > MAX_RUNS) problems.push(`Runs: the link has ${list.length}, at most ${MAX_RUNS} are read; runs ${MAX_RUNS + 1} to ${list.length} dropped.`);
  const runs = list.slice(0, MAX_RUNS).flatMap((entry, i) => readRun(entry, i + 1, problems) ?? []);
  if (runs.length > 0) return runs;
  problems.push('Runs: no usable run in the link; using one SimCLR run with default params.');
  return [{ methodId: 'simclr', params: defaultParams(METHOD_SPECS.simclr.params) }];
}

function readRun(entry: unknown, n: number, problems: string[]): PlannedRun | null {
  if (!Array.isArray(entry)) {
    problems.push(`Run ${n}: ${quote(entry)} is not a [method, params] pair; run dropped.`);
    return null;
  }
  const [methodId, rawParams] = [entry[0], entry[1]];
  if (typeof methodId !== 'string' || !isMethodId(methodId)) {
    problems.push(`Run ${n}: unknown method ${quote(methodId)}; run dropped.`);
    return null;
  }
  const specs: ParamSpecs = METHOD_SPECS[methodId].params;
  const prefix = `Run ${n} (${METHOD_SPECS[methodId].label}): `;
  if (!isObject(rawParams)) problems.push(`${prefix}params missing, using the defaults.`);
  const known = knownParams(isObject(rawParams) ? rawParams : {}, specs, prefix, problems);
  return { methodId, params: checkValues(specs, known, prefix, isObject(rawParams), problems) };
}

/**
 * The link's params that the method has, in an object without a prototype; unknown keys (including
 * "__proto__") are reported here because validateParams's `key in specs` would see inherited names.
 */
function knownParams(raw: JsonObject, specs: ParamSpecs, prefix: string, problems: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(raw)) {
    if (hasOwn(specs, key)) out[key] = shortened(raw[key]);
    else problems.push(`${prefix}unknown parameter ${quote(key)} ignored.`);
  }
  return out;
}

/** Long strings and structures are invalid for every spec: shortened so validateParams's messages quote 40 characters at most. */
function shortened(v: unknown): unknown {
  if (typeof v === 'string') return v.length > 40 ? `${v.slice(0, 40)}…` : v;
  return typeof v === 'object' && v !== null ? quote(v) : v;
}

/** validateParams plus what it does silently: missing values (defaults) and ints rounded. */
function checkValues<S extends ParamSpecs>(specs: S, recorded: Record<string, unknown>, prefix: string, reportMissing: boolean, problems: string[]) {
  // A param newer than the link takes what runs did before it existed, without a message
  // (params that are not an object at all are damaged, not old: they take the defaults).
  const raw = reportMissing ? withAbsentParams(specs, recorded) : recorded;
  for (const [key, spec] of Object.entries(specs)) {
    const v = raw[key];
    if (v === undefined && reportMissing) problems.push(`${prefix}${spec.label} missing from the link, using ${String(spec.default)}.`);
    if (spec.kind === 'int' && typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)) {
      problems.push(`${prefix}${spec.label}: ${v} is not a whole number, rounded to ${Math.round(v)}.`);
    }
  }
  const { values, issues } = validateParams(specs, raw);
  for (const issue of issues) problems.push(prefix + issue.message);
  return values;
}
