import { describe, expect, it } from 'vitest';
import { decimalsFor, formatFixed, niceStep, yScale } from './chartAxis';

describe('chart y axis', () => {
  it('gives distinct tick labels for a loss that barely moves (2.70, 2.69, 2.69 … was the bug)', () => {
    const s = yScale([2.6952, 2.6911, 2.6978, 2.6930]);
    const labels = s.ticks.map(s.format);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(s.domain[0]).toBeLessThanOrEqual(2.6911);
    expect(s.domain[1]).toBeGreaterThanOrEqual(2.6978);
  });

  it('writes every tick of one axis with the same number of decimals', () => {
    const s = yScale([0.1, 0.93]);
    const labels = s.ticks.map(s.format);
    expect(labels).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
  });

  it('keeps fixed bounds and uses whole numbers where the spacing is whole', () => {
    const s = yScale([40, 60], { lower: 0, upper: 100 });
    expect(s.domain).toEqual([0, 100]);
    expect(s.ticks.map(s.format)).toEqual(['0', '20', '40', '60', '80', '100']);
  });

  it('handles a constant series, negatives and no data', () => {
    const flat = yScale([5, 5, 5]);
    expect(flat.domain[0]).toBeLessThan(5);
    expect(flat.domain[1]).toBeGreaterThan(5);
    expect(new Set(flat.ticks.map(flat.format)).size).toBe(flat.ticks.length);
    expect(yScale([-0.004, 0.003]).ticks.map((v) => formatFixed(v, 3))).not.toContain('-0.000');
    expect(yScale([]).domain).toEqual([0, 1]);
  });

  it('picks 1/2/5 spacings and just enough decimals for them', () => {
    expect(niceStep(1, 5)).toBeCloseTo(0.2);
    expect(niceStep(0.007, 5)).toBeCloseTo(0.002);
    expect(niceStep(300, 5)).toBe(100);
    expect(decimalsFor(0.002)).toBe(3);
    expect(decimalsFor(0.5)).toBe(1);
    expect(decimalsFor(20)).toBe(0);
  });
});
