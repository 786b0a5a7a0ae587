/**
 * Registers a backend kernel whose body is written in tf ops. The ops inside run as nested
 * kernels (the engine does not tape them: it records only kernels at depth 0), so the kernel's
 * gradient stays whatever is registered for its name.
 *
 * The engine wraps a kernel's returned TensorInfo in a new tensor without taking a reference to
 * its data; the body's own result tensor holds the only one. So the result's data gets one more
 * reference before that tensor is disposed: the data then belongs to the engine's wrapper alone,
 * and numTensors / numDataBuffers stay exact (tested in kernels.test.ts).
 */
import * as tf from '@tensorflow/tfjs';

export type TfOpKernelBody = (inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>) => tf.Tensor;

interface RefCountingBackend { incRef(dataId: tf.DataId): void }

/** Replaces (or adds) kernelName on backendName; returns the kernel it replaced, if any. */
export function registerTfOpKernel(kernelName: string, backendName: string, body: TfOpKernelBody): tf.KernelConfig | undefined {
  const previous = tf.getKernel(kernelName, backendName);
  if (previous) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({
    kernelName,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const tensors: Record<string, tf.Tensor> = {};
      for (const [name, info] of Object.entries(inputs)) {
        if (!(info instanceof tf.Tensor)) throw new Error(`${kernelName} on ${backendName}: input ${name} is not a tensor`);
        tensors[name] = info;
      }
      const result = tf.tidy(() => {
        const out = body(tensors, attrs as Record<string, unknown>);
        // An input handed straight back would be disposed below: give the engine its own copy.
        return Object.values(tensors).includes(out) ? out.clone() : out;
      });
      (backend as unknown as RefCountingBackend).incRef(result.dataId);
      const info = { dataId: result.dataId, shape: result.shape, dtype: result.dtype };
      result.dispose();
      return info;
    },
  });
  return previous;
}

/** Puts back the kernel that registerTfOpKernel replaced (tests and benchmarks switch between them). */
export function restoreKernel(kernelName: string, backendName: string, previous: tf.KernelConfig | undefined): void {
  tf.unregisterKernel(kernelName, backendName);
  if (previous) tf.registerKernel(previous);
}
