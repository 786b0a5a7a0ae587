import { useAppStore, useFocusedRun } from '../store/runStore';
import { GuideButton } from './FirstVisitGuide';
import { LanguageSwitch } from './LanguageSwitch';
import { useText } from '../i18n/render';

export function Header() {
  const backend = useFocusedRun((r) => r.backend);
  const preference = useAppStore((s) => s.draft.backend);
  const tx = useText();
  return (
    <header className="header">
      <div className="brand">
        <h1>Pretext</h1>
        <span className="tagline">self-supervised learning on your own GPU; nothing leaves this machine</span>
        <GuideButton />
        <LanguageSwitch />
      </div>
      <div className="backend" data-testid="backend-label" data-backend={backend?.backend ?? ''}>
        {backend ? (
          <>
            <span className={`badge badge-${backend.backend}`}>{backend.backend}</span>
            <span className="adapter" title={backend.adapter}>{backend.adapter || 'adapter not named'}</span>
            {backend.why && <span className="backend-why" data-testid="backend-why" title={tx(backend.why)}>{tx(backend.why)}</span>}
            {backend.fallbacks.length > 0 && (
              <span className="fallback" title={backend.fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('\n')}>
                (fell back from {backend.fallbacks.map((f) => f.backend).join(', ')})
              </span>
            )}
          </>
        ) : (
          <span className="muted">backend: {preference === 'auto' ? 'auto (GPU, then wasm, then cpu)' : preference}, chosen when a run starts</span>
        )}
      </div>
    </header>
  );
}
