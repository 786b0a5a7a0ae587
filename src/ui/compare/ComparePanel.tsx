/**
 * The Compare tab: plan runs, run them, overlay their curves, table their results, maps side by
 * side. Runs are compared on one dataset at a time: when the runs in view span several, a selector
 * picks the dataset (the focused run's by default) and a note says how many runs it hides.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/runStore';
import { isActive, runDatasetId, type RunState } from '../../store/runState';
import { CompareCharts, type ComparedRun } from './CompareCharts';
import { ComparisonPlanner } from './ComparisonPlanner';
import { ResultsTable } from './ResultsTable';
import { EmbeddingMapView } from '../EmbeddingMap';
import { ChartSubject } from '../chartParts';
import { runColor } from './runColors';
import { datasetName as builtinName } from '../../i18n/content';

const datasetKey = (run: RunState) => run.datasetRef?.id ?? runDatasetId(run) ?? '';
/** A run's dataset by name in the reader's language (a dropped one by its own name); null when the run names none. */
function datasetName(run: RunState): string | null {
  const id = run.datasetRef?.id ?? runDatasetId(run);
  return id ? builtinName(id, run.datasetRef?.name ?? id) : null;
}

/** The datasets of the runs, in the order their first run appears, with how many runs each has (name null: not known). */
export function datasetsOf(runs: readonly RunState[]): { id: string; name: string | null; runs: number }[] {
  const out = new Map<string, { id: string; name: string | null; runs: number }>();
  for (const r of runs) {
    const d = out.get(datasetKey(r)) ?? { id: datasetKey(r), name: datasetName(r), runs: 0 };
    d.runs++;
    out.set(d.id, d);
  }
  return [...out.values()];
}

export function ComparePanel({ onView }: { onView: (id: string) => void }) {
  const { t } = useTranslation();
  const runs = useAppStore((s) => s.runs);
  const focusId = useAppStore((s) => s.focusId);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [chosen, setChosen] = useState<string | null>(null);
  const datasets = useMemo(() => datasetsOf(runs), [runs]);
  const focused = runs.find((r) => r.id === focusId);
  const dataset = datasets.find((d) => d.id === chosen)?.id ?? (focused ? datasetKey(focused) : datasets[0]?.id ?? '');
  const all: ComparedRun[] = useMemo(() => runs.map((run, index) => ({ run, index })).filter(({ run }) => datasetKey(run) === dataset), [runs, dataset]);
  const shown = useMemo(() => all.filter((r) => !hidden.has(r.run.id)), [all, hidden]);
  const toggle = (id: string) => setHidden((h) => { const n = new Set(h); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const elsewhere = runs.length - all.length;
  const nameOf = (d: { name: string | null }) => d.name ?? t('compare.panel.unknownDataset');

  return (
    <div className="compare-panel" data-testid="compare-panel">
      <ComparisonPlanner onRun={() => undefined} />
      {runs.length === 0 ? <p className="muted">{t('compare.panel.empty')}</p> : (
        <>
          {datasets.length > 1 && (
            <div className="compare-dataset">
              <label>
                {t('compare.panel.datasetLabel')}{' '}
                <select data-testid="compare-dataset" value={dataset} onChange={(e) => setChosen(e.target.value)}>
                  {datasets.map((d) => <option key={d.id} value={d.id}>{t('compare.panel.datasetOption', { name: nameOf(d), count: d.runs })}</option>)}
                </select>
              </label>
              <span className="muted" role="status" data-testid="compare-dataset-note">
                {t('compare.panel.datasetNote', { count: elsewhere, names: datasets.filter((d) => d.id !== dataset).map(nameOf).join(t('compare.panel.nameSeparator')) })}
              </span>
            </div>
          )}
          <fieldset className="run-toggles">
            <legend>{t('compare.panel.show')}</legend>
            {all.map(({ run, index }) => (
              <label key={run.id}>
                <input type="checkbox" checked={!hidden.has(run.id)} onChange={() => toggle(run.id)} />
                <span className="swatch" style={{ background: runColor(index) }} aria-hidden="true" />{run.name}
              </label>
            ))}
          </fieldset>
          <ResultsTable runs={shown} onView={onView} />
          <CompareCharts runs={shown} />
          <section aria-label={t('compare.panel.mapsAria')}>
            <h2>{t('compare.panel.mapsTitle')}</h2>
            <div className="compare-maps">
              {shown.map(({ run, index }) => (
                <ChartSubject.Provider key={run.id} value={run.name}>
                  <EmbeddingMapView points={run.mapPoints} embeddings={run.embeddings} width={280} height={230}
                    title={run.name} testId={`compare-map-${index}`} settled={!isActive(run.phase)} />
                </ChartSubject.Provider>
              ))}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
