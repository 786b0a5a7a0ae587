/**
 * The own conv gradients (src/kernels/convGradients.ts) against tfjs's stock kernels on every
 * backend the browser offers here, in a worker as in the app: the unit tests reach only cpu and
 * wasm in Node. Relative error at most 1e-4 (float32; webgl on SwiftShader included).
 */
import { expect, test } from './appTest';
import { DEV_PORT } from './servers';

for (const backend of ['webgpu', 'webgl', 'wasm']) {
  test(`conv2d's own gradients match tfjs's stock kernels on ${backend}`, async ({ page }) => {
    await page.goto(`http://127.0.0.1:${DEV_PORT}/bench/index.html`);
    await page.waitForFunction(() => document.getElementById('out')?.textContent === 'ready', null, { timeout: 120_000 });
    const result = await page.evaluate((b) => (window as unknown as { checkKernels(b: string): Promise<{ backend: string; errors?: Record<string, number>; error?: string }> }).checkKernels(b), backend);
    expect(result.error).toBeUndefined();
    expect(result.backend).toBe(backend);
    const errors = Object.entries(result.errors!);
    expect(errors.length).toBe(backend === 'wasm' ? 4 : 8);
    for (const [name, error] of errors) expect(error, name).toBeLessThan(1e-4);
  });
}
