import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isText, type Text } from '../shared/text';
import { i18n } from './i18n';

/** A Text in the language of `t` (nested Texts first); a plain string as it is. */
export function renderText(t: TFunction, x: Text | string): string {
  if (!isText(x)) return x;
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(x.values ?? {})) values[k] = isText(v) ? renderText(t, v) : v;
  return t(x.key, values) as string;
}

/** A Text in English, whatever the page's language: tests and logs. */
export const englishText = (x: Text | string): string => renderText(i18n.getFixedT('en'), x);

/** In a component: a function that renders Texts in the current language (re-renders on a switch). */
export function useText(): (x: Text | string) => string {
  const { t } = useTranslation();
  return (x) => renderText(t, x);
}
