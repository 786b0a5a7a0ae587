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
import { METHOD_IDS, needsVideo } from '../../methods/catalog';
import { createTestRun, disposeBatch } from '../../methods/testRuns';
import { SMALL_VIDEO_PARAMS, tinyMovingShapes, tinyShapes } from '../../testing/fixtures';
import { imageViewOf } from '../../data/imageView';
import { createRng } from '../../shared/rng';
import { torchPython } from '../../testing/torchPython';
import { pytorchExportZip, torchName } from './pytorchExport';
import { safetensorsBytes } from './safetensors';
import type { EncoderTopology } from '../encoderModel';

const dir = mkdtempSync(join(tmpdir(), 'pretext-torch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

describe('PyTorch export', () => {
  it('names weights as model.py\'s state_dict', () => {
    expect(torchName('stem/kernel')).toBe('encoder.stem.conv.weight');
    expect(torchName('b2/proj/gamma')).toBe('encoder.b2.proj.norm.weight');
    expect(torchName('b3/c2/beta')).toBe('encoder.b3.c2.norm.bias');
    expect(torchName('b1/c1/bias')).toBe('encoder.b1.c1.conv.bias');
  });

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
          expect(Object.keys(files).sort()).toEqual(['README.md', 'encoder.safetensors', 'model.py', 'requirements.txt']);
          const folder = join(dir, case_);
          mkdirSync(folder);
          for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes);
          writeFileSync(join(folder, 'images.bin'), Buffer.from(images.buffer));
          writeFileSync(join(folder, 'shape.json'), JSON.stringify([n, size, size]));
        } finally {
          dispose();
        }
      }
    }
    execFileSync(torchPython(), ['-c', EMBED_ALL, dir], { stdio: ['ignore', 'inherit', 'inherit'] });
    for (const [case_, want] of expected) {
      const raw = readFileSync(join(dir, case_, 'h.bin'));
      const got = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
      expect(got.length, case_).toBe(want.length);
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(want[i] - got[i]));
      expect(worst, case_).toBeLessThan(1e-4);
    }
  }, 180_000);
});
