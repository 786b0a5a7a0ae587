/** The two local servers the e2e tests use (playwright.config.ts starts both). */

/** `vite preview` of the built app, with its Content-Security-Policy header. */
export const PREVIEW_PORT = 4174;
/** The dev server, for bench/index.html's kernel check (kernels.spec.ts). */
export const DEV_PORT = 4175;
