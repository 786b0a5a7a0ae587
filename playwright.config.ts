import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';
import { DEV_PORT, PREVIEW_PORT as PORT } from './e2e/servers';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  // Every spec takes `test` from e2e/appTest.ts: the page object and the shared problem watcher.
  // Two tests at a time (each mostly waits on its page's training worker), any two: every test
  // has its own browser context, so the tests of one file (the smoke spec's many) run in parallel
  // too. Generous timeouts for the WebGPU runs over SwiftShader, which trains at CPU-emulation speed.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: true,
  timeout: 8 * 60_000,
  expect: { timeout: 120_000 },
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1400, height: 1000 },
    trace: 'off',
  },
  webServer: [
    {
      // The built app, served with its Content-Security-Policy header (vite.config.ts).
      command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The dev server, for bench/index.html's kernel check (e2e/kernels.spec.ts); no HMR.
      command: `npx vite --host 127.0.0.1 --port ${DEV_PORT} --strictPort`,
      url: `http://127.0.0.1:${DEV_PORT}/bench/index.html`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
