/**
 * The stored results: one JSON line per finished cell in docs/experiments-results.jsonl, keyed
 * by a hash of the cell's full config; reading them, appending one, and which cells are still to
 * run. No tfjs.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { RunConfig } from '../../src/shared/config';
import type { Cell } from './experimentMatrix';

export const RESULTS_FILE = 'docs/experiments-results.jsonl';

/** A method's own score at an evaluation: a classifier head's accuracy or a video task's score. */
export interface TaskScore {
  name: string;
  value: number | null;
  chance: number | null;
  better: 'higher' | 'lower';
}

export interface Evaluation {
  step: number;
  knn: number | null;
  linear: number | null;
  /** Classifier heads (chance 1 / classes), then the video tasks (their own chance). */
  tasks: TaskScore[];
}

/** What one cell's run produced (the worker process's answer). */
export interface CellOutcome {
  end: { reason: string; message?: string };
  steps: number;
  wallMs: number;
  /** Mean training time per step (evaluations excluded). */
  msPerStep: number;
  init: Evaluation | null;
  final: Evaluation | null;
  raw: { knn: number; linear: number } | null;
  tfjs: string;
  backend: string;
}

export interface ResultRecord extends CellOutcome {
  cell: Cell;
  configHash: string;
  config: RunConfig;
  commit: { hash: string; dirty: boolean };
  date: string;
  machine: { cpu: string; cores: number; node: string };
}

/** JSON with object keys sorted at every level, so equal configs hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The config's identity: any change of a default, the budget or the seed gives another hash. */
export function configHash(config: RunConfig): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 16);
}

/** Every record in the file; a line that does not parse (a write cut off by a crash) is skipped and reported. */
export function readRecords(path = RESULTS_FILE, warn: (m: string) => void = console.warn): ResultRecord[] {
  if (!existsSync(path)) return [];
  const out: ResultRecord[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line) as ResultRecord);
    } catch {
      warn(`${path}:${i + 1}: not a JSON line, ignored`);
    }
  });
  return out;
}

/**
 * Appends one record as one line in one write. If the file's last line was cut off (a crash
 * mid-write), a newline first ends it, so the new record stays a line of its own.
 */
export function appendRecord(record: ResultRecord, path = RESULTS_FILE): void {
  let prefix = '';
  if (existsSync(path) && statSync(path).size > 0) {
    const fd = openSync(path, 'r');
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, statSync(path).size - 1);
    closeSync(fd);
    if (last[0] !== 0x0a) prefix = '\n';
  }
  appendFileSync(path, `${prefix}${JSON.stringify(record)}\n`);
}

/** The newest record per config hash (a --fresh rerun appends; the later line wins). */
export function latestByHash(records: readonly ResultRecord[]): Map<string, ResultRecord> {
  const map = new Map<string, ResultRecord>();
  for (const r of records) map.set(r.configHash, r);
  return map;
}

export interface PlannedCell {
  cell: Cell;
  config: RunConfig;
  hash: string;
}

/** The cells still to run: those whose config hash has no stored result (all of them with fresh). */
export function cellsToRun(planned: readonly PlannedCell[], records: readonly ResultRecord[], fresh: boolean): PlannedCell[] {
  if (fresh) return [...planned];
  const done = latestByHash(records);
  return planned.filter((p) => !done.has(p.hash));
}

/** Per group key, the stored record of each planned cell (cells without one are left out). */
export function recordsOfPlanned(planned: readonly PlannedCell[], records: readonly ResultRecord[], keyOf: (cell: Cell) => string): Map<string, ResultRecord[]> {
  const done = latestByHash(records);
  const out = new Map<string, ResultRecord[]>();
  for (const p of planned) {
    const key = keyOf(p.cell);
    if (!out.has(key)) out.set(key, []);
    const r = done.get(p.hash);
    if (r) out.get(key)!.push(r);
  }
  return out;
}
