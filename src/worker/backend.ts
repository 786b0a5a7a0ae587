/**
 * Backend selection inside a worker: auto ranks the backends by what this machine offers
 * (shared/backendChoice.ts: hardware GPU first, wasm before a software GPU, cpu last), or the
 * user forces one. Returns the adapter's name and why the backend was chosen, for the header.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { installKernels } from '../kernels';
import { rankBackends, type GpuProbe } from '../shared/backendChoice';
import type { BackendName, BackendPreference } from '../shared/config';
import type { BackendInfo } from '../shared/protocol';
import { useShippedWasmBinaries } from './wasmPaths';
import { text } from '../shared/text';
import { TextError } from '../i18n/textError';

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'webgpu' && !(globalThis.navigator && 'gpu' in navigator)) return 'navigator.gpu is not available in this browser or context';
    if (name === 'webgl') tf.env().set('SOFTWARE_WEBGL_ENABLED', true); // SwiftShader on GPU-less machines
    if (name === 'wasm') useShippedWasmBinaries();
    const ok = await tf.setBackend(name);
    if (!ok) return 'tf.setBackend returned false';
    await tf.ready();
    // A tiny op proves the backend computes (some fail only on first use).
    const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
    const v = (await probe.data())[0];
    probe.dispose();
    if (v !== 3) return `probe computed ${v}, expected 3`;
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e) || 'failed to start';
  }
}

/** The WebGPU adapter tfjs-backend-webgpu would take, named, without starting the backend. */
async function probeWebGpu(): Promise<GpuProbe> {
  if (!(globalThis.navigator && 'gpu' in navigator)) return { adapter: null, unavailable: 'navigator.gpu is not available in this browser or context' };
  try {
    const lowPower = Boolean(tf.env().get('WEBGPU_USE_LOW_POWER_GPU'));
    const adapter = await navigator.gpu.requestAdapter({ powerPreference: lowPower ? 'low-power' : 'high-performance' });
    if (!adapter) return { adapter: null, unavailable: 'no WebGPU adapter' };
    const info = adapter.info;
    const name = [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' ') || 'WebGPU adapter (no name given)';
    // Chromium marks its SwiftShader fallback adapter as such even where the name is blank.
    const fallback = (info as unknown as { isFallbackAdapter?: boolean })?.isFallbackAdapter || (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
    return { adapter: fallback && !/swiftshader/i.test(name) ? `${name} (software fallback adapter)` : name };
  } catch (e) {
    return { adapter: null, unavailable: e instanceof Error ? e.message : String(e) };
  }
}

/** The WebGL2 renderer's name (unmasked where the browser allows), from a throwaway context. */
function probeWebGl(): GpuProbe {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return { adapter: null, unavailable: 'no WebGL2 context' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { adapter: name };
  } catch (e) {
    return { adapter: null, unavailable: e instanceof Error ? e.message : String(e) };
  }
}

function wasmName(): string {
  const threads = getThreadsCount();
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return `WebAssembly SIMD, ${threads} thread${threads === 1 ? '' : 's'}${isolated ? '' : ' (page not cross-origin isolated: no threads)'}`;
}

export async function selectBackend(preference: BackendPreference): Promise<BackendInfo> {
  installKernels();
  const [webgpu, webgl] = await Promise.all([probeWebGpu(), Promise.resolve(probeWebGl())]);
  const probes = { webgpu, webgl } as Partial<Record<BackendName, GpuProbe>>;
  const ranked = preference === 'auto'
    ? rankBackends(webgpu, webgl, true)
    : [{ backend: preference, why: text('messages.backend.forced') }];
  const fallbacks: BackendInfo['fallbacks'] = preference === 'auto'
    ? (['webgpu', 'webgl'] as const).filter((b) => probes[b]!.adapter === null).map((b) => ({ backend: b, reason: probes[b]!.unavailable ?? 'not available' }))
    : [];
  for (const { backend, why } of ranked) {
    const failure = await tryBackend(backend);
    if (failure === null) {
      const adapter = backend === 'wasm' ? wasmName() : backend === 'cpu' ? 'plain JavaScript' : probes[backend]?.adapter ?? '';
      return { backend, adapter, why, fallbacks };
    }
    fallbacks.push({ backend, reason: failure });
  }
  throw new TextError(text('messages.backend.noneStarted', { reasons: fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ') }));
}

/** Calls onLost with what the browser says when the WebGPU device is lost (the tfjs backend does not watch for it). */
export function watchDeviceLoss(onLost: (detail: string) => void): void {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  // The detail only: the run's message says where it stopped and what can be resumed (commands.ts).
  device?.lost.then((info) => onLost(`${info.reason || 'unknown reason'}: ${info.message || 'no message'}`));
}
