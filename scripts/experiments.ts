/**
 * `npm run experiments`: trains every method and variant on its datasets for seeds 1, 2, 3 at the
 * cpu tier's defaults in Node (wasm), appends each finished cell to docs/experiments-results.jsonl
 * and writes the table into docs/experiments.md and its summary into README.md.
 *
 *   npm run experiments                      the whole matrix; cells already stored are skipped
 *   npm run experiments -- simclr cpc        only these methods (the table still covers all)
 *   npm run experiments -- --table           rewrite the table from the stored results, no training
 *   npm run experiments -- --fresh           rerun cells even where a result is stored
 *   npm run experiments -- --presets         the four presets' runs instead (a default run is the table's cell)
 * Env: DATASETS=shapes,... SEEDS=1,2 JOBS=2 (child processes at once) BACKEND=wasm|cpu
 *   STEPS=N (a quick check: stored under its own config, printed, never put in the docs' table)
 *   EVAL_EVERY=N (also evaluate every N steps; default: step 0 and the last step only).
 * Internally: `--cell <config json>` trains one cell and prints its outcome (a child process).
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMethodId } from '../src/methods/catalog';
import { nodeBackendFromEnv } from '../src/node/backend';
import type { RunConfig } from '../src/shared/config';
import { killChildren, RESULT_PREFIX, runCellInChild, withLimit } from './lib/cellProcesses';
import { writeDocs } from './lib/experimentDocs';
import { withDatasetRaw } from './lib/experimentStats';
import { allGroups, buildMatrix, cellConfig, DEFAULT_SEEDS, groupKey, groupLabel, type BudgetOverrides, type Cell } from './lib/experimentMatrix';
import { summarizeGroup } from './lib/experimentStats';
import { appendRecord, cellsToRun, configHash, readRecords, recordsOfPlanned, type CellOutcome, type PlannedCell, type ResultRecord } from './lib/experimentStore';
import { renderReadmeSummary, renderTable, TABLE_HEAD, tableRow } from './lib/experimentTable';
import { gitState } from './lib/gitState';
import { changesText, presetCell, presetKey, presetRows, renderPresetTables } from './lib/experimentPresets';

const argv = process.argv.slice(2);

if (argv[0] === '--cell') {
  const { runCell } = await import('./lib/experimentCell');
  const config = JSON.parse(argv[1]) as RunConfig;
  const outcome = await runCell(config, (line) => console.error(line), argv[2] !== '--no-baseline');
  // Exit only once the line is out: the parent reads the outcome from it.
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(outcome)}\n`, () => process.exit(0));
  await new Promise(() => undefined);
}

const flags = new Set(argv.filter((a) => a.startsWith('--')));
for (const f of flags) if (!['--table', '--fresh', '--presets'].includes(f)) throw new Error(`unknown option ${f}`);
const methods = argv.filter((a) => !a.startsWith('--'));
for (const m of methods) if (!isMethodId(m)) throw new Error(`unknown method ${m}`);

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
const int = (name: string) => {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${v}: expected a positive integer`);
  return n;
};
const overrides: BudgetOverrides = { steps: int('STEPS'), evalEvery: int('EVAL_EVERY'), backend: nodeBackendFromEnv() };
const seeds = list(process.env.SEEDS)?.map(Number) ?? [...DEFAULT_SEEDS];
for (const seed of seeds) if (!Number.isInteger(seed) || seed < 0) throw new Error(`SEEDS=${process.env.SEEDS}: expected a comma list of integers`);
const jobs = int('JOBS') ?? 2;
const quick = overrides.steps !== undefined;

const plan = (cells: readonly Cell[]): PlannedCell[] => cells.map((cell) => {
  const config = cellConfig(cell, overrides);
  return { cell, config, hash: configHash(config) };
});
const presetRowsAll = presetRows();
const presetPlan = (seedList: readonly number[]) => presetRowsAll.flatMap((row) => seedList.map((seed) => ({ ...presetCell(row, seed, overrides), changes: changesText(row.changes) })))
  .filter((p) => !methods.length || methods.includes(p.cell.method));
const selection = flags.has('--presets') ? presetPlan(seeds) : plan(buildMatrix({ methods, datasets: list(process.env.DATASETS), seeds }));
// A misspelt method or dataset would otherwise select nothing and look like "all done".
if (!selection.length) throw new Error(`no cell of the matrix matches ${methods.join(' ') || 'every method'} on DATASETS=${process.env.DATASETS}: datasets are ${[...new Set(allGroups().map((g) => g.dataset))].join(', ')}`);
const cellName = (c: Cell) => `${groupLabel(c)} ${c.dataset} seed ${c.seed}`;
const pct = (v: number | null | undefined) => (typeof v === 'number' ? (v * 100).toFixed(1) : '—');
const resultLine = (o: CellOutcome) => {
  const tasks = o.final?.tasks.map((t) => `${t.name} ${pct(o.init?.tasks.find((u) => u.name === t.name)?.value)} → ${pct(t.value)} (chance ${pct(t.chance)})`).join(', ');
  const end = o.end.reason === 'completed' ? '' : ` ${o.end.reason.toUpperCase()}${o.end.message ? `: ${o.end.message}` : ''}`;
  return `kNN ${pct(o.init?.knn)} → ${pct(o.final?.knn)}, linear ${pct(o.init?.linear)} → ${pct(o.final?.linear)} (raw ${pct(o.raw?.knn)} / ${pct(o.raw?.linear)})${tasks ? `, ${tasks}` : ''}; ${(o.wallMs / 60000).toFixed(1)} min, ${o.msPerStep.toFixed(0)} ms/step, ${o.steps} steps${end}`;
};
const minutes = (ms: number) => `${(ms / 60000).toFixed(1)} min`;

let failures = 0;
if (!flags.has('--table')) {
  const stored = readRecords();
  const todo = cellsToRun(selection, stored, flags.has('--fresh'));
  console.log(`${selection.length} cells selected, ${selection.length - todo.length} already stored, ${todo.length} to run, ${Math.min(jobs, todo.length)} at a time${quick ? ` (STEPS=${overrides.steps}: a quick check, kept out of the docs' table)` : ''}.`);
  const commit = gitState();
  if (commit.dirty) console.log(`Code differs from ${commit.hash}: results are marked +dirty.`);
  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version };
  const script = fileURLToPath(import.meta.url);
  const stop = () => { killChildren(); process.exit(130); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const t0 = performance.now();
  const cellMs: number[] = [];
  let finished = 0;
  // Raw pixels once per dataset (at these evaluation sizes): the first cell of a dataset without them computes them.
  const rawKey = (c: RunConfig) => `${c.datasetId}|${c.evalBankSize}|${c.evalQuerySize}`;
  const rawKnown = new Set(stored.filter((r) => r.raw).map((r) => rawKey(r.config)));
  await withLimit(todo, jobs, async (p, i) => {
    const baseline = !rawKnown.has(rawKey(p.config));
    rawKnown.add(rawKey(p.config));
    const name = `${cellName(p.cell)}${'changes' in p ? ` (preset: ${String(p.changes)})` : ''}`;
    console.log(`start ${i + 1}/${todo.length}: ${name}`);
    const started = performance.now();
    try {
      const outcome = await runCellInChild(script, p.config, (line) => console.log(`  [${name}] ${line}`), baseline);
      if (baseline && !outcome.raw) rawKnown.delete(rawKey(p.config));
      const record: ResultRecord = { cell: p.cell, configHash: p.hash, config: p.config, commit, date: new Date().toISOString(), machine, ...outcome };
      appendRecord(record); // only now: a cell cut off before this point runs again next time
      cellMs.push(performance.now() - started);
      console.log(`done ${++finished}/${todo.length}: ${name}: ${resultLine(outcome)}`);
    } catch (e) {
      failures++;
      finished++;
      console.log(`FAILED ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const elapsed = performance.now() - t0;
    const left = todo.length - finished;
    const mean = cellMs.length ? cellMs.reduce((a, b) => a + b, 0) / cellMs.length : NaN;
    console.log(`  elapsed ${minutes(elapsed)}${left && cellMs.length ? `, about ${minutes((mean * left) / Math.min(jobs, left))} left (${left} cells at ${minutes(mean)} each)` : ''}`);
  });
}

// The table: every group of the matrix (the docs) or of the selection (a quick check), from
// the stored records whose config is what this invocation's settings give.
const records = readRecords();
const groups = quick ? [...new Map(selection.map((p) => [groupKey(p.cell), { method: p.cell.method, variant: p.cell.variant, dataset: p.cell.dataset }])).values()] : allGroups();
const planned = quick ? selection : plan(groups.flatMap((g) => DEFAULT_SEEDS.map((seed) => ({ ...g, seed }))));
const byGroup = recordsOfPlanned(planned, records, groupKey);
const summaries = withDatasetRaw(groups.map((g) => summarizeGroup(g, byGroup.get(groupKey(g)) ?? [])), records);
const used = [...byGroup.values()].flat();
const machines = [...new Set(used.map((r) => `${r.machine.cores} × ${r.machine.cpu}, Node ${r.machine.node}, tfjs ${r.tfjs} (${r.backend})`))];
const steps = Object.fromEntries(planned.map((p) => [p.cell.method, p.config.maxSteps]));
const ctx = {
  command: `npm run experiments${flags.has('--table') ? ' -- --table' : ''}`,
  date: new Date().toISOString().slice(0, 10),
  machines,
  steps,
  evalEvery: overrides.evalEvery ?? null,
  seeds: quick ? seeds : DEFAULT_SEEDS,
};
// The presets' tables, from the stored records of their planned cells.
const presetSeeds = quick ? seeds : DEFAULT_SEEDS;
const presetByRow = new Map(presetRowsAll.map((row) => {
  const planned = presetSeeds.map((seed) => presetCell(row, seed, overrides));
  return [presetKey(row), recordsOfPlanned(planned, records, () => presetKey(row)).get(presetKey(row)) ?? []] as const;
}));
const presetTables = renderPresetTables(presetRowsAll, (row) => summarizeGroup(row, presetByRow.get(presetKey(row)) ?? []), presetSeeds.length);
if (quick) {
  console.log(`\nSTEPS=${overrides.steps} (not written to the docs):\n`);
  if (flags.has('--presets')) console.log(presetTables);
  else for (const line of [...TABLE_HEAD, ...summaries.map((s) => tableRow(s, ctx.seeds.length))]) console.log(line);
} else {
  writeDocs(renderTable(summaries, ctx), renderReadmeSummary(summaries, ctx.date), presetTables);
  console.log(`\nTable of ${used.length} stored runs written to docs/experiments.md; summary to README.md.`);
}
process.exit(failures ? 1 : 0);
