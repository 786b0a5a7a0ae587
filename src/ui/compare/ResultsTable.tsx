/** The comparison's results: one row per run (its dataset too), sortable by any column, with each run's exports in a menu. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { finalLoss } from '../../export/metricsExport';
import { isActive, useAppStore, type RunState } from '../../store/runStore';
import { runWallMs } from '../../store/runRecords';
import { runDatasetId } from '../../store/runState';
import { RowMenu, type MenuAction } from './RowMenu';
import { runColor } from './runColors';
import { ExportHelp } from './ExportHelp';
import { exportableRun, runExportActions } from './runExportActions';
import { exportResultsCsv } from './exportActions';
import type { ComparedRun } from './CompareCharts';
import { pct } from '../format';
import { useText } from '../../i18n/render';
import { errorMessage } from '../../i18n/textError';
import { datasetName } from '../../i18n/content';
import { formatFixed, formatInteger } from '../../i18n/format';
import type { Text } from '../../shared/text';

/** A column: its heading is t('compare.results.columns.<key>'). */
interface Column {
  key: string;
  value: (r: RunState) => number | string | null;
  format?: (v: number) => string;
  /** The cell's text for a value that is not a number (a phase's name). */
  show?: (v: string) => string;
}

const lastEval = (r: RunState) => r.evals[r.evals.length - 1];

/** A dataset by its name in the reader's language (a dropped one by its own name). */
function datasetOf(r: RunState): string | null {
  const id = r.datasetRef?.id ?? runDatasetId(r);
  return id ? datasetName(id, r.datasetRef?.name ?? id) : null;
}

const columns = (t: TFunction): Column[] => [
  { key: 'name', value: (r) => r.name },
  { key: 'dataset', value: datasetOf },
  { key: 'status', value: (r) => r.phase, show: (phase) => t(`compare.phase.${phase}`, { defaultValue: phase }) },
  { key: 'steps', value: (r) => r.points[r.points.length - 1]?.step ?? 0, format: formatInteger },
  { key: 'loss', value: (r) => finalLoss(r.points), format: (v) => formatFixed(v, 4) },
  { key: 'knn', value: (r) => lastEval(r)?.knnTop1 ?? null, format: pct },
  { key: 'linear', value: (r) => lastEval(r)?.linearTop1 ?? null, format: pct },
  { key: 'init', value: (r) => r.evals.find((e) => e.step === 0)?.knnTop1 ?? null, format: pct },
  { key: 'speed', value: (r) => (r.msPerStep > 0 ? 1000 / r.msPerStep : null), format: (v) => formatFixed(v, 2) },
  {
    key: 'time', value: (r) => runWallMs(r) / 1000 || null,
    format: (v) => (v >= 60 ? t('compare.results.minutes', { minutes: formatFixed(v / 60, 1) }) : t('compare.results.seconds', { seconds: formatFixed(v, 0) })),
  },
];

type Sort = { key: string; dir: 1 | -1 };

function compare(a: number | string | null, b: number | string | null): number {
  if (a === null) return b === null ? 0 : 1; // missing values last whatever the direction
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

export function ResultsTable({ runs, onView }: { runs: ComparedRun[]; onView: (id: string) => void }) {
  const { t } = useTranslation();
  const tx = useText();
  const tableColumns = useMemo(() => columns(t), [t]);
  const [sort, setSort] = useState<Sort | null>(null);
  const [error, setError] = useState<Text | string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const { closeRun, stopRun, renameRunInSession } = useAppStore.getState();
  const column = tableColumns.find((c) => c.key === sort?.key);
  const rows = column && sort ? [...runs].sort((a, b) => {
    const va = column.value(a.run), vb = column.value(b.run);
    if (va === null || vb === null) return compare(va, vb);
    return sort.dir * compare(va, vb);
  }) : runs;
  const attempt = (f: () => void | Promise<void>) => {
    const report = (e: unknown) => setError(errorMessage(e));
    try { setError(null); void f()?.catch(report); } catch (e) { report(e); }
  };
  const rowActions = (run: RunState): MenuAction[] => {
    return [
      ...runExportActions(exportableRun(run), () => run, t, tx, attempt),
      { label: t('compare.results.menu.rename'), onSelect: () => setRenaming(run.id) },
      isActive(run.phase)
        ? { label: t('compare.results.menu.stop'), onSelect: () => stopRun(run.id), danger: true }
        : { label: t('compare.results.menu.close'), onSelect: () => closeRun(run.id), title: t('compare.results.menu.closeTitle') },
    ];
  };

  return (
    <section className="results" aria-label={t('compare.results.aria')}>
      <div className="results-head">
        <h2>{t('compare.results.title')}</h2>
        <button type="button" className="secondary" onClick={() => attempt(() => exportResultsCsv(runs.map((r) => r.run)))} disabled={runs.length === 0} data-testid="export-results-csv">{t('compare.results.downloadCsv')}</button>
      </div>
      {error && <p className="error" role="alert" data-testid="export-error">{tx(error)}</p>}
      <div className="table-scroll">
        <table className="results-table" data-testid="results-table">
          <thead>
            <tr>
              {tableColumns.map((c) => (
                <th key={c.key} aria-sort={sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className="sort" data-testid={`sort-${c.key}`}
                    onClick={() => setSort((s) => (s?.key === c.key ? { key: c.key, dir: s.dir === 1 ? -1 : 1 } : { key: c.key, dir: c.key === 'name' ? 1 : -1 }))}>
                    {t(`compare.results.columns.${c.key}`)}{sort?.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
              <th>{t('compare.results.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ run, index }) => (
              <tr key={run.id} data-testid="results-row" data-run-name={run.name}>
                {tableColumns.map((c) => {
                  const v = c.value(run);
                  if (c.key === 'name') {
                    return (
                      <td key={c.key} className="run-name-cell">
                        <span className="swatch" style={{ background: runColor(index) }} aria-hidden="true" />
                        {renaming === run.id ? (
                          <input className="run-name" aria-label={t('compare.results.renameAria', { n: index + 1 })} defaultValue={run.name} autoFocus
                            onBlur={(e) => { renameRunInSession(run.id, e.target.value); setRenaming(null); }}
                            onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); if (e.key === 'Escape') setRenaming(null); }} />
                        ) : <span className="run-name-text" title={run.name} data-testid="run-name">{run.name}</span>}
                        {run.origin !== 'live' && <span className="muted"> {run.origin === 'history' ? t('compare.results.fromHistory') : t('compare.results.importedEncoder')}</span>}
                      </td>
                    );
                  }
                  const text = v === null ? '—' : typeof v === 'number' && c.format ? c.format(v) : c.show ? c.show(String(v)) : String(v);
                  if (c.key === 'status') {
                    return (
                      <td key={c.key} data-col={c.key} data-value={v ?? ''} className="status-cell">
                        {text}
                        <span className="muted history-status" data-testid="history-status" data-status={run.history.status}>{run.history.status === 'unsaved' ? '' : tx(run.history.message)}</span>
                      </td>
                    );
                  }
                  return <td key={c.key} data-col={c.key} data-value={v ?? ''}>{text}</td>;
                })}
                <td className="row-actions">
                  <button type="button" className="secondary small" onClick={() => onView(run.id)} aria-label={t('compare.results.viewAria', { name: run.name })}>{t('compare.results.view')}</button>
                  <RowMenu label={t('compare.results.menuLabel', { name: run.name })} testId="row-menu" actions={rowActions(run)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ExportHelp />
    </section>
  );
}
