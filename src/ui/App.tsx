import { useEffect, useState } from 'react';
import { Header } from './Header';
import { ConfigPanel } from './ConfigPanel';
import { RunControls } from './RunControls';
import { MetricCharts } from './MetricCharts';
import { PreviewPanel } from './PreviewPanel';
import { RunMessages } from './RunMessages';
import { DataPanel } from './DataPanel';
import { useAppStore } from '../store/runStore';

type Tab = 'data' | 'training';
const TABS: { id: Tab; label: string }[] = [
  { id: 'data', label: 'Data' },
  { id: 'training', label: 'Training' },
];

export function App() {
  const [tab, setTab] = useState<Tab>('data');
  const phase = useAppStore((s) => s.run.phase);
  // Pressing Train shows the charts.
  useEffect(() => { if (phase === 'starting') setTab('training'); }, [phase]);
  return (
    <div className="app">
      <Header />
      <main className="layout">
        <aside className="sidebar" aria-label="Experiment setup">
          <ConfigPanel />
        </aside>
        <section className="content" aria-label="Training">
          <RunControls />
          <RunMessages />
          <div className="tabs" role="tablist" aria-label="Views">
            {TABS.map((t) => (
              <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-controls={`panel-${t.id}`} aria-selected={tab === t.id}
                data-testid={`tab-${t.id}`} onClick={() => setTab(t.id)}>{t.label}</button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
            {tab === 'data' ? <DataPanel /> : (
              <>
                <MetricCharts />
                <PreviewPanel />
              </>
            )}
          </div>
        </section>
      </main>
    </div>
  );
}
