import { describe, expect, it } from 'vitest';
import { detectTier } from './gpuTier';
import { englishText } from '../i18n/render';

const gpu = (adapter: object | null | Error) => ({
  requestAdapter: async () => { if (adapter instanceof Error) throw adapter; return adapter; },
});

describe('the defaults tier', () => {
  it('is gpu only for a hardware WebGPU adapter', async () => {
    expect((await detectTier(gpu({ info: { vendor: 'nvidia', architecture: 'hopper' } }))).tier).toBe('gpu');
    expect((await detectTier(gpu({ info: { vendor: 'google', architecture: 'swiftshader' } }))).tier).toBe('cpu');
    expect((await detectTier(gpu({ isFallbackAdapter: true, info: { vendor: 'x' } }))).tier).toBe('cpu');
    expect((await detectTier(gpu({ info: { vendor: 'x', isFallbackAdapter: true } }))).tier).toBe('cpu');
    expect((await detectTier(gpu(null))).tier).toBe('cpu');
    expect(englishText((await detectTier(gpu(null))).adapter)).toBe('no WebGPU adapter');
    expect((await detectTier(undefined)).tier).toBe('cpu');
    expect(englishText((await detectTier(undefined)).adapter)).toBe('no WebGPU');
    expect(englishText((await detectTier(gpu(new Error('blocked')))).adapter)).toBe('WebGPU failed (blocked)');
    expect(englishText((await detectTier(gpu({ info: {} }))).adapter)).toBe('unnamed adapter');
    expect((await detectTier(gpu({ info: { vendor: 'nvidia', architecture: 'hopper' } }))).adapter).toBe('nvidia hopper');
  });
});
