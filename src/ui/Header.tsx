import { useTranslation } from 'react-i18next';
import { useText } from '../i18n/render';
import { useAppStore, useFocusedRun } from '../store/runStore';
import { GuideButton } from './FirstVisitGuide';
import { LanguageSwitch } from './LanguageSwitch';

export function Header() {
  const { t } = useTranslation();
  const tx = useText();
  const backend = useFocusedRun((r) => r.backend);
  const preference = useAppStore((s) => s.draft.backend);
  return (
    <header className="header">
      <div className="brand">
        <h1>Pretext</h1>
        <span className="tagline">{t('app.header.tagline')}</span>
        <GuideButton />
        <LanguageSwitch />
      </div>
      <div className="backend" data-testid="backend-label" data-backend={backend?.backend ?? ''}>
        {backend ? (
          <>
            <span className={`badge badge-${backend.backend}`}>{backend.backend}</span>
            <span className="adapter" title={backend.adapter}>{backend.adapter || t('app.header.adapterUnnamed')}</span>
            {backend.why && <span className="backend-why" data-testid="backend-why" title={tx(backend.why)}>{tx(backend.why)}</span>}
            {backend.fallbacks.length > 0 && (
              <span className="fallback" title={backend.fallbacks.map((f) => `${f.backend}: ${tx(f.reason)}`).join('\n')}>
                {t('app.header.fellBack', { backends: backend.fallbacks.map((f) => f.backend).join(t('app.listSeparator')) })}
              </span>
            )}
          </>
        ) : (
          <span className="muted">{t('app.header.notStarted', { backend: preference === 'auto' ? t('app.header.autoOrder') : preference })}</span>
        )}
      </div>
    </header>
  );
}
