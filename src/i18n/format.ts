/**
 * Numbers and dates in the reader's locale (Intl), one cached formatter per locale and options.
 * Charts' axis ticks go through ui/chartAxis.ts, which calls these.
 */
import { currentLanguage } from './i18n';

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${currentLanguage()}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) { f = new Intl.NumberFormat(currentLanguage(), options); cache.set(key, f); }
  return f;
}

/** A number with exactly `digits` decimals ("1,234.5"; grouping per locale). */
export const formatFixed = (v: number, digits: number): string =>
  numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);

/** A number with at most `maxDigits` decimals. */
export const formatNumber = (v: number, maxDigits = 2): string => numberFormat({ maximumFractionDigits: maxDigits }).format(v);

/** A whole number with the locale's grouping ("12,345"). */
export const formatInteger = (v: number): string => numberFormat({ maximumFractionDigits: 0 }).format(v);

/** A fraction as a percentage with `digits` decimals ("42.1%"), or "—" when not measured. */
export const formatPercent = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—'
    : numberFormat({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);

/** A date and time in the locale's medium style. */
export const formatDateTime = (ms: number): string =>
  new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
