import { describe, expect, it } from 'vitest';
import { paramRange } from './ParamControl';
import { METHOD_IDS, METHOD_SPECS } from '../methods/catalog';
import type { ParamSpec } from '../shared/params';

describe('the range shown under a numeric param', () => {
  it('writes bounds as a person would', () => {
    expect(paramRange(16, 1024)).toBe('16–1024');
    expect(paramRange(1e-5, 1)).toBe('1e-5–1');
    expect(paramRange(0.05, 1)).toBe('0.05–1');
    expect(paramRange(0.5, 0.9999)).toBe('0.5–0.9999');
  });

  it("every method's numeric params have a range to show", () => {
    for (const id of METHOD_IDS) {
      for (const [key, spec] of Object.entries(METHOD_SPECS[id].params as Record<string, ParamSpec>)) {
        if (spec.kind !== 'number' && spec.kind !== 'int') continue;
        expect(spec.min, `${id}.${key}`).toBeLessThan(spec.max);
        expect(paramRange(spec.min, spec.max)).toMatch(/^[\d.e-]+–[\d.e-]+$/);
      }
    }
  });
});
