/**
 * Which backend "auto" picks, as a pure function of what the browser offers (UI-safe, tested in
 * Node). Order webgpu -> webgl -> wasm -> cpu, except that a GPU backend on a software adapter
 * (SwiftShader, llvmpipe, Microsoft Basic Render Driver: a CPU pretending to be a GPU) ranks
 * below wasm, which runs the same maths on the same CPU several times faster.
 */
import type { BackendName } from './config';

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

export interface RankedBackend { backend: BackendName; why: string }

/** Backends in the order auto tries them, each with the reason for its place. */
export function rankBackends(webgpu: GpuProbe, webgl: GpuProbe, wasmOffered: boolean): RankedBackend[] {
  const hardware: RankedBackend[] = [];
  const software: RankedBackend[] = [];
  for (const [backend, probe] of [['webgpu', webgpu], ['webgl', webgl]] as const) {
    if (probe.adapter === null) continue;
    if (isSoftwareAdapter(probe.adapter)) software.push({ backend, why: `${backend}'s adapter is a software renderer (${probe.adapter}): the CPU emulating a GPU, ranked below wasm` });
    else hardware.push({ backend, why: `${backend} on a hardware adapter (${probe.adapter})` });
  }
  const cpuSide: RankedBackend[] = wasmOffered ? [{ backend: 'wasm', why: hardware.length ? 'the GPU backends failed to start' : 'no hardware GPU adapter: wasm (SIMD) is the fastest backend on this CPU' }] : [];
  return [...hardware, ...cpuSide, ...software, { backend: 'cpu', why: 'every faster backend failed to start' }];
}
