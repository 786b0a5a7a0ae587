import { Header } from './Header';
import { ConfigPanel } from './ConfigPanel';
import { RunControls } from './RunControls';
import { MetricCharts } from './MetricCharts';
import { PreviewPanel } from './PreviewPanel';
import { RunMessages } from './RunMessages';

export function App() {
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
          <MetricCharts />
          <PreviewPanel />
        </section>
      </main>
    </div>
  );
}
