import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/render';
import type { EmbeddingRecord, RunRecord } from '../experiment/types';
import type { EvalPoint } from '../eval/types';
import { testAccuracyNames } from '../methods/catalog';
import { ResNetEncoder } from '../models/encoder';
import { VariableSet } from '../models/variables';
import { defaultRunConfig } from '../shared/config';
import { createRng } from '../shared/rng';
import {
  encoderModelFiles, expectedEncoderWeights, parseEncoderModel,
  type EncoderTopology, type NamedWeight,
} from './encoderModel';
import { metricsCsv, metricsJson, resultsCsv } from './metricsExport';
import { projectorTsv } from './projector';
import { pngFileName } from './chartPng';
import { runFileName, slug } from './fileNames';
import { csvText } from './csv';

// ---------------------------------------------------------------------------------------------
// An independent reader of what the exports write

/** RFC 4180: fields split on commas, quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length) throw new Error('CSV does not end with a newline');
  return rows;
}

/** Rows as objects keyed by the header. */
function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  rows.forEach((r) => expect(r).toHaveLength(header.length));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

// ---------------------------------------------------------------------------------------------
// A small hand-built run of SLA (a method with classifier heads)

function evalPoint(step: number, knn: number | null, heads: number[] | null): EvalPoint & { wall?: number } {
  return {
    step, knnTop1: knn, linearTop1: knn === null ? null : knn + 0.05, headTop1: heads,
    similarity: { posHist: [1, 2], negHist: [3, 4], posMean: 0.9, negMean: 0.1 + step / 1000, alignment: 0.25, uniformity: -1.5 },
    spread: 0.7, dim: 16, ms: 12, wall: step === 0 ? 0.5 : 9.75,
  };
}

function slaRecord(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-1', name: 'sla, width 4', createdAt: 1_700_000_000_000,
    config: { ...defaultRunConfig('sla', 'shapes'), seed: 7, maxSteps: 3 },
    dataset: { id: 'shapes', name: 'Shapes', fingerprint: 'abc' },
    backend: 'cpu', status: 'completed', error: null,
    steps: 3, wallMs: 10_000, msPerStep: 250, imagesPerSecond: 64,
    metricNames: ['loss', 'odd, name'],
    points: [
      { step: 1, wall: 1.5, loss: 2.302585092994046, 'odd, name': 0.1 },
      { step: 2, wall: 3, loss: 1.0000001, 'odd, name': -3e-9 },
      { step: 3, wall: 4.25, loss: 0.5 },
    ],
    evals: [evalPoint(0, 0.125, [0.1, 0.2, 0.3]), evalPoint(3, 0.75, null)],
    baseline: null,
    embeddings: { step: 3, dim: 2, data: new Float32Array([1, 2, 3, 4]), labels: new Int32Array([0, 1]), classNames: ['a', 'b'] },
    ...overrides,
  };
}

describe('metricsCsv', () => {
  it('writes one row per step with metrics, evaluations and heads, in full precision', () => {
    expect(testAccuracyNames('sla')).toEqual(['SLA single', 'SLA aggregated', 'SLA+SD']);
    const text = metricsCsv(slaRecord());
    expect(text.endsWith('\n')).toBe(true);
    const [header] = parseCsv(text);
    expect(header).toEqual([
      'step', 'wall_s', 'loss', 'odd, name', 'knn_top1', 'linear_top1',
      'test_acc_sla_single', 'test_acc_sla_aggregated', 'test_acc_sla_sd',
      'spread', 'pos_mean', 'neg_mean', 'alignment', 'uniformity',
    ]);
    // The comma in the metric name is quoted in the header line itself.
    expect(text.split('\n')[0]).toContain('"odd, name"');

    const rows = csvObjects(text);
    expect(rows.map((r) => r.step)).toEqual(['0', '1', '2', '3']);
    const [init, s1, s2, s3] = rows;
    // Step 0: an evaluation only (empty metric cells), with the heads' accuracies.
    expect(init).toMatchObject({ wall_s: '0.5', loss: '', 'odd, name': '', knn_top1: '0.125', test_acc_sla_single: '0.1', test_acc_sla_aggregated: '0.2', test_acc_sla_sd: '0.3', spread: '0.7' });
    expect(Number(init.linear_top1)).toBe(0.125 + 0.05);
    // Steps 1, 2: metrics only, numbers exactly as they were.
    expect(Number(s1.loss)).toBe(2.302585092994046);
    expect(Number(s2.loss)).toBe(1.0000001);
    expect(Number(s2['odd, name'])).toBe(-3e-9);
    expect(s1).toMatchObject({ wall_s: '1.5', knn_top1: '', test_acc_sla_sd: '', spread: '', uniformity: '' });
    // Step 3: metrics (one missing) and an evaluation without heads.
    expect(s3).toMatchObject({ wall_s: '4.25', loss: '0.5', 'odd, name': '', knn_top1: '0.75', test_acc_sla_single: '', pos_mean: '0.9', alignment: '0.25', uniformity: '-1.5' });
    expect(Number(s3.neg_mean)).toBe(0.1 + 3 / 1000);
  });

  it('has no head columns for a method without heads, and an empty cell for a null kNN', () => {
    const record = slaRecord({ config: defaultRunConfig('simclr', 'shapes'), evals: [evalPoint(0, null, null)] });
    const [header] = parseCsv(metricsCsv(record));
    expect(header.some((h) => h.startsWith('test_acc_'))).toBe(false);
    expect(csvObjects(metricsCsv(record))[0]).toMatchObject({ step: '0', knn_top1: '', linear_top1: '' });
    expect(header.some((h) => h.startsWith('heldout_'))).toBe(false);
  });

  it('has a column per held-out video task (TCN: alignment error), empty where it was not measured', () => {
    const score = (value: number | null) => [{ value, chance: 0.333, detail: 'x' }];
    const record = slaRecord({
      config: defaultRunConfig('tcn', 'turntable'),
      evals: [{ ...evalPoint(0, 0.5, null), heldOutScores: score(0.364) }, { ...evalPoint(3, 0.6, null), heldOutScores: score(null) }],
    });
    const rows = csvObjects(metricsCsv(record));
    expect(rows.find((r) => r.step === '0')).toMatchObject({ knn_top1: '0.5', heldout_alignment_error: '0.364' });
    expect(rows.find((r) => r.step === '3')).toMatchObject({ knn_top1: '0.6', heldout_alignment_error: '' });
  });
});

describe('metricsJson', () => {
  it('is the record without embeddings, tagged with format and version', () => {
    const record = slaRecord();
    const json = JSON.parse(metricsJson(record));
    expect(json.format).toBe('pretext-run');
    expect(json.version).toBe(1);
    expect('embeddings' in json).toBe(false);
    const { embeddings: _dropped, ...rest } = record;
    expect(json).toEqual({ format: 'pretext-run', version: 1, ...JSON.parse(JSON.stringify(rest)) });
    expect(json.points[1].loss).toBe(1.0000001);
    expect(json.evals[0].headTop1).toEqual([0.1, 0.2, 0.3]);
  });
});

describe('resultsCsv', () => {
  it('writes one row per run with final and initial accuracies, final loss and speed', () => {
    const points = Array.from({ length: 12 }, (_, i) => ({ step: i + 1, wall: i, loss: i + 1 }));
    const second = slaRecord({
      id: 'run-2', name: 'moco "fast"', config: { ...defaultRunConfig('moco', 'shapes'), seed: 2 }, status: 'stopped', backend: 'webgl',
      points, evals: [], msPerStep: 0, wallMs: 1234, steps: 12,
    });
    const rows = csvObjects(resultsCsv([slaRecord(), second]));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      name: 'sla, width 4', method: 'sla', dataset: 'Shapes', seed: '7', steps: '3', status: 'completed', backend: 'cpu',
      final_knn_top1: '0.75', final_linear_top1: String(0.75 + 0.05), init_knn_top1: '0.125', init_linear_top1: String(0.125 + 0.05),
      final_loss: String((2.302585092994046 + 1.0000001 + 0.5) / 3), steps_per_s: '4', wall_s: '10',
    });
    // Mean of the last 10 losses (3..12) = 7.5; no evaluations and no speed: empty cells.
    expect(rows[1]).toEqual({
      name: 'moco "fast"', method: 'moco', dataset: 'Shapes', seed: '2', steps: '12', status: 'stopped', backend: 'webgl',
      final_knn_top1: '', final_linear_top1: '', init_knn_top1: '', init_linear_top1: '',
      final_loss: '7.5', steps_per_s: '', wall_s: '1.234',
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('projectorTsv', () => {
  const image: EmbeddingRecord = {
    step: 10, dim: 2,
    data: new Float32Array([0.5, -1, 0.1, 2, 3, 4]),
    labels: new Int32Array([0, -1, 1]),
    classNames: ['cat', 'big\tdog'],
  };

  it('writes vectors without a header and metadata with one', () => {
    const { vectors, metadata } = projectorTsv(image);
    const vectorRows = vectors.trimEnd().split('\n').map((line) => line.split('\t'));
    expect(vectorRows).toHaveLength(3);
    expect(vectorRows.every((r) => r.length === 2)).toBe(true);
    expect(vectorRows.map((r) => r.map(Number))).toEqual([[0.5, -1], [Math.fround(0.1), 2], [3, 4]]);

    const metaRows = metadata.trimEnd().split('\n').map((line) => line.split('\t'));
    expect(metaRows).toEqual([['label', 'class_index'], ['cat', '0'], ['unlabelled', '-1'], ['big dog', '1']]);
  });

  it('adds clip and frame columns for video datasets', () => {
    const video: EmbeddingRecord = {
      ...image,
      clips: { clip: new Int32Array([1, 0, 1]), frame: new Int32Array([0, 5, 9]), clipNames: ['walk\n1', 'run'] },
    };
    const metaRows = projectorTsv(video).metadata.trimEnd().split('\n').map((line) => line.split('\t'));
    expect(metaRows).toEqual([
      ['label', 'class_index', 'clip', 'frame'],
      ['cat', '0', 'run', '0'],
      ['unlabelled', '-1', 'walk 1', '5'],
      ['big dog', '1', 'run', '9'],
    ]);
  });

  it('refuses arrays that disagree in size', () => {
    expect(() => projectorTsv({ ...image, data: new Float32Array(5) })).toThrow(/5 values do not make 3 points/);
  });

  it('refuses NaN (the Projector would read it as a label column)', () => {
    expect(() => projectorTsv({ ...image, data: new Float32Array([0, 1, 2, NaN, 4, 5]) })).toThrow(/point 1 has a NaN/);
  });
});

describe('file names', () => {
  it('are named from the run\'s whole name and what the file holds, in safe characters', () => {
    expect(runFileName('SimCLR: NT-Xent temperature 0.2, 100 steps', 'metrics', 'csv')).toBe('simclr-nt-xent-temperature-0-2-100-steps.metrics.csv');
    expect(runFileName('../../etc/passwd', 'vectors', 'tsv')).toBe('etc-passwd.vectors.tsv');
    expect(runFileName('???', 'metrics', 'json')).toBe('run.metrics.json');
    // A long name keeps whole words (past the 60 characters names used to be cut at) and no trailing dash.
    const long = 'MoCo: queue size K 256, key encoder momentum m 0.9, InfoNCE temperature 0.1, batch size 8, +3 more';
    expect(slug(long)).toBe('moco-queue-size-k-256-key-encoder-momentum-m-0-9-infonce-temperature-0-1-batch-size-8-3-more');
    expect(slug(`${long} ${long}`).length).toBeLessThanOrEqual(100);
    expect(slug(`${long} ${long}`)).toMatch(/^moco-queue.*[a-z0-9]$/);
  });

  it('chart PNGs carry the run\'s name and the chart, so two runs\' loss charts do not share a name', () => {
    expect(pngFileName('Training loss', 'SimCLR: 100 steps')).toBe('simclr-100-steps.training-loss.png');
    expect(pngFileName('Training loss', 'SimCLR: 200 steps')).toBe('simclr-200-steps.training-loss.png');
    expect(pngFileName('Training loss', 'comparison')).toBe('comparison.training-loss.png');
    expect(pngFileName('SimCLR', 'SimCLR')).toBe('simclr.png');
  });
});

describe('pngFileName', () => {
  it('slugs a chart title', () => {
    expect(pngFileName('Loss (InfoNCE) / step')).toBe('loss-infonce-step.png');
    expect(pngFileName('Café: kNN top-1')).toBe('cafe-knn-top-1.png');
    expect(pngFileName('???')).toBe('chart.png');
  });
});

// ---------------------------------------------------------------------------------------------

const TOPOLOGY: EncoderTopology = {
  version: 1, methodId: 'simclr', encoder: { width: 4, norm: 'group', normGroups: 8 }, inputShape: [32, 32, 3], outputDim: 16,
  trainedOn: { id: 'shapes', name: 'Shapes', fingerprint: 'f00d' }, steps: 300, seed: 1,
};

/** Distinct values per weight, so a mix-up of order or offsets shows. */
function syntheticWeights(encoder: EncoderTopology['encoder']): NamedWeight[] {
  let k = 0;
  return expectedEncoderWeights(encoder).map(({ name, shape }) => {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = Math.fround(Math.sin(++k) * 3);
    return { name, shape, data };
  });
}

function files(topology = TOPOLOGY) {
  return encoderModelFiles(topology, syntheticWeights(topology.encoder), 'simclr-shapes');
}

/** model.json edited by `edit` (a parsed copy), as text. */
function editedJson(modelJson: string, edit: (json: { modelTopology: Record<string, unknown>; weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[] }) => void): string {
  const json = JSON.parse(modelJson);
  edit(json);
  return JSON.stringify(json);
}

function expectError(result: ReturnType<typeof parseEncoderModel>, fragment: RegExp): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(englishText(result.error)).toMatch(fragment);
}

describe('encoder weights', () => {
  it('lists the weights of a width-4 encoder with and without group norm', () => {
    const group = expectedEncoderWeights({ width: 4, norm: 'group', normGroups: 8 });
    const none = expectedEncoderWeights({ width: 4, norm: 'none', normGroups: 8 });
    // 9 convs: stem, b1 c1/c2, b2 c1/c2/proj, b3 c1/c2/proj.
    expect(group).toHaveLength(27);
    expect(none).toHaveLength(18);
    const shapeOf = (list: typeof group, name: string) => list.find((w) => w.name === name)?.shape;
    expect(shapeOf(group, 'stem/kernel')).toEqual([3, 3, 3, 4]);
    expect(shapeOf(group, 'b2/proj/kernel')).toEqual([1, 1, 4, 8]);
    expect(shapeOf(group, 'b3/c2/gamma')).toEqual([16]);
    expect(shapeOf(none, 'b3/proj/bias')).toEqual([16]);
    expect(shapeOf(none, 'b1/c1/gamma')).toBeUndefined();
    expect(group.slice(0, 4).map((w) => w.name)).toEqual(['stem/kernel', 'stem/gamma', 'stem/beta', 'b1/c1/kernel']);
  });

  it('matches the variables a real ResNetEncoder creates, in order', () => {
    for (const config of [{ width: 4, norm: 'group', normGroups: 8 }, { width: 8, norm: 'none', normGroups: 8 }] as const) {
      const vars = new VariableSet('t');
      new ResNetEncoder(vars, config, createRng(3));
      const actual = [...vars.byName].map(([name, v]) => ({ name, shape: v.shape }));
      expect(actual).toEqual(expectedEncoderWeights(config));
      vars.dispose();
    }
  });
});

const goodFiles = () => files();

describe('encoder model files', () => {
  it('round-trips: files -> parse gives the same topology, names, shapes and values', () => {
    const weights = syntheticWeights(TOPOLOGY.encoder);
    const out = encoderModelFiles(TOPOLOGY, weights, 'simclr-shapes');
    expect(out.modelJsonName).toBe('simclr-shapes.json');
    expect(out.weightsName).toBe('simclr-shapes.weights.bin');
    const json = JSON.parse(out.modelJson);
    expect(json).toMatchObject({ format: 'pretext-encoder', generatedBy: 'Pretext', modelTopology: TOPOLOGY });
    expect(json.weightsManifest[0].paths).toEqual(['simclr-shapes.weights.bin']);
    expect(out.weightsBin.byteLength).toBe(weights.reduce((n, w) => n + w.data.length, 0) * 4);

    const parsed = parseEncoderModel(out.modelJson, out.weightsBin);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.topology).toEqual(TOPOLOGY);
    expect(parsed.weights.map((w) => [w.name, w.shape])).toEqual(weights.map((w) => [w.name, w.shape]));
    parsed.weights.forEach((w, i) => expect(Array.from(w.data)).toEqual(Array.from(weights[i].data)));
  });

  it('writes weights in the encoder order whatever order they are given in', () => {
    const weights = syntheticWeights(TOPOLOGY.encoder);
    const shuffled = encoderModelFiles(TOPOLOGY, [...weights].reverse(), 'x');
    const ordered = encoderModelFiles(TOPOLOGY, weights, 'x');
    expect(shuffled.modelJson).toBe(ordered.modelJson);
    expect(new Uint8Array(shuffled.weightsBin)).toEqual(new Uint8Array(ordered.weightsBin));
  });

  it("is read back identically by TF.js's own weight decoder", () => {
    const weights = syntheticWeights({ width: 4, norm: 'none', normGroups: 8 });
    const out = encoderModelFiles({ ...TOPOLOGY, encoder: { width: 4, norm: 'none', normGroups: 8 } }, weights, 'enc');
    const manifest = JSON.parse(out.modelJson).weightsManifest;
    const decoded = tf.io.decodeWeights(out.weightsBin, manifest[0].weights);
    expect(Object.keys(decoded)).toEqual(weights.map((w) => w.name));
    for (const w of weights) {
      expect(decoded[w.name].shape).toEqual(w.shape);
      expect(decoded[w.name].dtype).toBe('float32');
      expect(Array.from(decoded[w.name].dataSync())).toEqual(Array.from(w.data));
    }
    tf.dispose(Object.values(decoded));
  });

  it('exports a real encoder, and the parsed weights load back into one that computes the same', () => {
    const config = { width: 4, norm: 'group', normGroups: 8 } as const;
    const vars = new VariableSet('trained');
    const encoder = new ResNetEncoder(vars, config, createRng(5));
    const weights = [...vars.byName].map(([name, v]) => ({ name, shape: v.shape, data: v.dataSync() as Float32Array }));
    const out = encoderModelFiles(TOPOLOGY, weights, 'real');
    const parsed = parseEncoderModel(out.modelJson, out.weightsBin);
    if (!parsed.ok) throw new Error(englishText(parsed.error));

    const loaded = new VariableSet('loaded');
    for (const w of parsed.weights) loaded.add(w.name, tf.tensor(w.data, w.shape));
    const restored = new ResNetEncoder(loaded, config, null);
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const d = tf.max(tf.abs(encoder.apply(x).h.sub(restored.apply(x).h))).dataSync()[0];
    expect(d).toBe(0);
    vars.dispose();
    loaded.dispose();
  });

  it('an encoder with normGroups 1 (layer norm) round-trips through its files and embeds identically; the layout says 1', () => {
    const config = { width: 4, norm: 'group', normGroups: 1 } as const;
    const vars = new VariableSet('ln');
    const encoder = new ResNetEncoder(vars, config, createRng(5));
    const weights = [...vars.byName].map(([name, v]) => ({ name, shape: v.shape, data: v.dataSync() as Float32Array }));
    const out = encoderModelFiles({ ...TOPOLOGY, encoder: config }, weights, 'ln');
    const parsed = parseEncoderModel(out.modelJson, out.weightsBin);
    if (!parsed.ok) throw new Error(englishText(parsed.error));
    expect(parsed.topology.encoder).toEqual(config);

    const loaded = new VariableSet('ln-loaded');
    for (const w of parsed.weights) loaded.add(w.name, tf.tensor(w.data, w.shape));
    const restored = new ResNetEncoder(loaded, parsed.topology.encoder, null);
    const asEight = new ResNetEncoder(loaded, { ...parsed.topology.encoder, normGroups: 8 }, null);
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    expect(tf.max(tf.abs(encoder.apply(x).h.sub(restored.apply(x).h))).dataSync()[0]).toBe(0);
    // The groups matter: the same weights read as 8 groups embed differently (so the field is not ignored).
    expect(tf.max(tf.abs(encoder.apply(x).h.sub(asEight.apply(x).h))).dataSync()[0]).toBeGreaterThan(1e-4);
    vars.dispose();
    loaded.dispose();
  });

  it('an export from before normGroups existed (no field) imports as 8 groups and embeds as the encoder did then', () => {
    const config = { width: 4, norm: 'group', normGroups: 8 } as const;
    const vars = new VariableSet('old');
    const encoder = new ResNetEncoder(vars, config, createRng(6));
    const weights = [...vars.byName].map(([name, v]) => ({ name, shape: v.shape, data: v.dataSync() as Float32Array }));
    const out = encoderModelFiles({ ...TOPOLOGY, encoder: config }, weights, 'old');
    const oldJson = editedJson(out.modelJson, (json) => { delete (json.modelTopology.encoder as Record<string, unknown>).normGroups; });
    expect(oldJson).not.toContain('normGroups');
    const parsed = parseEncoderModel(oldJson, out.weightsBin);
    if (!parsed.ok) throw new Error(englishText(parsed.error));
    expect(parsed.topology.encoder).toEqual({ width: 4, norm: 'group', normGroups: 8 });
    const loaded = new VariableSet('old-loaded');
    for (const w of parsed.weights) loaded.add(w.name, tf.tensor(w.data, w.shape));
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
    expect(tf.max(tf.abs(encoder.apply(x).h.sub(new ResNetEncoder(loaded, parsed.topology.encoder, null).apply(x).h))).dataSync()[0]).toBe(0);
    vars.dispose();
    loaded.dispose();
  });

  it('refuses a normGroups that is not a whole number from 1 to 256', () => {
    for (const bad of [0, 257, 2.5, '8']) {
      const json = editedJson(goodFiles().modelJson, (j) => { (j.modelTopology.encoder as Record<string, unknown>).normGroups = bad; });
      expectError(parseEncoderModel(json, goodFiles().weightsBin), /normGroups .* must be a whole number from 1 to 256/);
    }
  });

  it('refuses to write weights that do not match the encoder', () => {
    const weights = syntheticWeights(TOPOLOGY.encoder);
    expect(() => encoderModelFiles(TOPOLOGY, weights.slice(1), 'x')).toThrow(/missing weight "stem\/kernel"/);
    expect(() => encoderModelFiles(TOPOLOGY, [...weights, { name: 'head/w', shape: [1], data: new Float32Array(1) }], 'x')).toThrow(/unexpected weight "head\/w"/);
    const wrongLength = weights.map((w, i) => (i === 0 ? { ...w, data: new Float32Array(3) } : w));
    expect(() => encoderModelFiles(TOPOLOGY, wrongLength, 'x')).toThrow(/"stem\/kernel" has 3 values/);
    const wrongShape = weights.map((w, i) => (i === 0 ? { ...w, shape: [3, 3, 3, 8] } : w));
    expect(() => encoderModelFiles(TOPOLOGY, wrongShape, 'x')).toThrow(/shape \[3, 3, 3, 8\], expected \[3, 3, 3, 4\]/);
    expect(() => encoderModelFiles({ ...TOPOLOGY, encoder: { width: 6, norm: 'group', normGroups: 8 } }, weights, 'x')).toThrow(/width 6/);
  });
});

describe('parseEncoderModel rejects what a user could get wrong', () => {
  const good = files();

  it('not JSON', () => {
    expectError(parseEncoderModel('{"format": "pretext-enc', good.weightsBin), /not valid JSON/);
  });

  it('a Keras / TF.js layers model', () => {
    const keras = JSON.stringify({
      format: 'layers-model', generatedBy: 'keras v2.4.0', convertedBy: 'TensorFlow.js Converter v3.0.0',
      modelTopology: { keras_version: '2.4.0', backend: 'tensorflow', model_config: { class_name: 'Sequential', config: {} } },
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'dense/kernel', shape: [2, 2], dtype: 'float32' }] }],
    });
    expectError(parseEncoderModel(keras, new ArrayBuffer(16)), /layers model, not a Pretext encoder/);
    expectError(parseEncoderModel(JSON.stringify({ modelTopology: {} }), good.weightsBin), /not a Pretext encoder/);
  });

  it('an unsupported version', () => {
    expectError(parseEncoderModel(editedJson(good.modelJson, (j) => { j.modelTopology.version = 2; }), good.weightsBin), /unsupported Pretext encoder version 2/);
  });

  it('width or norm out of range', () => {
    const width5 = editedJson(good.modelJson, (j) => { (j.modelTopology.encoder as { width: number }).width = 5; });
    expectError(parseEncoderModel(width5, good.weightsBin), /width 5 is not supported.*multiple of 4/);
    const batchNorm = editedJson(good.modelJson, (j) => { (j.modelTopology.encoder as { norm: string }).norm = 'batch'; });
    expectError(parseEncoderModel(batchNorm, good.weightsBin), /norm "batch" is not supported/);
  });

  it('a missing, extra or wrongly shaped weight, or a non-float32 one', () => {
    const missing = editedJson(good.modelJson, (j) => { j.weightsManifest[0].weights.splice(1, 1); });
    expectError(parseEncoderModel(missing, good.weightsBin), /missing weight "stem\/gamma"/);
    const extra = editedJson(good.modelJson, (j) => { j.weightsManifest[0].weights.push({ name: 'proj/w', shape: [16, 8], dtype: 'float32' }); });
    expectError(parseEncoderModel(extra, good.weightsBin), /unexpected weight "proj\/w"/);
    const wrongShape = editedJson(good.modelJson, (j) => { j.weightsManifest[0].weights[0].shape = [3, 3, 4, 4]; });
    expectError(parseEncoderModel(wrongShape, good.weightsBin), /"stem\/kernel" has shape \[3, 3, 4, 4\], expected \[3, 3, 3, 4\]/);
    const int32 = editedJson(good.modelJson, (j) => { j.weightsManifest[0].weights[0].dtype = 'int32'; });
    expectError(parseEncoderModel(int32, good.weightsBin), /dtype "int32"; only float32/);
    const twoFiles = editedJson(good.modelJson, (j) => { j.weightsManifest[0].paths.push('more.bin'); });
    expectError(parseEncoderModel(twoFiles, good.weightsBin), /exactly one weights file/);
  });

  it('a weights file too short or too long', () => {
    expectError(parseEncoderModel(good.modelJson, good.weightsBin.slice(0, good.weightsBin.byteLength - 4)), /too short/);
    const longer = new Uint8Array(good.weightsBin.byteLength + 8);
    longer.set(new Uint8Array(good.weightsBin));
    expectError(parseEncoderModel(good.modelJson, longer.buffer), /too long/);
  });

  it('NaN or Infinity in the weights', () => {
    const withNaN = good.weightsBin.slice(0);
    new DataView(withNaN).setFloat32(8, NaN, true);
    expectError(parseEncoderModel(good.modelJson, withNaN), /"stem\/kernel" holds NaN at index 2/);
    const withInf = good.weightsBin.slice(0);
    new DataView(withInf).setFloat32(withInf.byteLength - 4, Infinity, true);
    expectError(parseEncoderModel(good.modelJson, withInf), /holds Infinity/);
  });
});

describe('CSV cells a spreadsheet would run', () => {
  it('start with an apostrophe when text begins with =, +, -, @, a tab or a carriage return; numbers are left alone', () => {
    const text = csvText([['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tx', 'plain', -0.5, '-0.5', '1e-3', null]]);
    expect(text).toBe(`"'=HYPERLINK(""http://x"",""y"")",'+1+2,'-2+3,'@SUM(A1),'\tx,plain,-0.5,-0.5,1e-3,\n`);
  });
});
