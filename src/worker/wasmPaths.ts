/**
 * The wasm backend's three binaries, shipped with the app as assets (Vite fingerprints them):
 * nothing is downloaded at run time.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let done = false;
export function useShippedWasmBinaries(): void {
  if (done) return;
  done = true;
  const absolute = (url: string) => new URL(url, self.location.href).href;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': absolute(plain),
    'tfjs-backend-wasm-simd.wasm': absolute(simd),
    'tfjs-backend-wasm-threaded-simd.wasm': absolute(threadedSimd),
  });
}
