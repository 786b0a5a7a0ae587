import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage, type Language } from '../i18n/i18n';

/** The header's language choice: saved in this browser, never put into a shared link. */
export function LanguageSwitch() {
  // useTranslation re-renders this on a switch.
  const { t } = useTranslation();
  const value = currentLanguage();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('app.language')}</span>
      <select data-testid="language" value={value} lang={value} onChange={(e) => void setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>)}
      </select>
    </label>
  );
}
