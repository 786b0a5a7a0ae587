/**
 * The ONNX export, run by a real onnxruntime (onnxruntime-web's wasm build in Node): for every
 * method's encoder, trained two steps, with group norm and without, the model gives the tfjs
 * encoder's embeddings on the same images within 1e-4.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { onnx } from 'onnx-proto';
import '../testing/setupTf';
import { METHOD_IDS, needsVideo, type MethodId } from '../methods/catalog';
import { createTestRun, disposeBatch } from '../methods/testRuns';
import { SMALL_VIDEO_PARAMS, tinyMovingShapes, tinyShapes } from '../testing/fixtures';
import { createRng } from '../shared/rng';
import { encoderToOnnx, ONNX_METADATA_KEYS, ONNX_OPSET } from './onnxModel';
import type { EncoderTopology } from './encoderModel';
import type { ImageDataset } from '../data/dataset';
import { imageViewOf } from '../data/imageView';

ort.env.wasm.numThreads = 1;

const shapes = tinyShapes();
const movingShapes = tinyMovingShapes();

/** [N, H, W, 3] float images in [0, 1]: the first n training images of a dataset. */
function someImages(data: ImageDataset, n: number): Float32Array {
  const size = data.height * data.width * 3;
  return Float32Array.from(data.train.images.subarray(0, n * size), (v) => v / 255);
}

async function embedWithOrt(model: Uint8Array, images: Float32Array, n: number, h: number, w: number): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(model);
  const out = await session.run({ images: new ort.Tensor('float32', images, [n, h, w, 3]) });
  await session.release();
  return { data: out.h.data as Float32Array, dims: out.h.dims };
}

function topologyOf(id: MethodId, layout: { width: number; norm: 'group' | 'none'; normGroups: number }, h: number, w: number): EncoderTopology {
  return {
    version: 1, methodId: id, encoder: layout, inputShape: [h, w, 3], outputDim: 4 * layout.width,
    trainedOn: { id: 'shapes', name: 'Shapes', fingerprint: '0123456789abcdef' }, steps: 2, seed: 3,
  };
}

describe('ONNX export', () => {
  for (const id of METHOD_IDS) {
    for (const norm of ['group', 'none'] as const) {
      it(`${id} (${norm} norm): onnxruntime gives the tfjs encoder's embeddings within 1e-4`, async () => {
        const data = needsVideo(id) ? movingShapes : shapes;
        const frames = data.kind === 'video' ? imageViewOf(data) : data;
        // normGroups 2 so the group-norm layers have several channels per group (width 4: 2, 4, 8 per group).
        const { run, dispose } = createTestRun(id, data, { ...SMALL_VIDEO_PARAMS[id], ...(id === 'tcn' && { variant: 'single-view' }), ...(id === 'cpc' && { patchSize: 4, patchStride: 2 }), norm, normGroups: 2 }, 3);
        try {
          // Two steps, so gamma, beta and the biases are no longer their initial ones and zeros.
          for (let s = 0; s < 2; s++) {
            const batch = run.sampleBatch(createRng(10 + s));
            run.trainStep(batch).dispose();
            disposeBatch(batch);
          }
          const encoder = run.encoder;
          const n = 5, [h, w] = [frames.height, frames.width];
          const images = someImages(frames, n);
          const expected = tf.tidy(() => encoder.apply(tf.tensor4d(images, [n, h, w, 3])).h);
          const want = (await expected.data()) as Float32Array;
          expected.dispose();
          const model = encoderToOnnx(topologyOf(id, encoder.config, h, w), await encoder.readWeights(), { runName: `${id} test`, params: { norm } });
          const got = await embedWithOrt(model, images, n, h, w);
          expect(got.dims).toEqual([n, encoder.outputDim]);
          let worst = 0;
          for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(want[i] - got.data[i]));
          expect(worst).toBeLessThan(1e-4);
          // Not a vacuous match: the embeddings of the first two images differ somewhere (one unit
          // alone may be a ReLU that is zero for both, as S4L's first is after two steps at lr 1e-2).
          const d = encoder.outputDim;
          let apart = 0;
          for (let k = 0; k < d; k++) apart = Math.max(apart, Math.abs(want[k] - want[d + k]));
          expect(apart).toBeGreaterThan(1e-6);
        } finally {
          dispose();
        }
      }, 60_000);
    }
  }

  it('writes opset 17, a symbolic batch and the run in its metadata, and takes other input sizes', async () => {
    const { run, dispose } = createTestRun('simclr', shapes, { norm: 'group' }, 3);
    try {
      const model = encoderToOnnx(topologyOf('simclr', run.encoder.config, 16, 16), await run.encoder.readWeights(), { runName: 'SimCLR: tau 0.1', params: { temperature: 0.1 } });
      const decoded = onnx.ModelProto.decode(model);
      expect(decoded.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
      expect(decoded.graph!.input![0]!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['N', 'H', 'W', 3]);
      const meta = Object.fromEntries(decoded.metadataProps.map((p) => [p.key, p.value]));
      expect(Object.keys(meta).sort()).toEqual([...ONNX_METADATA_KEYS].sort());
      expect(meta.run).toBe('SimCLR: tau 0.1');
      expect(meta.input).toContain('[N, 16, 16, 3]');
      expect(JSON.parse(meta.params!)).toEqual({ temperature: 0.1 });
      // SAME_UPPER padding is TF's 'same' at any size: a 20 px input runs and matches tfjs too.
      const images = Float32Array.from({ length: 2 * 20 * 20 * 3 }, (_, i) => (i * 37 % 101) / 100);
      const expected = tf.tidy(() => run.encoder.apply(tf.tensor4d(images, [2, 20, 20, 3])).h);
      const want = (await expected.data()) as Float32Array;
      expected.dispose();
      const got = await embedWithOrt(model, images, 2, 20, 20);
      for (let i = 0; i < want.length; i++) expect(Math.abs(want[i] - got.data[i])).toBeLessThan(1e-4);
    } finally {
      dispose();
    }
  });

  it('refuses weights that do not fit the layout, naming the weight', async () => {
    const { run, dispose } = createTestRun('simclr', shapes, {}, 3);
    try {
      const weights = (await run.encoder.readWeights()).filter((w) => w.name !== 'b2/proj/kernel');
      expect(() => encoderToOnnx(topologyOf('simclr', run.encoder.config, 16, 16), weights, { runName: 'x', params: {} })).toThrow(/b2\/proj\/kernel/);
    } finally {
      dispose();
    }
  });
});
