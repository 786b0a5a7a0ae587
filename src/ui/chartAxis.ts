/**
 * Axis ticks the charts choose themselves: round values at a 1/2/5 spacing, written with just
 * enough decimals for that spacing (so no two ticks read the same, and every tick of one axis
 * has the same format), in the reader's locale (i18n/format.ts). Pure but for the language:
 * unit-tested in chartAxis.test.ts (English in Node).
 */
import { formatFixed as formatLocaleFixed } from '../i18n/format';

/** A 1, 2 or 5 times a power of ten near span / count. */
export function niceStep(span: number, count = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/** Decimals that tell apart ticks `step` apart (0.05 → 2, 0.5 → 1, 2 → 0). */
export function decimalsFor(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

/** v with `decimals` decimals in the reader's locale, never "-0.00". */
export function formatFixed(v: number, decimals: number): string {
  // A value that rounds to zero is written as zero, without its sign.
  const rounded = Number(v.toFixed(decimals));
  return formatLocaleFixed(rounded === 0 ? 0 : v, decimals);
}

export interface YAxisScale {
  domain: [number, number];
  ticks: number[];
  decimals: number;
  format: (v: number) => string;
}

/**
 * Ticks for values: a domain of whole steps around them, about `count` ticks. Fixed bounds
 * (lower/upper) are kept when given. No finite values: the domain [0, 1].
 */
export function yScale(values: readonly (number | null | undefined)[], opts: { count?: number; lower?: number; upper?: number } = {}): YAxisScale {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  let min = opts.lower ?? (finite.length ? Math.min(...finite) : 0);
  let max = opts.upper ?? (finite.length ? Math.max(...finite) : 1);
  if (opts.lower === undefined && finite.length && opts.upper === undefined && min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.01 : 0.01;
    min -= pad;
    max += pad;
  } else if (max <= min) {
    max = min + 1;
  }
  const step = niceStep(max - min, opts.count ?? 5);
  const lo = opts.lower ?? Math.floor(min / step + 1e-9) * step;
  const hi = opts.upper ?? Math.ceil(max / step - 1e-9) * step;
  const decimals = decimalsFor(step);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(Number((k * step).toFixed(decimals + 2)));
  return { domain: [lo, hi], ticks, decimals, format: (v) => formatFixed(v, decimals) };
}
