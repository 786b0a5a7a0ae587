/// <reference lib="webworker" />
/**
 * The own conv gradients against tfjs's stock kernels on a browser backend, on random inputs at
 * the shapes the encoder uses: largest |ours - stock| / max |stock|. Filter-gradient forms on
 * webgpu and webgl (wasm has no stock one), the input-gradient form where it ships (wasm).
 */
import * as tf from '@tensorflow/tfjs';
import { conv2dFilterGradient, conv2dFilterGradientMatMul, conv2dInputGradient } from '../src/kernels/convGradients';
import { selectBackend } from '../src/worker/backend';
import type { BackendName } from '../src/shared/config';

declare const self: DedicatedWorkerGlobalScope;

const CASES: { x: [number, number, number, number]; k: number; out: number; s: number }[] = [
  { x: [4, 16, 16, 3], k: 3, out: 8, s: 1 },
  { x: [4, 16, 16, 8], k: 3, out: 16, s: 2 },
  { x: [4, 16, 16, 8], k: 1, out: 16, s: 2 },
  { x: [2, 15, 13, 4], k: 3, out: 6, s: 2 },
];

async function relative(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [x, y] = await Promise.all([a.data(), b.data()]);
  let d = 0, m = 1e-12;
  for (let i = 0; i < y.length; i++) { d = Math.max(d, Math.abs(x[i] - y[i])); m = Math.max(m, Math.abs(y[i])); }
  return d / m;
}

async function check(backend: BackendName): Promise<{ backend: string; errors: Record<string, number> }> {
  const info = await selectBackend(backend);
  const errors: Record<string, number> = {};
  for (const c of CASES) {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.randomUniform([c.k, c.k, c.x[3], c.out], -1, 1, 'float32', 2) as tf.Tensor4D;
    const y = tf.conv2d(x, w, c.s, 'same');
    const dy = tf.randomUniform(y.shape, -1, 1, 'float32', 3) as tf.Tensor4D;
    const name = `${c.k}x${c.k}/s${c.s} [${c.x}]`;
    const attrs = { strides: c.s, pad: 'same', dataFormat: 'NHWC', dilations: 1 } as unknown as tf.NamedAttrMap;
    const stockInput = info.backend !== 'wasm' && info.backend !== 'cpu' ? null : tf.engine().runKernel("Conv2DBackpropInput", { dy, filter: w }, { ...attrs, inputShape: c.x } as unknown as tf.NamedAttrMap) as tf.Tensor;
    // The input-gradient form ships on wasm only (webgl cannot compile its rank-6 pad's shader).
    if (info.backend === 'wasm' || info.backend === 'cpu') errors[`input ${name}`] = await relative(conv2dInputGradient(c.x, dy, w, c.s, 'same'), stockInput!);
    if (info.backend !== 'wasm') {
      const stockFilter = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: w.shape } as unknown as tf.NamedAttrMap) as tf.Tensor;
      errors[`filter conv ${name}`] = await relative(conv2dFilterGradient(x, dy, w.shape, c.s, 'same'), stockFilter);
      errors[`filter matmul ${name}`] = await relative(conv2dFilterGradientMatMul(x, dy, w.shape, c.s, 'same'), stockFilter);
    }
  }
  return { backend: info.backend, errors };
}

self.onmessage = (e: MessageEvent<BackendName>) => {
  check(e.data).then((r) => self.postMessage(r), (err: unknown) => self.postMessage({ backend: e.data, error: String(err) }));
};
