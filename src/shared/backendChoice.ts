/**
 * Which backend "auto" picks, as a pure function of what the browser offers (UI-safe, tested in
 * Node). Order webgpu -> webgl -> wasm -> cpu, except that a GPU backend on a software adapter
 * (SwiftShader, llvmpipe, Microsoft Basic Render Driver: a CPU pretending to be a GPU) ranks
 * below wasm, which runs the same maths on the same CPU several times faster.
 */
import type { BackendName } from './config';
import { text, type Text } from './text';

export interface GpuProbe {
  /** null: the backend is not offered here (no navigator.gpu, no WebGL2 context). */
  adapter: string | null;
  /** Why it is not offered, when adapter is null. */
  unavailable?: string;
}

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|softpipe|lavapipe|basic render|software|warp\b/i;

export function isSoftwareAdapter(name: string): boolean {
  return SOFTWARE_ADAPTER.test(name);
}

export interface RankedBackend { backend: BackendName; why: Text }

/** Backends in the order auto tries them, each with the reason for its place. */
export function rankBackends(webgpu: GpuProbe, webgl: GpuProbe, wasmOffered: boolean): RankedBackend[] {
  const hardware: RankedBackend[] = [];
  const software: RankedBackend[] = [];
  for (const [backend, probe] of [['webgpu', webgpu], ['webgl', webgl]] as const) {
    if (probe.adapter === null) continue;
    if (isSoftwareAdapter(probe.adapter)) software.push({ backend, why: text('messages.backend.software', { name: backend, adapter: probe.adapter }) });
    else hardware.push({ backend, why: text('messages.backend.hardware', { name: backend, adapter: probe.adapter }) });
  }
  const cpuSide: RankedBackend[] = wasmOffered ? [{ backend: 'wasm', why: hardware.length ? text('messages.backend.gpuFailed') : text('messages.backend.noHardwareGpu') }] : [];
  return [...hardware, ...cpuSide, ...software, { backend: 'cpu', why: text('messages.backend.fasterFailed') }];
}
