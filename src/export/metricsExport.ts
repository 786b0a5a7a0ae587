/**
 * A finished run's metrics as files: CSV (one row per step, for spreadsheets and pandas), JSON
 * (the whole record but the embeddings) and the comparison table of several runs as CSV. Pure.
 */
import type { RunRecord } from '../experiment/types';
import type { EvalPoint } from '../eval/types';
import { heldOutScoreSpecs, testAccuracyNames, type MethodId } from '../methods/catalog';
import type { MetricPoint } from '../store/metricsBuffer';
import { csvText, type CsvCell } from './csv';

type RecordEval = RunRecord['evals'][number];

/** "SLA+SD" -> "test_acc_sla_sd"; a name that sanitises like an earlier one gets a numeric suffix. */
export function headColumnNames(headNames: readonly string[], prefix = 'test_acc_'): string[] {
  const used = new Set<string>();
  return headNames.map((name) => {
    const stem = `${prefix}${name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'head'}`;
    let column = stem;
    for (let k = 2; used.has(column); k++) column = `${stem}_${k}`;
    used.add(column);
    return column;
  });
}

/** A finite-or-not number as a cell; anything else (missing, null, a stray string) empty. */
function numberCell(value: unknown): CsvCell {
  return typeof value === 'number' ? value : null;
}

/** The last entry per step wins (a step is reported once; this keeps a stray duplicate harmless). */
function byStep<T extends { step: number }>(items: readonly T[]): Map<number, T> {
  return new Map(items.map((item) => [item.step, item]));
}

function evalCells(e: RecordEval | undefined, headCount: number, scoreCount: number): CsvCell[] {
  const heads = Array.from({ length: headCount }, (_, i) => numberCell(e?.headTop1?.[i]));
  const scores = Array.from({ length: scoreCount }, (_, i) => numberCell(e?.heldOutScores?.[i]?.value));
  const s = e?.similarity;
  return [
    numberCell(e?.knnTop1), numberCell(e?.linearTop1), ...heads, ...scores,
    numberCell(e?.spread), numberCell(s?.posMean), numberCell(s?.negMean), numberCell(s?.alignment), numberCell(s?.uniformity),
  ];
}

/**
 * metricsCsv's columns for a run of `methodId` (undefined: an imported encoder's evaluation) that
 * reports `metricNames` each step. The PyTorch export's train.py writes this header too
 * (config.json's csvColumns), so its metrics.csv lines up with Pretext's.
 */
export function metricsCsvColumns(methodId: MethodId | undefined, metricNames: readonly string[]): { header: string[]; headColumns: string[]; scoreColumns: string[] } {
  const headColumns = headColumnNames(methodId ? testAccuracyNames(methodId) : []);
  const scoreColumns = headColumnNames(methodId ? heldOutScoreSpecs(methodId).map((s) => s.name) : [], 'heldout_');
  const header = ['step', 'wall_s', ...metricNames, 'knn_top1', 'linear_top1', ...headColumns, ...scoreColumns, 'spread', 'pos_mean', 'neg_mean', 'alignment', 'uniformity'];
  return { header, headColumns, scoreColumns };
}

/**
 * One row per step that has a metric point or an evaluation (sorted), columns:
 * step, wall_s, each metric, knn_top1, linear_top1, one per classifier head, one per held-out
 * video task (heldout_alignment_error, heldout_order_accuracy, ...), spread, pos_mean,
 * neg_mean, alignment, uniformity. Missing values are empty cells.
 */
export function metricsCsv(record: RunRecord): string {
  // An imported encoder's evaluation has no method, so no method heads or video tasks.
  const methodId = record.config?.methodId;
  const { header, headColumns, scoreColumns } = metricsCsvColumns(methodId, record.metricNames);
  const points = byStep<MetricPoint>(record.points);
  const evals = byStep<RecordEval>(record.evals);
  const steps = [...new Set([...points.keys(), ...evals.keys()])].sort((a, b) => a - b);
  const rows = steps.map((step): CsvCell[] => {
    const p = points.get(step);
    const e = evals.get(step);
    const wall = numberCell(p?.wall) ?? numberCell(e?.wall);
    return [step, wall, ...record.metricNames.map((name) => numberCell(p?.[name])), ...evalCells(e, headColumns.length, scoreColumns.length)];
  });
  return csvText([header, ...rows]);
}

/** What metricsJson writes: the record without its embeddings, tagged with a format and version. */
export type RunJson = { format: 'pretext-run'; version: 1 } & Omit<RunRecord, 'embeddings'>;

/** The record (no embeddings: they are binary and go to the Projector export) as pretty JSON. NaN becomes null. */
export function metricsJson(record: RunRecord): string {
  const { embeddings: _embeddings, ...rest } = record;
  const json: RunJson = { format: 'pretext-run', version: 1, ...rest };
  return JSON.stringify(json, null, 1) + '\n';
}

/** The evaluation at the highest step, or undefined without any. */
function finalEval(evals: readonly EvalPoint[]): EvalPoint | undefined {
  return evals.reduce<EvalPoint | undefined>((last, e) => (!last || e.step >= last.step ? e : last), undefined);
}

/** Mean loss of the last `count` points that report one; null without any. */
export function finalLoss(points: readonly MetricPoint[], count = 10): number | null {
  const losses = points.map((p) => p.loss).filter((v): v is number => typeof v === 'number').slice(-count);
  return losses.length ? losses.reduce((a, b) => a + b, 0) / losses.length : null;
}

export const RESULTS_CSV_HEADER = [
  'name', 'method', 'dataset', 'seed', 'steps', 'status', 'backend',
  'final_knn_top1', 'final_linear_top1', 'init_knn_top1', 'init_linear_top1',
  'final_loss', 'steps_per_s', 'wall_s',
] as const;

/** The comparison table: one row per run. init_*: the evaluation at step 0 (the random-init encoder). */
export function resultsCsv(records: readonly RunRecord[]): string {
  const rows = records.map((r): CsvCell[] => {
    const last = finalEval(r.evals);
    const init = r.evals.find((e) => e.step === 0);
    return [
      // An imported encoder: the method that trained it, and the seed it was evaluated with.
      r.name, r.config?.methodId ?? r.imported?.trainedBy ?? null, r.dataset.name, r.config?.seed ?? r.imported?.settings.seed ?? null, r.steps, r.status, r.backend,
      numberCell(last?.knnTop1), numberCell(last?.linearTop1), numberCell(init?.knnTop1), numberCell(init?.linearTop1),
      finalLoss(r.points), r.msPerStep > 0 ? 1000 / r.msPerStep : null, r.wallMs / 1000,
    ];
  });
  return csvText([RESULTS_CSV_HEADER, ...rows]);
}
