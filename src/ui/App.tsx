import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { detectTier, type GpuLike } from '../shared/gpuTier';
import { Header } from './Header';
import { ConfigPanel } from './ConfigPanel';
import { RunControls } from './RunControls';
import { RunExportMenu } from './RunExportMenu';
import { MetricCharts } from './MetricCharts';
import { PreviewPanel } from './PreviewPanel';
import { RunMessages } from './RunMessages';
import { InterruptedBanner } from './InterruptedBanner';
import { DataPanel } from './DataPanel';
import { FirstVisitGuide } from './FirstVisitGuide';
import { HistoryPanel } from './HistoryPanel';
import { LearnPanel } from './LearnPanel';
import { ComparePanel } from './compare/ComparePanel';
import { SharedLinkBanner } from './compare/SharedLinkBanner';
import { openSharedLinkFromLocation } from './compare/openSharedLink';
import { useAppStore } from '../store/runStore';
import { useDataStore } from '../store/dataStore';

type Tab = 'data' | 'training' | 'learn' | 'compare' | 'history';
/** The tabs in order; each one's name is t(`app.tabs.${id}`). */
const TABS: { id: Tab }[] = [{ id: 'data' }, { id: 'training' }, { id: 'learn' }, { id: 'compare' }, { id: 'history' }];

export function App() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('data');
  const focusId = useAppStore((s) => s.focusId);
  const runCount = useAppStore((s) => s.runs.length);
  // A newly focused run (Train pressed, or a comparison started) shows its charts.
  useEffect(() => { if (focusId) setTab((shown) => (shown === 'compare' || shown === 'history' ? shown : 'training')); }, [focusId]);
  useEffect(() => {
    openSharedLinkFromLocation();
    // A link pasted into this tab's address bar changes only the fragment: no reload, so listen.
    window.addEventListener('hashchange', openSharedLinkFromLocation);
    void useDataStore.getState().init();
    void useAppStore.getState().refreshHistory();
    // Runs a previous page left interrupted (reloaded, closed, crashed): back as interrupted runs to resume.
    void useAppStore.getState().scanForInterruptedRuns();
    // A hardware GPU gets the gpu tier's defaults (wider encoder, bigger batches, more steps).
    void detectTier((navigator as Navigator & { gpu?: GpuLike }).gpu).then(({ tier, adapter }) => useAppStore.getState().setTier(tier, adapter));
    return () => window.removeEventListener('hashchange', openSharedLinkFromLocation);
  }, []);
  const view = (id: string) => { useAppStore.getState().focus(id); setTab('training'); };
  // Narrow screens: the setup panel folds above the tabs, behind a toggle (wide screens ignore it).
  const [setupOpen, setSetupOpen] = useState(false);
  const tabButtons = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  // The WAI-ARIA tabs pattern: Left / Right (wrapping), Home and End move to a tab and show it.
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((x) => x.id === tab);
    const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i - 1 + TABS.length) % TABS.length
      : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next].id);
    tabButtons.current[TABS[next].id]?.focus();
  };
  return (
    <div className="app">
      <Header />
      <main className={`layout${setupOpen ? ' setup-open' : ''}`}>
        <button type="button" className="secondary setup-toggle" data-testid="setup-toggle" aria-expanded={setupOpen} aria-controls="experiment-setup"
          onClick={() => setSetupOpen((o) => !o)}>{setupOpen ? t('app.setup.hide') : t('app.setup.show')}</button>
        <aside className="sidebar" id="experiment-setup" aria-label={t('app.setup.region')}>
          <ConfigPanel />
        </aside>
        <section className="content" aria-label={t('app.contentRegion')}>
          <SharedLinkBanner onRun={() => setTab('compare')} />
          <FirstVisitGuide />
          <RunControls />
          <InterruptedBanner />
          <RunMessages />
          <div className="tabs" role="tablist" aria-label={t('app.tabs.views')} onKeyDown={onTabKey}>
            {TABS.map(({ id }) => (
              <button key={id} type="button" role="tab" id={`tab-${id}`} aria-controls={`panel-${id}`} aria-selected={tab === id}
                tabIndex={tab === id ? 0 : -1} ref={(el) => { tabButtons.current[id] = el; }}
                data-testid={`tab-${id}`} onClick={() => setTab(id)}>{t(`app.tabs.${id}`)}{id === 'compare' && runCount > 0 ? ` (${runCount})` : ''}</button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
            {tab === 'data' && <DataPanel />}
            {tab === 'training' && (
              <>
                <RunExportMenu />
                <MetricCharts />
                <PreviewPanel />
              </>
            )}
            {tab === 'learn' && <LearnPanel />}
            {tab === 'compare' && <ComparePanel onView={view} />}
            {tab === 'history' && <HistoryPanel onOpen={() => setTab('compare')} onEvaluate={() => setTab('training')} />}
          </div>
        </section>
      </main>
    </div>
  );
}
