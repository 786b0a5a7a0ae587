/**
 * A run's export actions as menu items (metrics CSV / JSON, Projector, Model TF.js / ONNX /
 * PyTorch), the same list wherever a run can be exported: the results table's row menu, the
 * Training tab's Export menu and History's. Each item's title says what the file is for; an item
 * that cannot run now says why instead.
 */
import type { TFunction } from 'i18next';
import type { RunState } from '../../store/runState';
import { text, type Text } from '../../shared/text';
import type { HistoryEntry } from '../../history/historyDb';
import type { MenuAction } from './RowMenu';
import { encoderExportUnavailable, exportEncoder, exportMetricsCsv, exportMetricsJson, exportOnnx, exportProjector, exportPytorch } from './exportActions';

/** What the menus know of a run before it is loaded: enough to say which exports can run. */
export interface ExportableRun {
  hasMetrics: boolean;
  hasEmbeddings: boolean;
  /** Why the model exports cannot run, or undefined when they can. */
  noEncoder: Text | undefined;
}

/** A History row: its record is read only when an export runs. */
export const exportableEntry = (e: HistoryEntry): ExportableRun => ({
  hasMetrics: e.points.length > 0 || e.evals.length > 0,
  hasEmbeddings: e.hasEmbeddings,
  noEncoder: e.hasEncoder && e.config ? undefined : e.imported ? text('compare.export.importedEncoder') : text('compare.export.noWeights'),
});

export const exportableRun = (run: RunState): ExportableRun => ({
  hasMetrics: run.points.length > 0 || run.evals.length > 0,
  hasEmbeddings: run.embeddings !== null && run.embeddings !== undefined,
  noEncoder: encoderExportUnavailable(run),
});

/**
 * The export items. `load` gives the run to export (the live one, or a History record read on
 * demand); `attempt` runs an action and shows what it throws.
 */
export function runExportActions(
  what: ExportableRun,
  load: () => RunState | Promise<RunState>,
  t: TFunction,
  tx: (text: Text) => string,
  attempt: (f: () => void | Promise<void>) => void,
): MenuAction[] {
  const noMetrics = what.hasMetrics ? undefined : t('compare.results.menu.noMetrics');
  const noEncoder = what.noEncoder && tx(what.noEncoder);
  const on = (f: (run: RunState) => void | Promise<void>) => () => attempt(async () => f(await load()));
  return [
    { label: t('compare.results.menu.metricsCsv'), onSelect: on(exportMetricsCsv), disabledWhy: noMetrics, title: t('compare.results.exportHelp.metrics') },
    { label: t('compare.results.menu.metricsJson'), onSelect: on(exportMetricsJson), disabledWhy: noMetrics, title: t('compare.results.exportHelp.metrics') },
    { label: t('compare.results.menu.projector'), onSelect: on(exportProjector), disabledWhy: what.hasEmbeddings ? undefined : t('compare.results.menu.noEmbeddings'), title: t('compare.results.menu.projectorTitle') },
    { label: t('compare.results.menu.model'), onSelect: on((run) => exportEncoder(run)), disabledWhy: noEncoder, title: t('compare.results.menu.modelTitle') },
    { label: t('compare.results.menu.onnx'), onSelect: on((run) => exportOnnx(run)), disabledWhy: noEncoder, title: t('compare.results.menu.onnxTitle') },
    { label: t('compare.results.menu.pytorch'), onSelect: on((run) => exportPytorch(run)), disabledWhy: noEncoder, title: t('compare.results.menu.pytorchTitle') },
  ];
}
