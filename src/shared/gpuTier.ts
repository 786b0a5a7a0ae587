/**
 * Which tier of defaults (shared/tiers.ts) this browser gets: 'gpu' when WebGPU offers a
 * hardware adapter, 'cpu' otherwise (no WebGPU, or a software adapter such as SwiftShader,
 * where auto picks wasm). Asked on the main thread without tfjs; UI-safe.
 */
import { isSoftwareAdapter } from './backendChoice';
import type { Tier } from './tiers';
import { text, type Text } from './text';

/** The parts of a GPUAdapter this reads (Chromium 114+ has `info`; older ones requestAdapterInfo). */
interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}
export interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

/** The tier, and the adapter it was decided on: the browser's name for it, or why there is none (a Text). */
export async function detectTier(gpu: GpuLike | undefined): Promise<{ tier: Tier; adapter: string | Text }> {
  if (!gpu) return { tier: 'cpu', adapter: text('setup.tiers.noWebGpu') };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { tier: 'cpu', adapter: text('setup.tiers.noAdapter') };
    const i = adapter.info ?? {};
    const name = [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' ');
    const software = adapter.isFallbackAdapter === true || i.isFallbackAdapter === true || isSoftwareAdapter(name);
    return { tier: software ? 'cpu' : 'gpu', adapter: name || text('setup.tiers.unnamedAdapter') };
  } catch (e) {
    return { tier: 'cpu', adapter: text('setup.tiers.webGpuFailed', { error: e instanceof Error ? e.message : String(e) }) };
  }
}
