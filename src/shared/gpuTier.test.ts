import { describe, expect, it } from 'vitest';
import { detectTier } from './gpuTier';

const gpu = (adapter: object | null | Error) => ({
  requestAdapter: async () => { if (adapter instanceof Error) throw adapter; return adapter; },
});

describe('the defaults tier', () => {
  it('is gpu only for a hardware WebGPU adapter', async () => {
    expect((await detectTier(gpu({ info: { vendor: 'nvidia', architecture: 'hopper' } }))).tier).toBe('gpu');
    expect((await detectTier(gpu({ info: { vendor: 'google', architecture: 'swiftshader' } }))).tier).toBe('cpu');
    expect((await detectTier(gpu({ isFallbackAdapter: true, info: { vendor: 'x' } }))).tier).toBe('cpu');
    expect((await detectTier(gpu({ info: { vendor: 'x', isFallbackAdapter: true } }))).tier).toBe('cpu');
    expect(await detectTier(gpu(null))).toEqual({ tier: 'cpu', adapter: 'no WebGPU adapter' });
    expect(await detectTier(undefined)).toEqual({ tier: 'cpu', adapter: 'no WebGPU' });
    expect((await detectTier(gpu(new Error('blocked')))).adapter).toMatch(/blocked/);
  });
});
