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

export default defineConfig({
  plugins: [contentSecurityPolicyMeta()],
  worker: { format: 'es' },
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
