/** The comparison's results: one row per run (its dataset too), sortable by any column, with each run's exports in a menu. */
import { useState } from 'react';
import { finalLoss } from '../../export/metricsExport';
import { isActive, useAppStore, type RunState } from '../../store/runStore';
import { runWallMs } from '../../store/runRecords';
import { runDatasetId } from '../../store/runState';
import { RowMenu, type MenuAction } from './RowMenu';
import { runColor } from './runColors';
import { encoderExportUnavailable, exportEncoder, exportMetricsCsv, exportMetricsJson, exportProjector, exportResultsCsv } from './exportActions';
import type { ComparedRun } from './CompareCharts';
import { pct } from '../format';

interface Column {
  key: string;
  label: string;
  value: (r: RunState) => number | string | null;
  format?: (v: number) => string;
}

const lastEval = (r: RunState) => r.evals[r.evals.length - 1];

const COLUMNS: Column[] = [
  { key: 'name', label: 'Run', value: (r) => r.name },
  { key: 'dataset', label: 'Dataset', value: (r) => r.datasetRef?.name ?? runDatasetId(r) ?? null },
  { key: 'status', label: 'Status', value: (r) => r.phase },
  { key: 'steps', label: 'Steps', value: (r) => r.points[r.points.length - 1]?.step ?? 0, format: String },
  { key: 'loss', label: 'Final loss', value: (r) => finalLoss(r.points), format: (v) => v.toFixed(4) },
  { key: 'knn', label: 'kNN top-1', value: (r) => lastEval(r)?.knnTop1 ?? null, format: pct },
  { key: 'linear', label: 'Linear probe', value: (r) => lastEval(r)?.linearTop1 ?? null, format: pct },
  { key: 'init', label: 'Random init kNN', value: (r) => r.evals.find((e) => e.step === 0)?.knnTop1 ?? null, format: pct },
  { key: 'speed', label: 'Steps / s', value: (r) => (r.msPerStep > 0 ? 1000 / r.msPerStep : null), format: (v) => v.toFixed(2) },
  { key: 'time', label: 'Time', value: (r) => runWallMs(r) / 1000 || null, format: (v) => (v >= 60 ? `${(v / 60).toFixed(1)} min` : `${v.toFixed(0)} s`) },
];

type Sort = { key: string; dir: 1 | -1 };

function compare(a: number | string | null, b: number | string | null): number {
  if (a === null) return b === null ? 0 : 1; // missing values last whatever the direction
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

export function ResultsTable({ runs, onView }: { runs: ComparedRun[]; onView: (id: string) => void }) {
  const [sort, setSort] = useState<Sort | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const { closeRun, stopRun, renameRunInSession } = useAppStore.getState();
  const column = COLUMNS.find((c) => c.key === sort?.key);
  const rows = column && sort ? [...runs].sort((a, b) => {
    const va = column.value(a.run), vb = column.value(b.run);
    if (va === null || vb === null) return compare(va, vb);
    return sort.dir * compare(va, vb);
  }) : runs;
  const attempt = (f: () => void | Promise<void>) => {
    const report = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
    try { setError(null); void f()?.catch(report); } catch (e) { report(e); }
  };
  const rowActions = (run: RunState): MenuAction[] => {
    const noMetrics = run.points.length === 0 && run.evals.length === 0 ? 'No metrics yet' : undefined;
    return [
      { label: 'Metrics CSV', onSelect: () => attempt(() => exportMetricsCsv(run)), disabledWhy: noMetrics },
      { label: 'Metrics JSON', onSelect: () => attempt(() => exportMetricsJson(run)), disabledWhy: noMetrics },
      { label: 'Projector TSV', onSelect: () => attempt(() => exportProjector(run)), disabledWhy: run.embeddings ? undefined : 'No embeddings yet (they come with the first evaluation)', title: 'vectors.tsv and metadata.tsv for projector.tensorflow.org' },
      { label: 'Model (TF.js)', onSelect: () => attempt(() => exportEncoder(run)), disabledWhy: encoderExportUnavailable(run), title: 'model.json and weights for TF.js' },
      { label: 'Rename…', onSelect: () => setRenaming(run.id) },
      isActive(run.phase)
        ? { label: 'Stop', onSelect: () => stopRun(run.id), danger: true }
        : { label: 'Close', onSelect: () => closeRun(run.id), title: 'Take this run off the comparison (History keeps it)' },
    ];
  };

  return (
    <section className="results" aria-label="Results of the compared runs">
      <div className="results-head">
        <h2>Results</h2>
        <button type="button" className="secondary" onClick={() => attempt(() => exportResultsCsv(runs.map((r) => r.run)))} disabled={runs.length === 0} data-testid="export-results-csv">Download table (CSV)</button>
      </div>
      {error && <p className="error" role="alert" data-testid="export-error">{error}</p>}
      <div className="table-scroll">
        <table className="results-table" data-testid="results-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} aria-sort={sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className="sort" data-testid={`sort-${c.key}`}
                    onClick={() => setSort((s) => (s?.key === c.key ? { key: c.key, dir: s.dir === 1 ? -1 : 1 } : { key: c.key, dir: c.key === 'name' ? 1 : -1 }))}>
                    {c.label}{sort?.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ run, index }) => (
              <tr key={run.id} data-testid="results-row" data-run-name={run.name}>
                {COLUMNS.map((c) => {
                  const v = c.value(run);
                  if (c.key === 'name') {
                    return (
                      <td key={c.key} className="run-name-cell">
                        <span className="swatch" style={{ background: runColor(index) }} aria-hidden="true" />
                        {renaming === run.id ? (
                          <input className="run-name" aria-label={`Name of run ${index + 1}`} defaultValue={run.name} autoFocus
                            onBlur={(e) => { renameRunInSession(run.id, e.target.value); setRenaming(null); }}
                            onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); if (e.key === 'Escape') setRenaming(null); }} />
                        ) : <span className="run-name-text" title={run.name} data-testid="run-name">{run.name}</span>}
                        {run.origin !== 'live' && <span className="muted"> ({run.origin === 'history' ? 'from history' : 'imported encoder'})</span>}
                      </td>
                    );
                  }
                  const text = v === null ? '—' : typeof v === 'number' && c.format ? c.format(v) : String(v);
                  if (c.key === 'status') {
                    return (
                      <td key={c.key} data-col={c.key} data-value={v ?? ''} className="status-cell">
                        {text}
                        <span className="muted history-status" data-testid="history-status" data-status={run.history.status}>{run.history.status === 'unsaved' ? '' : run.history.message}</span>
                      </td>
                    );
                  }
                  return <td key={c.key} data-col={c.key} data-value={v ?? ''}>{text}</td>;
                })}
                <td className="row-actions">
                  <button type="button" className="secondary small" onClick={() => onView(run.id)} aria-label={`View ${run.name}`}>View</button>
                  <RowMenu label={`Actions for ${run.name}`} testId="row-menu" actions={rowActions(run)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
