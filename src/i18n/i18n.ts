/**
 * The app's i18next instance (react-i18next over i18next: the most used React i18n stack, kept
 * up, with a language detector and plain-object catalogs that stay TypeScript modules here).
 *
 * Language: the choice saved in localStorage, else navigator.language on the first visit; the
 * header's switch changes and saves it. It is a preference of this browser, never part of a
 * shared experiment link. Any zh* tag reads as zh-CN (the only Chinese catalog); anything else
 * as English. In Node (unit tests, experiment scripts) it is English, synchronously.
 */
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
/** What each language calls itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };
export const LANGUAGE_STORAGE_KEY = 'pretext-language';

export function toSupportedLanguage(tag: string | undefined | null): Language {
  return tag && /^zh(\b|-|_|$)/i.test(tag) ? 'zh-CN' : 'en';
}

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } };

const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
if (inBrowser) i18n.use(LanguageDetector);
void i18n.use(initReactI18next).init({
  resources,
  supportedLngs: [...LANGUAGES],
  fallbackLng: 'en',
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  ...(inBrowser
    ? {
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        caches: ['localStorage'],
        convertDetectedLanguage: (lng: string) => toSupportedLanguage(lng),
      },
    }
    : { lng: 'en' }),
});

if (inBrowser) {
  const setHtmlLang = (lng: string) => { document.documentElement.lang = toSupportedLanguage(lng); };
  setHtmlLang(i18n.language);
  i18n.on('languageChanged', setHtmlLang);
}

export const currentLanguage = (): Language => toSupportedLanguage(i18n.resolvedLanguage ?? i18n.language);

export function setLanguage(lng: Language): Promise<unknown> {
  return i18n.changeLanguage(lng);
}

export { i18n };
