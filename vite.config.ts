import { defineConfig, type Plugin } from 'vite';

/**
 * Content-Security-Policy of the built app: only its own origin. 'wasm-unsafe-eval' lets
 * WebAssembly compile (no JS eval is allowed); workers come from 'self'. Styles allow inline
 * attributes because React and recharts set style attributes; no inline script is allowed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
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
    include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', 'react', 'react-dom/client', 'recharts', 'zustand'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173, strictPort: false },
  preview: {
    port: 4173,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER },
  },
});
