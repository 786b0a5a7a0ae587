/**
 * Backend selection inside a worker: webgpu, then webgl, then cpu (or the one the user forces),
 * with the adapter's name for the header and a hook for a lost GPU device.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { BACKEND_ORDER, type BackendName, type BackendPreference } from '../shared/config';
import type { BackendInfo } from '../shared/protocol';

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'webgpu' && !(globalThis.navigator && 'gpu' in navigator)) return 'navigator.gpu is not available in this browser or context';
    if (name === 'webgl') tf.env().set('SOFTWARE_WEBGL_ENABLED', true); // SwiftShader on GPU-less machines
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
    return e instanceof Error ? e.message : String(e);
  }
}

async function adapterName(name: BackendName): Promise<string> {
  try {
    if (name === 'webgpu') {
      // The options tfjs-backend-webgpu itself uses, so this names the adapter that trains.
      const lowPower = Boolean(tf.env().get('WEBGPU_USE_LOW_POWER_GPU'));
      const adapter = await navigator.gpu.requestAdapter({ powerPreference: lowPower ? 'low-power' : 'high-performance' });
      const info = adapter?.info;
      if (!info) return 'unknown WebGPU adapter';
      return [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'WebGPU adapter (no name given)';
    }
    if (name === 'webgl') {
      const gl = (tf.backend() as unknown as { gpgpu?: { gl: WebGL2RenderingContext } }).gpgpu?.gl;
      if (!gl) return 'WebGL';
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    }
  } catch {
    // the name is cosmetic; training goes on without it
  }
  return '';
}

export async function selectBackend(preference: BackendPreference): Promise<BackendInfo> {
  const order = preference === 'auto' ? BACKEND_ORDER : [preference];
  const fallbacks: BackendInfo['fallbacks'] = [];
  for (const name of order) {
    const failure = await tryBackend(name);
    if (failure === null) return { backend: name, adapter: await adapterName(name), fallbacks };
    fallbacks.push({ backend: name, reason: failure });
  }
  throw new Error(`No backend could start: ${fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
}

/** Calls onLost when the WebGPU device is lost (the tfjs backend does not watch for it). */
export function watchDeviceLoss(onLost: (message: string) => void): void {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  device?.lost.then((info) => onLost(`The GPU device was lost (${info.reason || 'unknown reason'}: ${info.message}). Training stopped; the metrics so far are kept.`));
}
