/** The Compare tab: plan runs, run them, overlay their curves, table their results, maps side by side. */
import { useMemo, useState } from 'react';
import { useAppStore } from '../../store/runStore';
import { CompareCharts, type ComparedRun } from './CompareCharts';
import { ComparisonPlanner } from './ComparisonPlanner';
import { ResultsTable } from './ResultsTable';
import { EmbeddingMapView } from '../EmbeddingMap';
import { runColor } from './runColors';

export function ComparePanel({ onView }: { onView: (id: string) => void }) {
  const runs = useAppStore((s) => s.runs);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const all: ComparedRun[] = useMemo(() => runs.map((run, index) => ({ run, index })), [runs]);
  const shown = useMemo(() => all.filter((r) => !hidden.has(r.run.id)), [all, hidden]);
  const toggle = (id: string) => setHidden((h) => { const n = new Set(h); if (n.has(id)) n.delete(id); else n.add(id); return n; });

  return (
    <div className="compare-panel" data-testid="compare-panel">
      <ComparisonPlanner onRun={() => undefined} />
      {all.length === 0 ? <p className="muted">Runs of this session and runs opened from History appear here.</p> : (
        <>
          <fieldset className="run-toggles">
            <legend>Show</legend>
            {all.map(({ run, index }) => (
              <label key={run.id}>
                <input type="checkbox" checked={!hidden.has(run.id)} onChange={() => toggle(run.id)} />
                <span className="swatch" style={{ background: runColor(index) }} aria-hidden="true" />{run.name}
              </label>
            ))}
          </fieldset>
          <ResultsTable runs={shown} onView={onView} />
          <CompareCharts runs={shown} />
          <section aria-label="Maps of the compared runs">
            <h2>Maps of the held-out embeddings (last evaluation of each run)</h2>
            <div className="compare-maps">
              {shown.map(({ run, index }) => (
                <EmbeddingMapView key={run.id} points={run.mapPoints} embeddings={run.embeddings} width={280} height={230}
                  title={run.name} testId={`compare-map-${index}`} />
              ))}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
