import type { BackendPreference } from '../shared/config';

/** The backend choices as the setup panel and the resume banner offer them. */
export const BACKEND_OPTIONS: readonly { value: BackendPreference; label: string }[] = [
  { value: 'auto', label: 'auto: GPU (webgpu, webgl), then wasm, then cpu; a software GPU after wasm' },
  { value: 'webgpu', label: 'webgpu only' },
  { value: 'webgl', label: 'webgl only' },
  { value: 'wasm', label: 'wasm only (CPU, SIMD)' },
  { value: 'cpu', label: 'cpu only (slow)' },
];
