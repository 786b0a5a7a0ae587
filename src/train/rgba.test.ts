import { describe, expect, it } from 'vitest';
import { rgbaFromBytes, rgbaFromUnitRgb } from './rgba';

describe('rgba', () => {
  it('copies RGB bytes and adds opaque alpha', () => {
    expect(Array.from(rgbaFromBytes(Uint8Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
  });

  it('spreads a grey byte over R, G and B', () => {
    expect(Array.from(rgbaFromBytes(Uint8Array.from([7, 9]), 2, 1))).toEqual([7, 7, 7, 255, 9, 9, 9, 255]);
  });

  it('scales [0, 1] floats to bytes, clamping out-of-range values', () => {
    expect(Array.from(rgbaFromUnitRgb(Float32Array.from([0, 0.5, 1, -0.2, 1.3, 0.25])))).toEqual([0, 128, 255, 255, 0, 255, 64, 255]);
  });
});
