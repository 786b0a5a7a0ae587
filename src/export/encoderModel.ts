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
import { text, type Text } from '../shared/text';
import { TextError } from '../i18n/textError';

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
export function encoderConfigProblem(encoder: unknown): Text | null {
  if (!isObject(encoder)) return text('compare.encoderFile.noEncoder');
  const { min, max, step } = encoderParams().width;
  const width = encoder.width;
  if (typeof width !== 'number' || !Number.isInteger(width) || width < min || width > max || width % step !== 0) {
    return text('compare.encoderFile.width', { value: String(JSON.stringify(width)), min, max, step });
  }
  if (encoder.norm !== 'group' && encoder.norm !== 'none') {
    return text('compare.encoderFile.norm', { value: String(JSON.stringify(encoder.norm)) });
  }
  const groups = encoderParams().normGroups;
  const g = encoder.normGroups;
  if (g !== undefined && (typeof g !== 'number' || !Number.isInteger(g) || g < groups.min || g > groups.max)) {
    return text('compare.encoderFile.normGroups', { value: String(JSON.stringify(g)), min: groups.min, max: groups.max });
  }
  return null;
}

function datasetRefProblem(ref: unknown): Text | null {
  if (!isObject(ref) || typeof ref.id !== 'string' || typeof ref.name !== 'string' || typeof ref.fingerprint !== 'string') {
    return text('compare.encoderFile.trainedOn');
  }
  return null;
}

function inputShapeProblem(shape: unknown): Text | null {
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((d) => isCount(d) && d > 0) || shape[2] !== 3) {
    return text('compare.encoderFile.inputShape', { value: String(JSON.stringify(shape)) });
  }
  return null;
}

/** What is wrong with a topology (from our own code or a user's file), or null. */
export function topologyProblem(topology: unknown): Text | null {
  if (!isObject(topology)) return text('compare.encoderFile.noTopology');
  if (topology.version !== ENCODER_VERSION) {
    return text('compare.encoderFile.version', { value: String(JSON.stringify(topology.version)), version: ENCODER_VERSION });
  }
  if (typeof topology.methodId !== 'string' || topology.methodId === '') return text('compare.encoderFile.noMethod');
  const first = encoderConfigProblem(topology.encoder) ?? inputShapeProblem(topology.inputShape) ?? datasetRefProblem(topology.trainedOn);
  if (first) return first;
  const width = (topology.encoder as { width: number }).width;
  if (topology.outputDim !== 4 * width) {
    return text('compare.encoderFile.outputDim', { value: String(JSON.stringify(topology.outputDim)), width, dims: 4 * width });
  }
  if (!isCount(topology.steps)) return text('compare.encoderFile.steps', { value: String(JSON.stringify(topology.steps)) });
  if (!isCount(topology.seed)) return text('compare.encoderFile.seed', { value: String(JSON.stringify(topology.seed)) });
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
function weightListProblem(actual: readonly { name: string; shape: readonly number[] }[], encoder: EncoderTopology['encoder'], where: Text): Text | null {
  const expected = new Map(expectedEncoderWeights(encoder).map((w) => [w.name, w.shape]));
  const kind = text(encoder.norm === 'group' ? 'compare.encoderFile.kindGroup' : 'compare.encoderFile.kindNone', { width: encoder.width });
  const seen = new Set<string>();
  for (const { name, shape } of actual) {
    if (seen.has(name)) return text('compare.encoderFile.twice', { where, name });
    seen.add(name);
    const want = expected.get(name);
    if (!want) return text('compare.encoderFile.unexpected', { where, name, kind });
    if (!sameShape(shape, want)) return text('compare.encoderFile.shape', { name, shape: shapeText(shape), expected: shapeText(want), kind });
  }
  const missing = [...expected.keys()].filter((name) => !seen.has(name));
  if (missing.length) return text('compare.encoderFile.missing', { where, count: missing.length, names: missing.map((n) => `"${n}"`).join(', '), kind });
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
  const wrong = topologyProblem(topology) ?? weightListProblem(weights, topology.encoder, text('compare.encoderFile.whereEncoder'));
  if (wrong) throw new TextError(text('compare.encoderFile.cannotExport', { problem: wrong }));
  const byName = new Map(weights.map((w) => [w.name, w]));
  const ordered = expectedEncoderWeights(topology.encoder).map(({ name }) => byName.get(name)!);
  for (const w of ordered) {
    if (w.data.length !== elementCount(w.shape)) {
      throw new TextError(text('compare.encoderFile.cannotExport', { problem: text('compare.encoderFile.valueCount', { name: w.name, values: w.data.length, shape: shapeText(w.shape), needed: elementCount(w.shape) }) }));
    }
    const bad = firstNonFinite(w.data);
    if (bad >= 0) throw new TextError(text('compare.encoderFile.cannotExport', { problem: text('compare.encoderFile.diverged', { name: w.name, value: String(w.data[bad]), index: bad }) }));
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

export type ParsedEncoderModel = { ok: true; topology: EncoderTopology; weights: NamedWeight[] } | { ok: false; error: Text };

/** Why a model.json that is not ours is not, in words a user can act on. */
function notOursProblem(json: Json): Text {
  const format = json.format;
  const topology = json.modelTopology;
  if (format === 'layers-model' || (isObject(topology) && ('keras_version' in topology || 'class_name' in topology || 'model_config' in topology))) {
    return text('compare.encoderFile.layersModel');
  }
  if (format === 'graph-model' || (isObject(topology) && 'node' in topology)) {
    return text('compare.encoderFile.graphModel');
  }
  return format === undefined
    ? text('compare.encoderFile.noFormat', { format: ENCODER_FORMAT })
    : text('compare.encoderFile.otherFormat', { found: String(JSON.stringify(format)), format: ENCODER_FORMAT });
}

/** The single weights group's entries, or a problem. */
function manifestEntries(manifest: unknown): WeightsManifestEntry[] | Text {
  if (!Array.isArray(manifest) || manifest.length === 0) return text('compare.encoderFile.noManifest');
  if (manifest.length > 1) return text('compare.encoderFile.groups', { groups: manifest.length });
  const group: unknown = manifest[0];
  if (!isObject(group) || !Array.isArray(group.weights)) return text('compare.encoderFile.noWeightsList');
  if (!Array.isArray(group.paths) || group.paths.length !== 1 || typeof group.paths[0] !== 'string') {
    return text('compare.encoderFile.paths', { paths: Array.isArray(group.paths) ? group.paths.length : text('compare.encoderFile.pathsNone') });
  }
  const entries: WeightsManifestEntry[] = [];
  for (const [i, entry] of (group.weights as unknown[]).entries()) {
    if (!isObject(entry) || typeof entry.name !== 'string') return text('compare.encoderFile.entryName', { index: i });
    const { name, shape, dtype } = entry;
    if (!Array.isArray(shape) || !shape.every(isCount)) return text('compare.encoderFile.entryShape', { name, shape: String(JSON.stringify(shape)) });
    if ('quantization' in entry && entry.quantization != null) return text('compare.encoderFile.quantised', { name });
    if (dtype !== 'float32') return text('compare.encoderFile.dtype', { name, dtype: String(JSON.stringify(dtype)) });
    entries.push({ name, shape: shape as number[], dtype });
  }
  return entries;
}

/** Reads float32 little-endian values for each entry in manifest order, checking they are finite. */
function unpackFloat32(entries: readonly WeightsManifestEntry[], bin: ArrayBuffer): NamedWeight[] | Text {
  const view = new DataView(bin);
  const weights: NamedWeight[] = [];
  let offset = 0;
  for (const { name, shape } of entries) {
    const data = new Float32Array(elementCount(shape));
    for (let i = 0; i < data.length; i++, offset += 4) data[i] = view.getFloat32(offset, true);
    const bad = firstNonFinite(data);
    if (bad >= 0) return text('compare.encoderFile.notFinite', { name, value: String(data[bad]), index: bad });
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
    return { ok: false, error: text('compare.encoderFile.unreadable', { detail: e instanceof Error ? e.message : String(e) }) };
  }
}

function parseOrProblem(modelJsonText: string, weightsBin: ArrayBuffer): ParsedEncoderModel {
  const fail = (error: Text): ParsedEncoderModel => ({ ok: false, error });
  let json: unknown;
  try {
    json = JSON.parse(modelJsonText);
  } catch (e) {
    return fail(text('compare.encoderFile.notJson', { detail: e instanceof Error ? e.message : String(e) }));
  }
  if (!isObject(json)) return fail(text('compare.encoderFile.notObject'));
  if (json.format !== ENCODER_FORMAT) return fail(notOursProblem(json));

  const topologyError = topologyProblem(json.modelTopology);
  if (topologyError) return fail(topologyError);
  const topology = copyTopology(json.modelTopology as unknown as EncoderTopology);

  const entries = manifestEntries(json.weightsManifest);
  if (!Array.isArray(entries)) return fail(entries);
  const listError = weightListProblem(entries, topology.encoder, text('compare.encoderFile.whereManifest'));
  if (listError) return fail(listError);

  // Not instanceof: an ArrayBuffer from another realm (a worker, a test environment) is fine too.
  if (typeof (weightsBin as { byteLength?: unknown } | null)?.byteLength !== 'number') return fail(text('compare.encoderFile.notBinary'));
  const needed = entries.reduce((n, e) => n + elementCount(e.shape), 0) * 4;
  if (weightsBin.byteLength !== needed) {
    return fail(text(weightsBin.byteLength < needed ? 'compare.encoderFile.tooShort' : 'compare.encoderFile.tooLong', { bytes: weightsBin.byteLength, needed }));
  }
  const weights = unpackFloat32(entries, weightsBin);
  if (!Array.isArray(weights)) return fail(weights);

  const byName = new Map(weights.map((w) => [w.name, w]));
  return { ok: true, topology, weights: expectedEncoderWeights(topology.encoder).map(({ name }) => byName.get(name)!) };
}
