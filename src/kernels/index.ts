/**
 * The project's own kernels and gradients, installed once per tfjs engine (each worker, each
 * Node process) before training: conv2d's gradient as forward convolutions on every backend,
 * the fills the wasm backend needs, and group norm as one kernel on wasm and cpu.
 */
import { installConvGradients } from './convGradients';
import { installGroupNormKernels } from './groupNormKernel';
import { installWasmKernels } from './wasmKernels';

export function installKernels(): void {
  installConvGradients();
  installWasmKernels();
  installGroupNormKernels();
}
