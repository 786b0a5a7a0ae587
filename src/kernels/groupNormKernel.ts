/**
 * Group norm as one kernel (and one for its gradient) on wasm and cpu, where the loops of
 * groupNormMath.ts read and write the backend's memory directly: on wasm the composite of
 * moments, sub, rsqrt, mul and add (about 8 full-size kernels forward and 11 backward, each a
 * generic broadcasting loop) cost more of a SimCLR step than its convolutions. Other backends
 * (webgpu, webgl) run the composite in models/encoder.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { groupNormBackward, groupNormForward, type GroupNormShape } from './groupNormMath';

export const GROUP_NORM = 'PretextGroupNorm';
export const GROUP_NORM_GRAD = 'PretextGroupNormGrad';

/** Reads and allocates float32 tensors in a backend's own memory. */
interface MemoryAccess {
  view(backend: unknown, t: tf.TensorInfo): Float32Array;
  alloc(backend: unknown, shape: number[]): tf.TensorInfo;
}

const WASM: MemoryAccess = {
  view: (b, t) => (b as { typedArrayFromHeap(t: tf.TensorInfo): Float32Array }).typedArrayFromHeap(t),
  alloc: (b, shape) => (b as { makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo }).makeOutput(shape, 'float32'),
};
const CPU: MemoryAccess = {
  view: (b, t) => (b as { data: { get(id: tf.DataId): { values: Float32Array } } }).data.get(t.dataId).values,
  alloc: (b, shape) => (b as { makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo }).makeTensorInfo(shape, 'float32', new Float32Array(shape.reduce((a, d) => a * d, 1))),
};

function shapeOf(x: tf.TensorInfo, attrs: Record<string, unknown>): GroupNormShape {
  const [n, h, w, c] = x.shape;
  return { n, hw: h * w, c, groups: Number(attrs.groups), eps: Number(attrs.eps) };
}

function register(backendName: string, memory: MemoryAccess): void {
  tf.registerKernel({
    kernelName: GROUP_NORM,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, gamma, beta } = inputs as Record<string, tf.TensorInfo>;
      const y = memory.alloc(backend, x.shape);
      // Views after every allocation: a growing wasm heap detaches earlier views.
      groupNormForward(memory.view(backend, x), memory.view(backend, gamma), memory.view(backend, beta), shapeOf(x, attrs as Record<string, unknown>), memory.view(backend, y));
      return y;
    },
  });
  tf.registerKernel({
    kernelName: GROUP_NORM_GRAD,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, gamma, dy } = inputs as Record<string, tf.TensorInfo>;
      const dx = memory.alloc(backend, x.shape), dGamma = memory.alloc(backend, gamma.shape), dBeta = memory.alloc(backend, gamma.shape);
      groupNormBackward(memory.view(backend, x), memory.view(backend, gamma), memory.view(backend, dy), shapeOf(x, attrs as Record<string, unknown>), memory.view(backend, dx), memory.view(backend, dGamma), memory.view(backend, dBeta));
      return [dx, dGamma, dBeta];
    },
  });
}

let installed = false;

export function installGroupNormKernels(): void {
  if (installed) return;
  installed = true;
  register('wasm', WASM);
  register('cpu', CPU);
  tf.registerGradient({
    kernelName: GROUP_NORM,
    inputsToSave: ['x', 'gamma'],
    gradFunc: (dy, saved, attrs) => {
      const [x, gamma] = saved;
      const [dx, dGamma, dBeta] = tf.engine().runKernel(GROUP_NORM_GRAD, { x, gamma, dy: dy as tf.Tensor }, attrs) as tf.Tensor[];
      return { x: () => dx, gamma: () => dGamma, beta: () => dBeta };
    },
  });
}

/** Whether the fused kernel serves the active backend. */
export function hasGroupNormKernel(): boolean {
  return tf.getKernel(GROUP_NORM, tf.getBackend()) !== undefined;
}

/** x [N, H, W, C], gamma / beta [C] -> [N, H, W, C] through the fused kernel. */
export function groupNormKernel(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, groups: number, eps: number): tf.Tensor4D {
  return tf.engine().runKernel(GROUP_NORM, { x, gamma, beta }, { groups, eps }) as tf.Tensor4D;
}
