/** The first-run guide: a card in the page flow (never over the controls), dismissible, back from the header's Guide button. */
import { Trans, useTranslation } from 'react-i18next';
import { setGuideOpen, useGuideOpen } from './guideState';

const strong = { strong: <strong /> };

export function FirstVisitGuide() {
  const { t } = useTranslation();
  const open = useGuideOpen();
  if (!open) return null;
  return (
    <section className="guide" aria-labelledby="guide-title" data-testid="guide">
      <h2 id="guide-title">{t('app.guide.title')}</h2>
      <p>{t('app.guide.intro')}</p>
      <ol>
        <li><Trans t={t} i18nKey="app.guide.step1" components={strong} /></li>
        <li><Trans t={t} i18nKey="app.guide.step2" components={strong} /></li>
        <li><Trans t={t} i18nKey="app.guide.step3" components={strong} /></li>
      </ol>
      <button type="button" className="secondary small" data-testid="guide-dismiss" onClick={() => setGuideOpen(false)}>{t('app.guide.dismiss')}</button>
    </section>
  );
}

/** The header's way back to the guide. */
export function GuideButton() {
  const { t } = useTranslation();
  const open = useGuideOpen();
  return (
    <button type="button" className="secondary small guide-button" data-testid="guide-button" aria-expanded={open} onClick={() => setGuideOpen(!open)}>
      {t('app.guide.button')}
    </button>
  );
}
