/**
 * The project's own kernels and gradients, installed once per tfjs engine (each worker, each
 * Node process) before training: conv2d's gradient as forward convolutions on every backend,
 * and the fills the wasm backend needs.
 */
import { installConvGradients } from './convGradients';
import { installWasmKernels } from './wasmKernels';

export function installKernels(): void {
  installConvGradients();
  installWasmKernels();
}
