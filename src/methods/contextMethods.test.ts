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
import { PERMUTATION_SEED, type JigsawBatch } from './jigsaw';
import { maximalHammingSet, minimumHamming } from '../augment/permutations';
import type { RelativePositionBatch } from './relativePosition';
import { NEIGHBOURS } from '../augment/tileGrid';
import { interleavedRotations } from '../augment/rotate';

const dataset = tinyShapes();

const SMALL: Record<string, Params> = {
  rotnet: { batchSize: 6 },
  // 16 px: 5 px cells, 4 px tiles.
  jigsaw: { batchSize: 4, gap: 1, permutations: 8, tileDim: 8, classifierHidden: 16 },
  'relative-position': { batchSize: 8, gap: 1, tileDim: 8, classifierHidden: 16 },
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
  ['Jigsaw', 'jigsaw' as MethodId, {}],
  ['Relative position', 'relative-position' as MethodId, {}],
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
    expect(englishText(score.detail)).toMatch(/^12 held-out (images|puzzles)/);
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

/** Every permutation of 0..8 in lexicographic order, by recursion (the reference's own enumeration). */
function permutationsJs(items: number[]): number[][] {
  if (items.length === 1) return [items];
  return items.flatMap((x, i) => permutationsJs([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** The greedy farthest-permutation set in plain arrays: max of (min distance, summed distance), first on ties. */
function greedySetJs(count: number, first: number): number[][] {
  const all = permutationsJs([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  const dist = (a: number[], b: number[]) => a.filter((v, i) => v !== b[i]).length;
  const chosen = [all[first]];
  const used = new Set([first]);
  while (chosen.length < count) {
    let best = -1, bestKey = [-1, -1];
    all.forEach((p, k) => {
      if (used.has(k)) return;
      const d = chosen.map((c) => dist(c, p));
      const key = [Math.min(...d), d.reduce((a, b) => a + b, 0)];
      if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) { best = k; bestKey = key; }
    });
    chosen.push(all[best]);
    used.add(best);
  }
  return chosen;
}

describe('Jigsaw', () => {
  it('the permutation set is the greedy maximal-Hamming set from its seed, its closest pair far apart beside random sets', () => {
    const set = maximalHammingSet(24, PERMUTATION_SEED);
    const first = createRng(PERMUTATION_SEED).int(362880);
    expect(set).toEqual(greedySetJs(24, first));
    expect(maximalHammingSet(24, PERMUTATION_SEED)).toBe(set); // cached
    expect(new Set(set.map((q) => q.join())).size).toBe(24);
    const min = minimumHamming(set);
    expect(min).toBe(7);
    // Random sets of 24 permutations: their closest pairs are 3-5 apart.
    const rng = createRng(9);
    const randomMins = Array.from({ length: 20 }, () => minimumHamming(Array.from({ length: 24 }, () => {
      const q = [0, 1, 2, 3, 4, 5, 6, 7, 8];
      for (let i = 8; i > 0; i--) { const j = rng.int(i + 1); [q[i], q[j]] = [q[j], q[i]]; }
      return q;
    })));
    expect(Math.max(...randomMins)).toBeLessThan(min - 1);
  }, 60_000);

  it('cuts each slot from its permuted grid cell: an exact copy at a jittered place inside the cell, never overlapping a neighbour', async () => {
    const { run, params, dispose } = createRun('jigsaw', { tileJitterProb: 0, tileGrayProb: 0, batchSize: 6 });
    const set = maximalHammingSet(8, PERMUTATION_SEED);
    const b = run.sampleBatch(createRng(2)) as JigsawBatch;
    const [img, tiles] = [await b.images.data(), await b.tiles.data()];
    const [s, t, cell, gap] = [16, 4, 5, Number(params.gap)];
    const offsets: number[][] = [];
    for (let i = 0; i < 6; i++) {
      const perm = set[b.labelValues[i]];
      for (let slot = 0; slot < 9; slot++) {
        const c = perm[slot];
        const at = (y: number, x: number, ch: number) => img[((i * s + y) * s + x) * 3 + ch];
        const tileAt = (y: number, x: number, ch: number) => tiles[(((i * 9 + slot) * t + y) * t + x) * 3 + ch];
        // The tile is the image's pixels at one of the (gap + 1)^2 places inside cell c (the grid starts at 0: 3 * 5 = 15 of 16 px).
        const places: number[][] = [];
        for (let dy = 0; dy <= gap; dy++) for (let dx = 0; dx <= gap; dx++) {
          let same = true;
          for (let y = 0; y < t && same; y++) for (let x = 0; x < t && same; x++) for (let ch = 0; ch < 3; ch++) {
            if (Math.abs(tileAt(y, x, ch) - at(Math.floor(c / 3) * cell + dy + y, (c % 3) * cell + dx + x, ch)) > 1e-6) { same = false; break; }
          }
          if (same) places.push([dy, dx]);
        }
        expect(places.length, `image ${i} slot ${slot}`).toBeGreaterThan(0);
        offsets.push(places[0]);
      }
    }
    // Tiles sit inside their cells (so two tiles never overlap), at more than one place (the jitter).
    expect(new Set(offsets.map((o) => o.join())).size).toBeGreaterThan(1);
    const labels = Array.from(await b.labels.data());
    expect(labels).toEqual(Array.from(b.labelValues));
    disposeBatch(b);
    dispose();
  });

  it('guards colour tile by tile: with grayscale on, every tile is gray; with jitter on, tiles of one image differ in brightness', async () => {
    const gray = createRun('jigsaw', { tileJitterProb: 0, tileGrayProb: 1 });
    const g = gray.run.sampleBatch(createRng(2)) as JigsawBatch;
    const px = await g.tiles.data();
    let worst = 0;
    for (let q = 0; q < px.length; q += 3) worst = Math.max(worst, Math.abs(px[q] - px[q + 1]), Math.abs(px[q] - px[q + 2]));
    expect(worst).toBeLessThan(1e-5);
    disposeBatch(g);
    gray.dispose();
    // The same draw with and without jitter: the ratio of the tiles' means varies from tile to tile within an image.
    const plain = createRun('jigsaw', { tileJitterProb: 0, tileGrayProb: 0 });
    const jittered = createRun('jigsaw', { tileJitterProb: 1, tileGrayProb: 0 });
    const a = plain.run.sampleBatch(createRng(2)) as JigsawBatch, j = jittered.run.sampleBatch(createRng(2)) as JigsawBatch;
    const meanOf = async (x: tf.Tensor4D) => Array.from(await x.mean([1, 2, 3]).data());
    const [ma, mj] = [await meanOf(a.tiles), await meanOf(j.tiles)];
    const ratios = ma.slice(0, 9).map((m, k) => mj[k] / m);
    expect(Math.max(...ratios) - Math.min(...ratios)).toBeGreaterThan(0.05);
    disposeBatch(a); disposeBatch(j);
    plain.dispose(); jittered.dispose();
  });

  it('the loss is the cross-entropy of the per-tile layer, the concatenation in slot order and the two-layer classifier (plain JS)', async () => {
    const { run, params, dispose } = createRun('jigsaw');
    const b = run.sampleBatch(createRng(5)) as JigsawBatch;
    const [loss, , , accuracy] = Array.from(await run.evaluateBatch(b).data());
    const map = run.encoder.apply(b.tiles).map;
    const mapDim = map.size / map.shape[0];
    const mapJs = rowsOf((await map.data()) as Float32Array, 36, mapDim);
    const [td, hd, pp] = [Number(params.tileDim), Number(params.classifierHidden), Number(params.permutations)];
    const weights = async (name: string, i: number, o: number) => ({
      w: rowsOf((await variable(run, `${name}/w`).data()) as Float32Array, i, o),
      b: Array.from(await variable(run, `${name}/b`).data()),
    });
    const tile = await weights('jigsaw/tile', mapDim, td), hidden = await weights('jigsaw/hidden', 9 * td, hd), out = await weights('jigsaw/out', hd, pp);
    const relu = (x: number[][]) => x.map((r) => r.map((v) => Math.max(0, v)));
    const f = relu(linearJs(mapJs, tile.w, tile.b));
    const joined = Array.from({ length: 4 }, (_, i) => f.slice(9 * i, 9 * i + 9).flat());
    const logits = linearJs(relu(linearJs(joined, hidden.w, hidden.b)), out.w, out.b);
    const labels = Array.from(b.labelValues);
    expect(loss).toBeCloseTo(crossEntropyJs(logits, labels), 4);
    expect(accuracy).toBeCloseTo(logits.filter((z, i) => z.indexOf(Math.max(...z)) === labels[i]).length / 4, 5);
    map.dispose();
    disposeBatch(b);
    dispose();
  });

  it('scores permutations on the held-out images against chance 1/P', async () => {
    const { run, dispose } = createRun('jigsaw');
    const [score] = await run.heldOutScores!();
    expect(score.chance).toBe(1 / 8);
    expect(score.value).toBeGreaterThanOrEqual(0);
    expect(englishText(score.detail)).toBe(`${dataset.test.count} held-out puzzles, one fixed permutation and jitter each, the 8 permutations in turn`);
    // Fixed for the run: the same value twice.
    expect((await run.heldOutScores!())[0].value).toBe(score.value);
    dispose();
  });
});

describe('Relative position', () => {
  it('pairs each centre tile with the neighbour of its class: exact copies at jittered places inside their cells, all 8 classes drawn', async () => {
    const { run, dispose } = createRun('relative-position', { tileJitterProb: 0, tileGrayProb: 0, batchSize: 48 });
    const b = run.sampleBatch(createRng(2)) as RelativePositionBatch;
    const [img, tiles] = [await b.images.data(), await b.tiles.data()];
    const [s, t, cell, gap] = [16, 4, 5, 1];
    for (let i = 0; i < 48; i++) {
      for (const [slot, c] of [[0, 4], [1, NEIGHBOURS[b.labelValues[i]]]] as const) {
        let found = false;
        for (let dy = 0; dy <= gap && !found; dy++) for (let dx = 0; dx <= gap && !found; dx++) {
          let same = true;
          for (let y = 0; y < t && same; y++) for (let x = 0; x < t && same; x++) for (let ch = 0; ch < 3; ch++) {
            const a = tiles[(((2 * i + slot) * t + y) * t + x) * 3 + ch];
            const e = img[((i * s + Math.floor(c / 3) * cell + dy + y) * s + (c % 3) * cell + dx + x) * 3 + ch];
            if (Math.abs(a - e) > 1e-6) { same = false; break; }
          }
          found = same;
        }
        expect(found, `image ${i} ${slot ? 'neighbour' : 'centre'}`).toBe(true);
      }
    }
    expect(new Set(b.labelValues).size).toBe(8);
    expect(Array.from(await b.labels.data())).toEqual(Array.from(b.labelValues));
    disposeBatch(b);
    dispose();
  });

  it('the loss is the cross-entropy of the per-tile layer, centre and neighbour concatenated, and the two-layer classifier (plain JS)', async () => {
    const { run, params, dispose } = createRun('relative-position');
    const b = run.sampleBatch(createRng(5)) as RelativePositionBatch;
    const [loss, , , accuracy] = Array.from(await run.evaluateBatch(b).data());
    const map = run.encoder.apply(b.tiles).map;
    const mapDim = map.size / map.shape[0];
    const mapJs = rowsOf((await map.data()) as Float32Array, 16, mapDim);
    const [td, hd] = [Number(params.tileDim), Number(params.classifierHidden)];
    const weights = async (name: string, i: number, o: number) => ({
      w: rowsOf((await variable(run, `${name}/w`).data()) as Float32Array, i, o),
      b: Array.from(await variable(run, `${name}/b`).data()),
    });
    const tile = await weights('position/tile', mapDim, td), hidden = await weights('position/hidden', 2 * td, hd), out = await weights('position/out', hd, 8);
    const relu = (x: number[][]) => x.map((r) => r.map((v) => Math.max(0, v)));
    const f = relu(linearJs(mapJs, tile.w, tile.b));
    const joined = Array.from({ length: 8 }, (_, i) => [...f[2 * i], ...f[2 * i + 1]]);
    const logits = linearJs(relu(linearJs(joined, hidden.w, hidden.b)), out.w, out.b);
    const labels = Array.from(b.labelValues);
    expect(loss).toBeCloseTo(crossEntropyJs(logits, labels), 4);
    expect(accuracy).toBeCloseTo(logits.filter((z, i) => z.indexOf(Math.max(...z)) === labels[i]).length / 8, 5);
    map.dispose();
    disposeBatch(b);
    dispose();
  });

  it('scores all 8 neighbours of every held-out image against chance 1/8, fixed for the run', async () => {
    const { run, dispose } = createRun('relative-position');
    const [score] = await run.heldOutScores!();
    expect(score.chance).toBe(1 / 8);
    expect(score.value).toBeGreaterThanOrEqual(0);
    expect(englishText(score.detail)).toBe(`${dataset.test.count} held-out images, each with all 8 neighbours of its centre tile (fixed jitter)`);
    expect((await run.heldOutScores!())[0].value).toBe(score.value);
    dispose();
  });
});
