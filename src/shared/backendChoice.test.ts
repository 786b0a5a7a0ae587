import { describe, expect, it } from 'vitest';
import { isSoftwareAdapter, rankBackends } from './backendChoice';
import { englishText } from '../i18n/render';

const order = (...args: Parameters<typeof rankBackends>) => rankBackends(...args).map((r) => r.backend);

describe('backend ranking for auto', () => {
  it('names the software renderers Chromium, Mesa and Windows report', () => {
    for (const name of ['google swiftshader', 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', 'llvmpipe (LLVM 15.0.6, 256 bits)', 'Microsoft Basic Render Driver', 'lavapipe']) {
      expect(isSoftwareAdapter(name), name).toBe(true);
    }
    for (const name of ['nvidia ampere NVIDIA GeForce RTX 3080', 'ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)', 'intel gen-12lp Intel(R) Iris(R) Xe Graphics']) {
      expect(isSoftwareAdapter(name), name).toBe(false);
    }
  });

  it('hardware GPUs first, then wasm, then software GPUs, cpu last', () => {
    expect(order({ adapter: 'nvidia ampere' }, { adapter: 'ANGLE (NVIDIA)' }, true)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(order({ adapter: 'google swiftshader' }, { adapter: 'ANGLE (SwiftShader Device)' }, true)).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
    expect(order({ adapter: 'google swiftshader' }, { adapter: 'ANGLE (Intel Iris)' }, true)).toEqual(['webgl', 'wasm', 'webgpu', 'cpu']);
    expect(order({ adapter: null }, { adapter: null }, true)).toEqual(['wasm', 'cpu']);
    expect(order({ adapter: null }, { adapter: 'llvmpipe' }, false)).toEqual(['webgl', 'cpu']);
  });

  it('says why each backend is where it is', () => {
    const [first] = rankBackends({ adapter: 'google swiftshader' }, { adapter: null }, true);
    expect(englishText(first.why)).toMatch(/no hardware GPU adapter/);
    expect(englishText(rankBackends({ adapter: 'google swiftshader' }, { adapter: null }, true)[1].why)).toMatch(/software renderer \(google swiftshader\).*below wasm/);
  });
});
