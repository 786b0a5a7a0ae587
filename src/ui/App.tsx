import { useEffect, useState } from 'react';
import { Header } from './Header';
import { ConfigPanel } from './ConfigPanel';
import { RunControls } from './RunControls';
import { MetricCharts } from './MetricCharts';
import { PreviewPanel } from './PreviewPanel';
import { RunMessages } from './RunMessages';
import { DataPanel } from './DataPanel';
import { FirstVisitGuide } from './FirstVisitGuide';
import { HistoryPanel } from './HistoryPanel';
import { ComparePanel } from './compare/ComparePanel';
import { SharedLinkBanner } from './compare/SharedLinkBanner';
import { openSharedLinkFromLocation } from './compare/openSharedLink';
import { useAppStore } from '../store/runStore';
import { useDataStore } from '../store/dataStore';

type Tab = 'data' | 'training' | 'compare' | 'history';
const TABS: { id: Tab; label: string }[] = [
  { id: 'data', label: 'Data' },
  { id: 'training', label: 'Training' },
  { id: 'compare', label: 'Compare' },
  { id: 'history', label: 'History' },
];

export function App() {
  const [tab, setTab] = useState<Tab>('data');
  const focusId = useAppStore((s) => s.focusId);
  const runCount = useAppStore((s) => s.runs.length);
  // A newly focused run (Train pressed, or a comparison started) shows its charts.
  useEffect(() => { if (focusId) setTab((t) => (t === 'compare' || t === 'history' ? t : 'training')); }, [focusId]);
  useEffect(() => {
    openSharedLinkFromLocation();
    // A link pasted into this tab's address bar changes only the fragment: no reload, so listen.
    window.addEventListener('hashchange', openSharedLinkFromLocation);
    void useDataStore.getState().init();
    void useAppStore.getState().refreshHistory();
    return () => window.removeEventListener('hashchange', openSharedLinkFromLocation);
  }, []);
  const view = (id: string) => { useAppStore.getState().focus(id); setTab('training'); };
  return (
    <div className="app">
      <Header />
      <main className="layout">
        <aside className="sidebar" aria-label="Experiment setup">
          <ConfigPanel />
        </aside>
        <section className="content" aria-label="Training">
          <SharedLinkBanner onRun={() => setTab('compare')} />
          <FirstVisitGuide />
          <RunControls />
          <RunMessages />
          <div className="tabs" role="tablist" aria-label="Views">
            {TABS.map((t) => (
              <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-controls={`panel-${t.id}`} aria-selected={tab === t.id}
                data-testid={`tab-${t.id}`} onClick={() => setTab(t.id)}>{t.label}{t.id === 'compare' && runCount > 0 ? ` (${runCount})` : ''}</button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
            {tab === 'data' && <DataPanel />}
            {tab === 'training' && (
              <>
                <MetricCharts />
                <PreviewPanel />
              </>
            )}
            {tab === 'compare' && <ComparePanel onView={view} />}
            {tab === 'history' && <HistoryPanel onOpen={() => setTab('compare')} onEvaluate={() => setTab('training')} />}
          </div>
        </section>
      </main>
    </div>
  );
}
