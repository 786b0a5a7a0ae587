/**
 * The two local servers the e2e tests use (playwright.config.ts starts both). E2E_PREVIEW_PORT and
 * E2E_DEV_PORT move them, so two checkouts can run their suites side by side.
 */

/** `vite preview` of the built app, with its Content-Security-Policy header. */
export const PREVIEW_PORT = Number(process.env.E2E_PREVIEW_PORT ?? 4174);
/** The dev server, for bench/index.html's kernel check (kernels.spec.ts). */
export const DEV_PORT = Number(process.env.E2E_DEV_PORT ?? 4175);
