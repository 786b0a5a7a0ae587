/**
 * The trained encoder as TF.js-style model files: a model.json and one binary weights file, laid
 * out like TF.js model artifacts (weightsManifest: [{ paths, weights: [{ name, shape, dtype }] }],
 * the weights' float32 values concatenated in manifest order, little-endian), so tf.io's weight
 * decoder and other TF.js tooling read the binary. modelTopology is our own description
 * (EncoderTopology), not a Keras graph: rebuilding the ResNetEncoder from it and loading these
 * weights by name gives the trained encoder back. Pure: no tfjs, no DOM.
 */
import type { DatasetRef } from '../experiment/types';
import { encoderParams } from '../shared/paramGroups';
import { expectedEncoderWeights, layoutOf, type EncoderNorm } from '../models/encoderLayout';

// The layout lives in models/encoderLayout.ts (one source with ResNetEncoder); re-exported for callers of the exporter.
export { expectedEncoderWeights, type EncoderNorm };

export const ENCODER_FORMAT = 'pretext-encoder';
export const ENCODER_VERSION = 1;

export interface EncoderTopology {
  version: 1;
  methodId: string;
  /**
   * The encoder's layout (models/encoderLayout.ts). A file written before normGroups existed has
   * none: it reads as 8, what the encoder did then (layoutOf), so old exports embed as before.
   */
  encoder: { width: number; norm: EncoderNorm; normGroups: number };
  /** [height, width, channels] of the images it was trained on. */
  inputShape: [number, number, 3];
  /** Size of the representation h (4 x width). */
  outputDim: number;
  trainedOn: DatasetRef;
  steps: number;
  seed: number;
}

export interface NamedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** One entry of a TF.js weights manifest (only float32, unquantised, is written or read here). */
export interface WeightsManifestEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** The model.json we write (TF.js model-artifacts layout). */
export interface EncoderModelJson {
  format: typeof ENCODER_FORMAT;
  generatedBy: 'Pretext';
  convertedBy: null;
  modelTopology: EncoderTopology;
  weightsManifest: [{ paths: [string]; weights: WeightsManifestEntry[] }];
}

// ---------------------------------------------------------------------------------------------
// Validation shared by writing and reading

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function shapeText(shape: readonly unknown[]): string {
  return `[${shape.join(', ')}]`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** What is wrong with an encoder config (the same ranges as the encoder params of the form), or null. */
export function encoderConfigProblem(encoder: unknown): string | null {
  if (!isObject(encoder)) return 'the topology has no encoder settings (encoder: { width, norm })';
  const { min, max, step } = encoderParams().width;
  const width = encoder.width;
  if (typeof width !== 'number' || !Number.isInteger(width) || width < min || width > max || width % step !== 0) {
    return `encoder width ${JSON.stringify(width)} is not supported: it must be a whole number from ${min} to ${max}, a multiple of ${step}`;
  }
  if (encoder.norm !== 'group' && encoder.norm !== 'none') {
    return `encoder norm ${JSON.stringify(encoder.norm)} is not supported: it must be "group" or "none"`;
  }
  const groups = encoderParams().normGroups;
  const g = encoder.normGroups;
  if (g !== undefined && (typeof g !== 'number' || !Number.isInteger(g) || g < groups.min || g > groups.max)) {
    return `encoder normGroups ${JSON.stringify(g)} is not supported: it must be a whole number from ${groups.min} to ${groups.max} (or absent, meaning 8)`;
  }
  return null;
}

function datasetRefProblem(ref: unknown): string | null {
  if (!isObject(ref) || typeof ref.id !== 'string' || typeof ref.name !== 'string' || typeof ref.fingerprint !== 'string') {
    return 'trainedOn must be a dataset reference { id, name, fingerprint } of strings';
  }
  return null;
}

function inputShapeProblem(shape: unknown): string | null {
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((d) => isCount(d) && d > 0) || shape[2] !== 3) {
    return `inputShape ${JSON.stringify(shape)} must be [height, width, 3] with positive whole numbers`;
  }
  return null;
}

/** What is wrong with a topology (from our own code or a user's file), or null. */
export function topologyProblem(topology: unknown): string | null {
  if (!isObject(topology)) return 'model.json has no modelTopology object';
  if (topology.version !== ENCODER_VERSION) {
    return `unsupported Pretext encoder version ${JSON.stringify(topology.version)} (this app reads version ${ENCODER_VERSION})`;
  }
  if (typeof topology.methodId !== 'string' || topology.methodId === '') return 'the topology has no methodId';
  const problem = encoderConfigProblem(topology.encoder) ?? inputShapeProblem(topology.inputShape) ?? datasetRefProblem(topology.trainedOn);
  if (problem) return problem;
  const width = (topology.encoder as { width: number }).width;
  if (topology.outputDim !== 4 * width) {
    return `outputDim ${JSON.stringify(topology.outputDim)} does not match encoder width ${width} (the representation has 4 x width = ${4 * width} dimensions)`;
  }
  if (!isCount(topology.steps)) return `steps ${JSON.stringify(topology.steps)} must be a whole number >= 0`;
  if (!isCount(topology.seed)) return `seed ${JSON.stringify(topology.seed)} must be a whole number >= 0`;
  return null;
}

/** A clean copy of a validated topology (drops anything else a file carried). */
function copyTopology(t: EncoderTopology): EncoderTopology {
  return {
    version: 1,
    methodId: t.methodId,
    encoder: layoutOf(t.encoder),
    inputShape: [t.inputShape[0], t.inputShape[1], 3],
    outputDim: t.outputDim,
    trainedOn: { id: t.trainedOn.id, name: t.trainedOn.name, fingerprint: t.trainedOn.fingerprint },
    steps: t.steps,
    seed: t.seed,
  };
}

/**
 * Compares named shapes to the encoder's expected ones: the first problem (duplicate, extra,
 * missing or wrongly shaped weight) in words, or null. `where` says where the list came from.
 */
function weightListProblem(actual: readonly { name: string; shape: readonly number[] }[], encoder: EncoderTopology['encoder'], where: string): string | null {
  const expected = new Map(expectedEncoderWeights(encoder).map((w) => [w.name, w.shape]));
  const kind = `a width-${encoder.width} ${encoder.norm === 'group' ? 'group-norm' : 'no-norm'} encoder`;
  const seen = new Set<string>();
  for (const { name, shape } of actual) {
    if (seen.has(name)) return `${where} lists weight "${name}" twice`;
    seen.add(name);
    const want = expected.get(name);
    if (!want) return `${where} has an unexpected weight "${name}" (not part of ${kind})`;
    if (!sameShape(shape, want)) return `weight "${name}" has shape ${shapeText(shape)}, expected ${shapeText(want)} for ${kind}`;
  }
  const missing = [...expected.keys()].filter((name) => !seen.has(name));
  if (missing.length) return `${where} is missing weight${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(', ')} of ${kind}`;
  return null;
}

function firstNonFinite(data: Float32Array): number {
  return data.findIndex((x) => !Number.isFinite(x));
}

// ---------------------------------------------------------------------------------------------
// Writing

/** A file-name stem without path separators, whitespace or control characters. */
function safeStem(baseName: string): string {
  return baseName.replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, '-').replace(/^[-.]+/, '') || 'encoder';
}

/**
 * model.json and its weights file for a trained encoder. `weights` must be exactly the encoder's
 * (any order; they are written in creation order); throws an Error saying what does not match.
 * Files: "<baseName>.json" and "<baseName>.weights.bin" (the manifest names the latter).
 */
export function encoderModelFiles(topology: EncoderTopology, weights: NamedWeight[], baseName: string): {
  modelJson: string; modelJsonName: string; weightsBin: ArrayBuffer; weightsName: string;
} {
  const problem = topologyProblem(topology) ?? weightListProblem(weights, topology.encoder, 'the encoder');
  if (problem) throw new Error(`Cannot export the encoder: ${problem}`);
  const byName = new Map(weights.map((w) => [w.name, w]));
  const ordered = expectedEncoderWeights(topology.encoder).map(({ name }) => byName.get(name)!);
  for (const w of ordered) {
    if (w.data.length !== elementCount(w.shape)) {
      throw new Error(`Cannot export the encoder: weight "${w.name}" has ${w.data.length} values, its shape ${shapeText(w.shape)} needs ${elementCount(w.shape)}`);
    }
    const bad = firstNonFinite(w.data);
    if (bad >= 0) throw new Error(`Cannot export the encoder: weight "${w.name}" holds ${w.data[bad]} at index ${bad} (did training diverge?)`);
  }

  const stem = safeStem(baseName);
  const weightsName = `${stem}.weights.bin`;
  const model: EncoderModelJson = {
    format: ENCODER_FORMAT,
    generatedBy: 'Pretext',
    convertedBy: null,
    modelTopology: copyTopology(topology),
    weightsManifest: [{ paths: [weightsName], weights: ordered.map((w) => ({ name: w.name, shape: [...w.shape], dtype: 'float32' })) }],
  };
  return { modelJson: JSON.stringify(model, null, 1) + '\n', modelJsonName: `${stem}.json`, weightsBin: packFloat32(ordered), weightsName };
}

/** The weights' values one after another as float32 little-endian (whatever the platform's byte order). */
function packFloat32(weights: readonly NamedWeight[]): ArrayBuffer {
  const total = weights.reduce((n, w) => n + w.data.length, 0);
  const buffer = new ArrayBuffer(total * 4);
  const view = new DataView(buffer);
  let offset = 0;
  for (const w of weights) {
    for (let i = 0; i < w.data.length; i++, offset += 4) view.setFloat32(offset, w.data[i], true);
  }
  return buffer;
}

// ---------------------------------------------------------------------------------------------
// Reading

export type ParsedEncoderModel = { ok: true; topology: EncoderTopology; weights: NamedWeight[] } | { ok: false; error: string };

/** Why a model.json that is not ours is not, in words a user can act on. */
function notOursProblem(json: Json): string {
  const format = json.format;
  const topology = json.modelTopology;
  if (format === 'layers-model' || (isObject(topology) && ('keras_version' in topology || 'class_name' in topology || 'model_config' in topology))) {
    return 'this is a TF.js/Keras layers model, not a Pretext encoder (export the encoder from Pretext to get one)';
  }
  if (format === 'graph-model' || (isObject(topology) && 'node' in topology)) {
    return 'this is a TF.js graph model, not a Pretext encoder (export the encoder from Pretext to get one)';
  }
  return format === undefined
    ? `this model.json is not a Pretext encoder (it has no "format": "${ENCODER_FORMAT}")`
    : `this model.json is not a Pretext encoder (format ${JSON.stringify(format)}, expected "${ENCODER_FORMAT}")`;
}

/** The single weights group's entries, or a problem. */
function manifestEntries(manifest: unknown): WeightsManifestEntry[] | string {
  if (!Array.isArray(manifest) || manifest.length === 0) return 'model.json has no weightsManifest';
  if (manifest.length > 1) return `the weightsManifest has ${manifest.length} groups; a Pretext encoder has one weights file`;
  const group: unknown = manifest[0];
  if (!isObject(group) || !Array.isArray(group.weights)) return 'the weightsManifest group has no weights list';
  if (!Array.isArray(group.paths) || group.paths.length !== 1 || typeof group.paths[0] !== 'string') {
    return `the weightsManifest must name exactly one weights file (it names ${Array.isArray(group.paths) ? group.paths.length : 'none'})`;
  }
  const entries: WeightsManifestEntry[] = [];
  for (const [i, entry] of (group.weights as unknown[]).entries()) {
    if (!isObject(entry) || typeof entry.name !== 'string') return `weightsManifest entry ${i} has no name`;
    const { name, shape, dtype } = entry;
    if (!Array.isArray(shape) || !shape.every(isCount)) return `weight "${name}" has no valid shape (${JSON.stringify(shape)})`;
    if ('quantization' in entry && entry.quantization != null) return `weight "${name}" is quantised; only float32 weights can be read`;
    if (dtype !== 'float32') return `weight "${name}" has dtype ${JSON.stringify(dtype)}; only float32 weights can be read`;
    entries.push({ name, shape: shape as number[], dtype });
  }
  return entries;
}

/** Reads float32 little-endian values for each entry in manifest order, checking they are finite. */
function unpackFloat32(entries: readonly WeightsManifestEntry[], bin: ArrayBuffer): NamedWeight[] | string {
  const view = new DataView(bin);
  const weights: NamedWeight[] = [];
  let offset = 0;
  for (const { name, shape } of entries) {
    const data = new Float32Array(elementCount(shape));
    for (let i = 0; i < data.length; i++, offset += 4) data[i] = view.getFloat32(offset, true);
    const bad = firstNonFinite(data);
    if (bad >= 0) return `weight "${name}" holds ${data[bad]} at index ${bad}; the weights must be finite numbers`;
    weights.push({ name, shape: [...shape], data });
  }
  return weights;
}

/**
 * Reads a model.json (text) and its weights file back into a topology and weights in the
 * encoder's creation order. Never throws: anything wrong comes back as { ok: false, error }.
 */
export function parseEncoderModel(modelJsonText: string, weightsBin: ArrayBuffer): ParsedEncoderModel {
  try {
    return parseOrProblem(modelJsonText, weightsBin);
  } catch (e) {
    return { ok: false, error: `could not read the encoder: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function parseOrProblem(modelJsonText: string, weightsBin: ArrayBuffer): ParsedEncoderModel {
  const fail = (error: string): ParsedEncoderModel => ({ ok: false, error });
  let json: unknown;
  try {
    json = JSON.parse(modelJsonText);
  } catch (e) {
    return fail(`model.json is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(json)) return fail('model.json is not a JSON object');
  if (json.format !== ENCODER_FORMAT) return fail(notOursProblem(json));

  const topologyError = topologyProblem(json.modelTopology);
  if (topologyError) return fail(topologyError);
  const topology = copyTopology(json.modelTopology as unknown as EncoderTopology);

  const entries = manifestEntries(json.weightsManifest);
  if (typeof entries === 'string') return fail(entries);
  const listError = weightListProblem(entries, topology.encoder, 'the weightsManifest');
  if (listError) return fail(listError);

  // Not instanceof: an ArrayBuffer from another realm (a worker, a test environment) is fine too.
  if (typeof (weightsBin as { byteLength?: unknown } | null)?.byteLength !== 'number') return fail('the weights file was not read as binary data');
  const needed = entries.reduce((n, e) => n + elementCount(e.shape), 0) * 4;
  if (weightsBin.byteLength !== needed) {
    return fail(`the weights file is ${weightsBin.byteLength} bytes but the manifest needs ${needed} (too ${weightsBin.byteLength < needed ? 'short' : 'long'}: is it this model's weights file?)`);
  }
  const weights = unpackFloat32(entries, weightsBin);
  if (typeof weights === 'string') return fail(weights);

  const byName = new Map(weights.map((w) => [w.name, w]));
  return { ok: true, topology, weights: expectedEncoderWeights(topology.encoder).map(({ name }) => byName.get(name)!) };
}
