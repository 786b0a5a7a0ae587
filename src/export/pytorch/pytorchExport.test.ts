/**
 * The PyTorch export, run by real PyTorch: model.py with the exported encoder.safetensors gives
 * the tfjs encoder's embeddings within 1e-4, for every method's encoder, with group norm and
 * without, after two training steps. One Python process embeds every case (importing torch
 * takes seconds).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import '../../testing/setupTf';
import { METHOD_IDS, METHOD_SPECS, needsVideo } from '../../methods/catalog';
import { defaultParams } from '../../shared/params';
import { createTestRun, disposeBatch } from '../../methods/testRuns';
import { SMALL_VIDEO_PARAMS, tinyMovingShapes, tinyShapes } from '../../testing/fixtures';
import { generateShapesDataset } from '../../data/shapes';
import { imageViewOf } from '../../data/imageView';
import { createRng } from '../../shared/rng';
import { torchPython } from '../../testing/torchPython';
import { pytorchExportZip, torchHeadName, torchName } from './pytorchExport';
import { VariableSet } from '../../models/variables';
import { ProjectionHead } from '../../models/heads';
import { Linear } from '../../models/linear';
import { safetensorsBytes } from './safetensors';
import type { EncoderTopology } from '../encoderModel';
import { metricsCsv } from '../metricsExport';
import type { RunRecord } from '../../experiment/types';
import { defaultRunConfig } from '../../shared/config';
import { metricNamesOf, type MethodId } from '../../methods/catalog';
import { stratifiedHoldOut } from '../../data/splits';

const dir = mkdtempSync(join(tmpdir(), 'pretext-torch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The embedding check embeds every folder under embedDir; train.py's runs live apart.
const embedDir = join(dir, 'embed'), trainDir = join(dir, 'train');
mkdirSync(embedDir);
mkdirSync(trainDir);

/** Embeds images.bin ([N, H, W, 3] float32) of each case folder with its model.py and weights; writes h.bin. */
const EMBED_ALL = `
import os, sys, importlib.util, json
import torch
for case in sorted(os.listdir(sys.argv[1])):
    folder = os.path.join(sys.argv[1], case)
    spec = importlib.util.spec_from_file_location('model_' + case, os.path.join(folder, 'model.py'))
    model = importlib.util.module_from_spec(spec); spec.loader.exec_module(model)
    encoder = model.load_encoder(os.path.join(folder, 'encoder.safetensors')).eval()
    n, h, w = json.load(open(os.path.join(folder, 'shape.json')))
    images = torch.frombuffer(bytearray(open(os.path.join(folder, 'images.bin'), 'rb').read()), dtype=torch.float32).reshape(n, h, w, 3)
    with torch.no_grad():
        out = encoder(images.permute(0, 3, 1, 2).contiguous())
    open(os.path.join(folder, 'h.bin'), 'wb').write(out.numpy().astype('<f4').tobytes())
`;

const topologyOf = (id: string, layout: EncoderTopology['encoder'], h: number, w: number): EncoderTopology => ({
  version: 1, methodId: id, encoder: layout, inputShape: [h, w, 3], outputDim: 4 * layout.width,
  trainedOn: { id: 'shapes', name: 'Shapes', fingerprint: '0123456789abcdef' }, steps: 2, seed: 3,
});

/** Saves images.bin ([N, H, W, 3] uint8) with labels.json as PNGs under <dir>/data/<class>/ (Pillow). */
const WRITE_FOLDER = `
import os, sys, json
from PIL import Image
root = sys.argv[1]
n, h, w = json.load(open(os.path.join(root, 'shape.json')))
labels, names = json.load(open(os.path.join(root, 'labels.json')))
raw = open(os.path.join(root, 'images.bin'), 'rb').read()
for i in range(n):
    folder = os.path.join(root, 'data', names[labels[i]])
    os.makedirs(folder, exist_ok=True)
    Image.frombytes('RGB', (w, h), raw[i * h * w * 3:(i + 1) * h * w * 3]).save(os.path.join(folder, f'{i}.png'))
`;

// 192 images: with MoCo's queue of the last steps' keys, a 48-image folder would put the query's
// own image in the queue as a negative every few steps.
const shapes = generateShapesDataset(192, 8, 7, 16);
let sharedData = false;

/** The tiny shapes as one image folder (<trainDir>/data/<class>/<i>.png) that every experiment trains on, written once. */
function writeSharedFolder(): void {
  if (sharedData) return;
  const { count, images, labels } = shapes.train;
  writeFileSync(join(trainDir, 'images.bin'), Buffer.from(images.buffer, images.byteOffset, count * 16 * 16 * 3));
  writeFileSync(join(trainDir, 'shape.json'), JSON.stringify([count, 16, 16]));
  writeFileSync(join(trainDir, 'labels.json'), JSON.stringify([Array.from(labels.subarray(0, count)), shapes.classNames]));
  execFileSync(torchPython(), ['-c', WRITE_FOLDER, trainDir]);
  sharedData = true;
}

/** A method's run trained two steps in tfjs and exported, unpacked into a fresh folder beside the shared image folder (train.py --data ../data). */
async function exportedExperiment(id: MethodId, params: Record<string, number | string | boolean>): Promise<string> {
  writeSharedFolder();
  const { run, dispose } = createTestRun(id, shapes, params, 3);
  try {
    for (let s = 0; s < 2; s++) {
      const batch = run.sampleBatch(createRng(10 + s));
      run.trainStep(batch).dispose();
      disposeBatch(batch);
    }
    const folder = mkdtempSync(join(trainDir, `${id}-`));
    const allParams = { ...defaultParams(METHOD_SPECS[id].params), width: 4, ...params };
    const files = unzipSync(pytorchExportZip(topologyOf(id, run.encoder.config, 16, 16), await run.encoder.readWeights(), { runName: id, params: allParams, heads: await run.readHeads() }));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes);
    return folder;
  } finally {
    dispose();
  }
}

/** The header of Pretext's own metrics CSV (metricsCsv) for a run of the method, as a session would record it. */
function pretextCsvHeader(id: MethodId): string[] {
  const record: RunRecord = {
    id: 'r', name: id, createdAt: 0, config: defaultRunConfig(id, 'shapes'), dataset: { id: 'shapes', name: 'Shapes', fingerprint: 'f' },
    backend: 'cpu', status: 'completed', error: null, steps: 1, wallMs: 1, msPerStep: 1, imagesPerSecond: 1,
    metricNames: metricNamesOf(id), points: [{ step: 1, wall: 1, loss: 1 }], evals: [], baseline: null, embeddings: null,
  };
  return metricsCsv(record).split('\n')[0].split(',');
}

/** metrics.csv's rows by column (empty cells NaN); the header must be Pretext's for the method. */
function metricsRows(folder: string, id: MethodId): Record<string, number>[] {
  const [header, ...rows] = readFileSync(join(folder, 'out', 'metrics.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  expect(header).toEqual(pretextCsvHeader(id));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] === '' ? NaN : Number(r[i])])));
}

/**
 * torchrun 1.13 (Debian's) on Python 3.11 fails at start with its default --redirects 0 / --tee 0
 * (Python 3.11's Flag iteration skips the 0 member, so Std.from_str('0') is None): any non-zero
 * value works. The README tells users the same.
 */
const TORCHRUN_PY311_WORKAROUND = ['--redirects', '1', '--tee', '1'];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('train.py from the PyTorch export', () => {
  const schedule = { learningRate: 0.003, warmupPercent: 0, lrSchedule: 'constant' };
  const small = { batchSize: 8, headHidden: 16, projectionDim: 8, ...schedule };
  // [method, params, its heads, how much the mean loss must fall from steps 3-10 to 33-40]. The
  // margins sit between what a planted no-update run drifts (supervised 0.01, S4L 0.26, SLA 0.21:
  // the labelled methods' losses are noisy on 4-8 labelled images a step) and what training gives
  // (about 0.1, 1.6, 1.0 measured).
  const cases: [MethodId, Record<string, number | string | boolean>, string, number][] = [
    ['simclr', small, 'head', 0.05],
    ['moco', { ...small, queueSize: 32, learningRate: 0.03, temperature: 0.1 }, 'head', 0.05],
    ['supervised', { batchSize: 8, ...schedule }, 'classifier', 0.05],
    // The default 10% labelled subset: 15 of the ~154 training images, 4 of them per process and step.
    ['s4l', { batchSize: 8, labelledBatch: 4, ...schedule }, 'class, rotation', 0.6],
    // 4 images in 4 rotations per process and step.
    ['sla', { batchSize: 4, ...schedule }, 'joint, sd', 0.5],
  ];
  for (const [id, params, heads, minDrop] of cases) {
    it(`${id}: torchrun --nproc_per_node=2 (gloo) trains from the exported weights and heads with finite, falling losses and writes metrics.csv`, async () => {
      const folder = await exportedExperiment(id, params);
      const steps = 40;
      const log = execFileSync(torchPython(), ['-m', 'torch.distributed.run', '--standalone', '--nproc_per_node=2', ...TORCHRUN_PY311_WORKAROUND, 'train.py', '--data', '../data', '--steps', String(steps), '--out', 'out', '--eval-every', '20'],
        { cwd: folder, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, OMP_NUM_THREADS: '1' }, encoding: 'utf8' });
      expect(log).toContain(`${id}: the exported heads (${heads})`);
      const all = metricsRows(folder, id);
      // Step 0: the kNN of the exported encoder, no training metrics yet.
      expect(all[0].step).toBe(0);
      expect(all[0].loss).toBeNaN();
      const rows = all.slice(1);
      expect(rows.map((r) => r.step)).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
      const losses = rows.map((r) => r.loss);
      expect(losses.every(Number.isFinite)).toBe(true);
      // Every metric of the method is computed; the columns train.py does not compute (linear probe,
      // heads' test accuracies, similarity probe) stay empty.
      for (const name of metricNamesOf(id)) expect(rows.every((r) => Number.isFinite(r[name])), name).toBe(true);
      const computed = new Set(['step', 'wall_s', ...metricNamesOf(id), 'knn_top1']);
      for (const column of pretextCsvHeader(id).filter((c) => !computed.has(c))) expect(all.every((r) => Number.isNaN(r[column])), column).toBe(true);
      // kNN top-1 on the held-out fifth of the folder at steps 0, 20 and 40 only (6 classes: chance 1/6).
      const knnSteps = all.filter((r) => Number.isFinite(r.knn_top1));
      expect(knnSteps.map((r) => r.step)).toEqual([0, 20, 40]);
      for (const r of knnSteps) expect(r.knn_top1).toBeGreaterThanOrEqual(0), expect(r.knn_top1).toBeLessThanOrEqual(1);
      // From step 3: before it, MoCo's queue of 32 still holds some of its initial random unit vectors
      // (16 keys join per step), easy negatives that make the first losses low.
      // By a margin: without updates the loss wanders by a few hundredths around its start.
      console.log(`${id}: loss ${mean(losses.slice(2, 10)).toFixed(3)} (steps 3-10) -> ${mean(losses.slice(-8)).toFixed(3)} (steps 33-40); knn_top1 ${knnSteps.map((r) => r.knn_top1).join(' / ')} at 0 / 20 / 40`);
      expect(mean(losses.slice(-8))).toBeLessThan(mean(losses.slice(2, 10)) - minDrop);
      if (id === 'simclr') {
        // Resumed on one process from rank 0's checkpoint: the CSV goes on from step 41.
        execFileSync(torchPython(), ['train.py', '--data', '../data', '--steps', String(steps + 4), '--out', 'out', '--resume', 'out/checkpoint.pt'], { cwd: folder, stdio: ['ignore', 'pipe', 'inherit'] });
        expect(metricsRows(folder, id).map((r) => r.step).slice(-5)).toEqual([40, 41, 42, 43, 44]);
      }
    }, 180_000);
  }

  it('says plainly that it does not train a method it does not export yet', async () => {
    const folder = await exportedExperiment('cpc', { patchSize: 4, patchStride: 2 });
    let message = '';
    try {
      execFileSync(torchPython(), ['train.py', '--data', '../data', '--steps', '2', '--out', 'out'], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      message = String((e as { stderr?: Buffer }).stderr ?? e);
    }
    expect(message).toContain('train.py does not train cpc yet: only simclr, moco, supervised, s4l, sla are exported');
  }, 120_000);
});

describe('PyTorch export', () => {
  it('names weights as model.py\'s state_dict', () => {
    expect(torchName('stem/kernel')).toBe('encoder.stem.conv.weight');
    expect(torchName('b2/proj/gamma')).toBe('encoder.b2.proj.norm.weight');
    expect(torchName('b3/c2/beta')).toBe('encoder.b3.c2.norm.bias');
    expect(torchName('b1/c1/bias')).toBe('encoder.b1.c1.conv.bias');
    expect(torchHeadName('head/w1')).toBe('heads.head.fc1.weight');
    expect(torchHeadName('head/b2')).toBe('heads.head.fc2.bias');
    expect(torchHeadName('classifier/w')).toBe('heads.classifier.weight');
    expect(torchHeadName('joint/b')).toBe('heads.joint.bias');
  });

  it("train.py's held-out split of a folder is Pretext's (its port of the rng and of stratifiedHoldOut)", () => {
    const folder = join(dir, 'split');
    mkdirSync(folder);
    writeFileSync(join(folder, 'train.py'), readFileSync(new URL('./train.py', import.meta.url)));
    writeFileSync(join(folder, 'model.py'), readFileSync(new URL('./model.py', import.meta.url)));
    // Uneven classes (one of a single image, which stays in train) and unlabelled items.
    const labels = [...Array.from({ length: 37 }, (_, i) => i % 3), 3, -1, -1, ...Array.from({ length: 25 }, () => 4)];
    const script = `import sys, json; sys.path.insert(0, sys.argv[1]); import train
print(json.dumps(train.stratified_hold_out(json.loads(sys.argv[2]), 0.2)))
print(json.dumps([train.PretextRng(s).uint() for s in (0, 1, 2 ** 32 - 1)]))`;
    const [split, words] = execFileSync(torchPython(), ['-c', script, folder, JSON.stringify(labels)], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
    const want = stratifiedHoldOut(labels, 0.2);
    expect(split).toEqual([want.train, want.test]);
    expect(words).toEqual([0, 1, 2 ** 32 - 1].map((seed) => { const r = createRng(seed); return Math.floor(r.next() * 2 ** 32); }));
  });

  it("model.py's heads with the exported weights give the tfjs heads' outputs within 1e-4 on the same h", async () => {
    const shapes = tinyShapes();
    const cases: { id: MethodId; params: Record<string, number | string> }[] = [
      { id: 'simclr', params: {} }, { id: 'moco', params: { version: 'v1' } }, { id: 'supervised', params: {} },
      { id: 's4l', params: {} }, { id: 'sla', params: {} },
    ];
    const headsDir = join(dir, 'heads');
    mkdirSync(headsDir);
    const expected = new Map<string, Record<string, number[]>>();
    for (const { id, params } of cases) {
      const { run, dispose } = createTestRun(id, shapes, params, 3);
      try {
        for (let s = 0; s < 2; s++) {
          const batch = run.sampleBatch(createRng(10 + s));
          run.trainStep(batch).dispose();
          disposeBatch(batch);
        }
        const heads = await run.readHeads();
        const dim = run.encoder.outputDim, n = 5;
        const hValues = Float32Array.from({ length: n * dim }, (_, i) => Math.sin(i * 1.7) * 2);
        // The tfjs heads themselves, rebuilt over the read-back weights.
        const vars = new VariableSet(`check-${id}`);
        for (const w of heads) vars.add(w.name, tf.tensor(w.data, w.shape));
        const outputs: Record<string, number[]> = {};
        tf.tidy(() => {
          const h = tf.tensor2d(hValues, [n, dim]);
          if (id === 'simclr' || id === 'moco') {
            const kind = id === 'moco' ? 'linear' : 'mlp';
            const p = { ...defaultParams(METHOD_SPECS[id].params), ...params } as { headHidden: number; projectionDim: number };
            outputs.head = Array.from(new ProjectionHead(vars, kind, dim, p.headHidden, p.projectionDim, null).apply(h).dataSync());
          } else {
            for (const w of heads.filter((x) => x.name.endsWith('/w'))) {
              const name = w.name.slice(0, -2);
              // Linear's constructor makes its own variables: set them to the run's weights.
              const own = new VariableSet(`linear-${id}`);
              const linear = new Linear(own, name, w.shape[0], w.shape[1], createRng(1));
              own.get(`${name}/w`).assign(vars.get(`${name}/w`));
              own.get(`${name}/b`).assign(vars.get(`${name}/b`));
              outputs[name] = Array.from(linear.apply(h).dataSync());
              own.dispose();
            }
          }
        });
        vars.dispose();
        expect(Object.keys(outputs).sort(), id).toEqual({ simclr: ['head'], moco: ['head'], supervised: ['classifier'], s4l: ['class', 'rotation'], sla: ['joint', 'sd'] }[id as string]);
        expected.set(id, outputs);
        const allParams = { ...defaultParams(METHOD_SPECS[id].params), width: 4, ...params };
        const files = unzipSync(pytorchExportZip(topologyOf(id, run.encoder.config, 16, 16), await run.encoder.readWeights(), { runName: id, params: allParams, heads }));
        const folder = join(headsDir, id);
        mkdirSync(folder);
        for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes);
        writeFileSync(join(folder, 'h.json'), JSON.stringify([n, dim, Array.from(hValues)]));
      } finally {
        dispose();
      }
    }
    const script = `
import os, sys, json, importlib.util
import torch
out = {}
for case in sorted(os.listdir(sys.argv[1])):
    folder = os.path.join(sys.argv[1], case)
    spec = importlib.util.spec_from_file_location('model_heads_' + case, os.path.join(folder, 'model.py'))
    model = importlib.util.module_from_spec(spec); spec.loader.exec_module(model)
    heads = model.load_heads(os.path.join(folder, 'encoder.safetensors'))
    n, d, values = json.load(open(os.path.join(folder, 'h.json')))
    h = torch.tensor(values, dtype=torch.float32).reshape(n, d)
    with torch.no_grad():
        out[case] = {name: head(h).flatten().tolist() for name, head in heads.items()}
print(json.dumps(out))`;
    const got = JSON.parse(execFileSync(torchPython(), ['-c', script, headsDir], { encoding: 'utf8' })) as Record<string, Record<string, number[]>>;
    for (const [id, outputs] of expected) {
      expect(Object.keys(got[id]).sort(), id).toEqual(Object.keys(outputs).sort());
      for (const [name, want] of Object.entries(outputs)) {
        expect(got[id][name].length, `${id} ${name}`).toBe(want.length);
        const worst = Math.max(...want.map((v, i) => Math.abs(v - got[id][name][i])));
        console.log(`head ${id}/${name}: max |torch - tfjs| = ${worst.toExponential(2)}`);
        expect(worst, `${id} ${name}`).toBeLessThan(1e-4);
      }
    }
  }, 120_000);

  it('writes safetensors with an 8-byte-aligned header and the values little-endian', () => {
    const bytes = safetensorsBytes([{ name: 'a', shape: [2], data: Float32Array.of(1.5, -2) }], { k: 'v' });
    const view = new DataView(bytes.buffer);
    const length = Number(view.getBigUint64(0, true));
    expect((8 + length) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
    expect(header).toEqual({ __metadata__: { k: 'v' }, a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } });
    expect([view.getFloat32(8 + length, true), view.getFloat32(12 + length, true)]).toEqual([1.5, -2]);
  });

  it("model.py with the exported weights gives the tfjs encoder's embeddings within 1e-4, for every method and both norms", async () => {
    const shapes = tinyShapes(), movingShapes = tinyMovingShapes();
    const expected = new Map<string, Float32Array>();
    for (const id of METHOD_IDS) {
      for (const norm of ['group', 'none'] as const) {
        const data = needsVideo(id) ? movingShapes : shapes;
        const frames = data.kind === 'video' ? imageViewOf(data) : data;
        const params = { ...SMALL_VIDEO_PARAMS[id], ...(id === 'tcn' && { variant: 'single-view' }), ...(id === 'cpc' && { patchSize: 4, patchStride: 2 }), norm, normGroups: 2 };
        const { run, dispose } = createTestRun(id, data, params, 3);
        try {
          for (let s = 0; s < 2; s++) {
            const batch = run.sampleBatch(createRng(10 + s));
            run.trainStep(batch).dispose();
            disposeBatch(batch);
          }
          // 18 px, not the 16 px trained on: odd-sized stride-2 stages check TF's 'same' padding too.
          const n = 3, size = 18;
          const images = Float32Array.from({ length: n * size * size * 3 }, (_, i) => ((i * 7919) % 1000) / 999);
          const h = tf.tidy(() => run.encoder.apply(tf.tensor4d(images, [n, size, size, 3])).h);
          const case_ = `${id}-${norm}`;
          expected.set(case_, (await h.data()) as Float32Array);
          h.dispose();
          const files = unzipSync(pytorchExportZip(topologyOf(id, run.encoder.config, frames.height, frames.width), await run.encoder.readWeights(), { runName: case_, params }));
          expect(Object.keys(files).sort()).toEqual(['README.md', 'config.json', 'encoder.safetensors', 'model.py', 'requirements.txt', 'train.py']);
          const folder = join(embedDir, case_);
          mkdirSync(folder);
          for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes);
          writeFileSync(join(folder, 'images.bin'), Buffer.from(images.buffer));
          writeFileSync(join(folder, 'shape.json'), JSON.stringify([n, size, size]));
        } finally {
          dispose();
        }
      }
    }
    execFileSync(torchPython(), ['-c', EMBED_ALL, embedDir], { stdio: ['ignore', 'inherit', 'inherit'] });
    for (const [case_, want] of expected) {
      const raw = readFileSync(join(embedDir, case_, 'h.bin'));
      const got = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
      expect(got.length, case_).toBe(want.length);
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(want[i] - got[i]));
      expect(worst, case_).toBeLessThan(1e-4);
    }
  }, 180_000);
});
