/**
 * The context-based pretexts of issue 21 on 16 px shapes in Node: RotNet, Jigsaw, relative
 * position. Each: the loss against a plain-JS computation on fixed inputs, its pitfall, a step
 * that lowers the loss on a fixed batch, numTensors flat over steps and an evaluation (with its
 * held-out score against chance), a preview.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { TrainingSession } from '../train/session';
import { tinyConfig, tinyShapes } from '../testing/fixtures';
import { createRng } from '../shared/rng';
import { englishText } from '../i18n/render';
import { CORE_METRICS } from './spec';
import { METHOD_SPECS, type MethodId } from './catalog';
import { createTestRun, disposeBatch, trainOnFixedBatch, type Params } from './testRuns';
import type { RotnetBatch } from './rotnet';
import { interleavedRotations } from '../augment/rotate';

const dataset = tinyShapes();

const SMALL: Record<string, Params> = {
  rotnet: { batchSize: 6 },
};

const createRun = (methodId: MethodId, params: Params = {}) => createTestRun(methodId, dataset, { ...SMALL[methodId], ...params });

/** A variable of the run by its local name (the VariableSet prefix is the method's id). */
const variable = (run: { variables(): tf.Variable[] }, name: string) => {
  const v = run.variables().find((x) => x.name.includes(`/${name}#`));
  if (!v) throw new Error(`no variable ${name}`);
  return v;
};

/** Rows of a [N, D] array in plain JS. */
const rowsOf = (values: Float32Array | Int32Array, n: number, d: number) => Array.from({ length: n }, (_, i) => Array.from(values.slice(i * d, (i + 1) * d)));

/** Mean softmax cross-entropy in plain loops (log-sum-exp with the max taken out). */
function crossEntropyJs(logits: number[][], labels: number[]): number {
  let total = 0;
  logits.forEach((z, i) => {
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
    total += lse - z[labels[i]];
  });
  return total / logits.length;
}

/** x [N, D] standardised per column by the batch's mean and (biased) variance, eps 1e-5, in plain loops. */
function standardizeJs(x: number[][]): number[][] {
  const n = x.length, d = x[0].length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j], 0) / n);
  const variance = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / n);
  return x.map((r) => r.map((v, j) => (v - mean[j]) / Math.sqrt(variance[j] + 1e-5)));
}

/** x [N, I] W [I, O] + b, in plain loops. */
function linearJs(x: number[][], w: number[][], b: number[]): number[][] {
  return x.map((r) => b.map((bj, j) => r.reduce((s, v, k) => s + v * w[k][j], bj)));
}

describe.each([
  ['RotNet', 'rotnet' as MethodId, {}],
])('%s step', (_name, methodId, params) => {
  it("lowers the loss on a fixed batch and reports the spec's metrics", async () => {
    const { run, dispose } = createRun(methodId, { learningRate: 3e-3, ...params });
    const { before, after } = await trainOnFixedBatch(run);
    expect(before.length).toBe(CORE_METRICS.length + METHOD_SPECS[methodId].extraMetrics.length);
    expect(Array.from(before).every(Number.isFinite)).toBe(true);
    expect(after).toBeLessThan(before[0] - 0.02);
    dispose();
  });

  it('numTensors flat over steps and an evaluation, a held-out score against chance, a preview', async () => {
    const start = tf.memory().numTensors;
    const t = new TrainingSession(tinyConfig(methodId, { maxSteps: 6 }, { ...SMALL[methodId], ...params }), dataset);
    const counts: number[] = [];
    for (let i = 0; i < 6; i++) { const m = t.step(); await m.data(); m.dispose(); counts.push(tf.memory().numTensors); }
    const r = await t.evaluate();
    counts.push(tf.memory().numTensors);
    await t.evaluate();
    counts.push(tf.memory().numTensors);
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(r.heldOutScores).toHaveLength(1);
    const [score] = r.heldOutScores!;
    expect(score.value).toBeGreaterThanOrEqual(0);
    expect(score.value).toBeLessThanOrEqual(1);
    expect(englishText(score.detail)).toMatch(/^12 held-out images/);
    const panels = await t.preview();
    expect(panels.length).toBeGreaterThan(0);
    expect(panels[0].rows.every((row) => row.count > 0)).toBe(true);
    const texts = panels.flatMap((p) => [p.title, ...p.rows.flatMap((row) => [row.caption, ...(row.labels ?? [])])]).map(englishText);
    expect(texts.filter((x) => /^charts\./.test(x))).toEqual([]);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('RotNet', () => {
  it('puts every image in all four rotations, interleaved, each row labelled with its own rotation (checked pixel by pixel)', async () => {
    const { run, dispose } = createRun('rotnet');
    const b = run.sampleBatch(createRng(3)) as RotnetBatch;
    const [rows, s] = [b.images.shape[0], b.images.shape[1]];
    expect(rows).toBe(4 * 6);
    const px = await b.images.data();
    const labels = Array.from(await b.rotations.data());
    expect(labels).toEqual(Array.from({ length: rows }, (_, r) => r % 4));
    // Row 4i + j is row 4i turned j quarter turns counter-clockwise: one turn maps old (c, S-1-r) to new (r, c).
    const at = (row: number, y: number, x: number, c: number) => px[((row * s + y) * s + x) * 3 + c];
    for (let i = 0; i < 6; i++) {
      for (let j = 1; j < 4; j++) {
        let worst = 0;
        for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) for (let c = 0; c < 3; c++) {
          let [sy, sx] = [y, x];
          for (let k = 0; k < j; k++) [sy, sx] = [sx, s - 1 - sy];
          worst = Math.max(worst, Math.abs(at(4 * i + j, y, x, c) - at(4 * i, sy, sx, c)));
        }
        expect(worst).toBeLessThan(1e-6);
      }
    }
    disposeBatch(b);
    dispose();
  });

  it('the loss is the cross-entropy of the linear head on standardised h against the rotation labels (plain JS)', async () => {
    const { run, dispose } = createRun('rotnet');
    const b = run.sampleBatch(createRng(5)) as RotnetBatch;
    const [loss, , , accuracy] = Array.from(await run.evaluateBatch(b).data());
    const h = run.encoder.apply(b.images).h;
    const d = h.shape[1];
    const hJs = rowsOf((await h.data()) as Float32Array, 24, d);
    const w = rowsOf((await variable(run, 'rotation/w').data()) as Float32Array, d, 4);
    const bias = Array.from(await variable(run, 'rotation/b').data());
    const logits = linearJs(standardizeJs(hJs), w, bias);
    const labels = Array.from({ length: 24 }, (_, r) => r % 4);
    expect(loss).toBeCloseTo(crossEntropyJs(logits, labels), 4);
    const right = logits.filter((z, i) => z.indexOf(Math.max(...z)) === labels[i]).length;
    expect(accuracy).toBeCloseTo(right / 24, 5);
    h.dispose();
    disposeBatch(b);
    dispose();
  });

  it('scores rotations on the held-out images: chance 1/4; without held-out images, not measured', async () => {
    const { run, dispose } = createRun('rotnet');
    const [score] = await run.heldOutScores!();
    expect(score.chance).toBe(0.25);
    expect(englishText(score.detail)).toBe(`${dataset.test.count} held-out images, each in all four rotations`);
    dispose();
    const images = tf.zeros([4, 16, 16, 3]) as tf.Tensor4D;
    const bare = (await import('./registry')).methodImpl('rotnet').create({
      params: { ...(await import('../shared/params')).defaultParams(METHOD_SPECS.rotnet.params), width: 4 },
      train: { images, labels: new Int32Array(4), count: 4, numClasses: 1, classNames: ['x'] },
      inputSize: [16, 16],
      initRng: createRng(1),
    });
    const [none] = await bare.heldOutScores!();
    expect(none.value).toBeNull();
    bare.dispose();
    images.dispose();
  });

  it('the held-out score is the accuracy of the head (running statistics) over every held-out image in all four rotations (plain JS)', async () => {
    const { run, dispose } = createRun('rotnet', { learningRate: 3e-3 });
    for (let i = 0; i < 3; i++) { const b = run.sampleBatch(createRng(i)); run.trainStep(b).dispose(); disposeBatch(b); }
    const [score] = await run.heldOutScores!();
    const count = dataset.test.count;
    const images = tf.tensor4d(Float32Array.from(dataset.test.images, (v) => v / 255), [count, 16, 16, 3]);
    const h = run.encoder.apply(interleavedRotations(images)).h;
    const d = h.shape[1];
    const hJs = rowsOf((await h.data()) as Float32Array, 4 * count, d);
    const mean = Array.from(await variable(run, 'mean').data()), vari = Array.from(await variable(run, 'variance').data());
    expect(vari.some((v) => Math.abs(v - 1) > 1e-3)).toBe(true); // the running statistics moved
    const w = rowsOf((await variable(run, 'rotation/w').data()) as Float32Array, d, 4);
    const bias = Array.from(await variable(run, 'rotation/b').data());
    const logits = linearJs(hJs.map((r) => r.map((v, j) => (v - mean[j]) / Math.sqrt(vari[j] + 1e-5))), w, bias);
    const right = logits.filter((z, r) => z.indexOf(Math.max(...z)) === r % 4).length;
    expect(score.value).toBeCloseTo(right / (4 * count), 6);
    tf.dispose([images, h]);
    dispose();
  });
});
