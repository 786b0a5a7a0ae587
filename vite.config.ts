import { defineConfig, type Plugin } from 'vite';

/**
 * Content-Security-Policy of the built app: only its own origin. 'wasm-unsafe-eval' lets
 * WebAssembly compile (no JS eval is allowed). Workers come from 'self', and from blob: because
 * the threaded wasm backend starts its pthreads from blob: URLs it makes itself (and those load
 * the backend's script from a blob: too, hence blob: in script-src). Styles allow inline
 * attributes because React and recharts set style attributes; no inline script is allowed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  // Dropped videos play from blob: URLs while their frames are read.
  "media-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** frame-ancestors only works as a header (browsers log an error for it in a meta tag). */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/**
 * Cross-origin isolation (SharedArrayBuffer, so the wasm backend can run threads). Every
 * subresource is same-origin, blob: or data:, so require-corp blocks nothing the app uses.
 * Static hosts must send these too (public/_headers has them for hosts that read that file);
 * without them wasm runs on one thread and the header says so.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The meta tag covers the page; the preview server's header also covers the worker scripts. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'pretext-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * tfjs-backend-wasm starts its pthreads by serialising its threaded factory with toString() into
 * a blob: script. The factory reads _scriptDir from the closure around it; a minifier renames
 * that variable, so in the pthread's script it is undefined and every pthread dies with
 * "e is not defined" (the built app fell back to nothing). A property of globalThis survives
 * minification, and is undefined in a pthread, where emscripten expects it to be.
 */
function wasmThreadsSurviveMinification(): Plugin {
  return {
    name: 'pretext-wasm-threads-survive-minification',
    apply: 'build',
    transform(code, id) {
      if (!/tfjs-backend-wasm-threaded-simd\.js$/.test(id)) return null;
      const fixed = code.replace(/var _scriptDir =/, 'globalThis.__tfjsWasmScriptDir =').replace(/\b_scriptDir\b/g, 'globalThis.__tfjsWasmScriptDir');
      if (fixed === code || /\b_scriptDir\b/.test(fixed)) this.error('tfjs-backend-wasm changed: its threaded factory no longer reads _scriptDir as expected');
      return { code: fixed, map: null };
    },
  };
}

export default defineConfig({
  plugins: [contentSecurityPolicyMeta(), wasmThreadsSurviveMinification()],
  // Workers are bundled on their own: config.plugins do not reach them in a build.
  worker: { format: 'es', plugins: () => [wasmThreadsSurviveMinification()] },
  // Pre-bundle the worker's dependencies at dev-server start: discovering tfjs on the first run
  // would make Vite reload the page mid-run.
  optimizeDeps: {
    entries: ['index.html', 'src/worker/trainingWorker.ts', 'bench/index.html', 'bench/benchWorker.ts'],
    include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-backend-wasm', 'react', 'react-dom/client', 'recharts', 'zustand'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173, strictPort: false, headers: ISOLATION_HEADERS },
  preview: {
    port: 4173,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER, ...ISOLATION_HEADERS },
  },
});
