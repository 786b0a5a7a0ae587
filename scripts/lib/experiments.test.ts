import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_IDS, METHOD_SPECS } from '../../src/methods/catalog';
import { defaultRunConfig } from '../../src/shared/config';
import { augmentParams, encoderParams, trainingParams } from '../../src/shared/paramGroups';
import type { ParamSpecs } from '../../src/shared/params';
import { withPresetTables, withSummary, withTable } from './experimentDocs';
import { changesText, presetCell, presetRows } from './experimentPresets';
import { PRESETS } from '../../src/experiment/presets';
import { allGroups, buildMatrix, cellConfig, NOT_VARIANTS, VARIANT_PARAM, type Cell } from './experimentMatrix';
import { pairedGain, summarize, summarizeGroup, withDatasetRaw } from './experimentStats';
import { appendRecord, cellsToRun, configHash, readRecords, type PlannedCell, type ResultRecord } from './experimentStore';
import { renderReadmeSummary, renderTable, tableRow } from './experimentTable';
import { replaceBetweenMarkers } from './markers';

const wasm = { backend: 'wasm' as const };

function record(cell: Cell, o: { init: number; final: number; initLinear?: number; finalLinear?: number; hash?: string; steps?: number; task?: { init: number; final: number; chance: number } }): ResultRecord {
  const config = cellConfig(cell, { ...wasm, steps: o.steps });
  const tasks = (v?: number) => (o.task ? [{ name: 'alignment error', value: v ?? null, chance: o.task.chance, better: 'lower' as const }] : []);
  return {
    cell, config, configHash: o.hash ?? configHash(config),
    commit: { hash: 'abc1234', dirty: false }, date: '2026-12-02T00:00:00Z', machine: { cpu: 'Test CPU', cores: 2, node: 'v20' },
    end: { reason: 'completed' }, steps: config.maxSteps, wallMs: 60000, msPerStep: 100,
    init: { step: 0, knn: o.init, linear: o.initLinear ?? o.init, tasks: tasks(o.task?.init) },
    final: { step: config.maxSteps, knn: o.final, linear: o.finalLinear ?? o.final, tasks: tasks(o.task?.final) },
    raw: { knn: 0.3, linear: 0.2 }, tfjs: '4.22.0', backend: 'wasm',
  };
}

describe('aggregation', () => {
  it('mean and sample sd (n - 1) of fixed numbers', () => {
    // mean 0.43; deviations -0.03, -0.01, 0.04: squares sum to 0.0026, / 2 = 0.0013
    const s = summarize([0.40, 0.42, 0.47]);
    expect(s.n).toBe(3);
    expect(s.mean).toBeCloseTo(0.43, 12);
    expect(s.sd).toBeCloseTo(Math.sqrt(0.0013), 12);
    expect(summarize([0.5]).sd).toBeNaN();
    expect(summarize([]).mean).toBeNaN();
  });

  it('the paired gain passes at 5 points and beyond the sd of the differences, and not otherwise', () => {
    // differences 0.10, 0.09, 0.12: mean 0.10333, sd sqrt(0.00046667 / 2) = 0.01528
    const pass = pairedGain([{ init: 0.30, final: 0.40 }, { init: 0.32, final: 0.41 }, { init: 0.28, final: 0.40 }]);
    expect(pass.mean).toBeCloseTo(0.103333, 5);
    expect(pass.sd).toBeCloseTo(0.015275, 5);
    expect(pass.pass).toBe(true);
    // differences 0.04, 0.04, 0.05: small spread but under 5 points
    expect(pairedGain([{ init: 0.3, final: 0.34 }, { init: 0.3, final: 0.34 }, { init: 0.3, final: 0.35 }]).pass).toBe(false);
    // differences 0.30, -0.05, 0.05: mean 0.10 over 5 points, but sd sqrt(0.065 / 2) = 0.18 is larger
    const spread = pairedGain([{ init: 0.3, final: 0.6 }, { init: 0.3, final: 0.25 }, { init: 0.3, final: 0.35 }]);
    expect(spread.mean).toBeCloseTo(0.10, 12);
    expect(spread.sd).toBeCloseTo(Math.sqrt(0.0325), 12);
    expect(spread.pass).toBe(false);
    // one seed: no spread, no verdict
    expect(pairedGain([{ init: 0.3, final: 0.6 }]).pass).toBeNull();
  });

  it('a group row: means over seeds, its video task against chance, failed runs counted apart', () => {
    const g = { method: 'tcn' as const, variant: 'multi-view', dataset: 'turntable' };
    const rs = [
      record({ ...g, seed: 1 }, { init: 0.80, final: 0.90, task: { init: 0.36, final: 0.28, chance: 1 / 3 } }),
      record({ ...g, seed: 2 }, { init: 0.84, final: 0.92, task: { init: 0.38, final: 0.30, chance: 1 / 3 } }),
      { ...record({ ...g, seed: 3 }, { init: 0.82, final: 0 }), end: { reason: 'failed', message: 'NaN' }, final: null },
    ];
    const s = summarizeGroup(g, rs);
    expect(s.done).toBe(2);
    expect(s.failed).toBe(1);
    expect(s.knn.mean).toBeCloseTo(0.91, 12);
    expect(s.initKnn.mean).toBeCloseTo(0.82, 12); // every run's step 0, the failed one's too
    expect(s.gainKnn.mean).toBeCloseTo(0.09, 12); // (0.10 + 0.08) / 2, paired, completed runs only
    expect(s.tasks).toHaveLength(1);
    expect(s.tasks[0].final.mean).toBeCloseTo(0.29, 12);
    expect(s.tasks[0].init.mean).toBeCloseTo(0.37, 12);
    expect(s.tasks[0].chance).toBeCloseTo(1 / 3, 12);
    const row = tableRow(s, 3);
    expect(row).toContain('| 2/3 (1 failed) |');
    expect(row).toContain('| 91.0 ± 1.4 |');
    expect(row).toContain('+9.0 ✓');
    expect(row).toContain('alignment error 29.0 ± 1.4 (init 37.0, chance 33.3, lower is better)');
  });

  it('an error in its own unit (the context encoder\'s hole MSE) is printed as a number beside its trivial predictor, not as a percentage of chance', () => {
    const g = { method: 'inpainting' as const, variant: '', dataset: 'shapes' };
    const mse = (r: ResultRecord, init: number, final: number): ResultRecord => ({
      ...r, init: { ...r.init!, step: 0, tasks: [{ name: 'hole MSE', value: init, chance: 0.056, better: 'lower' }] }, final: { ...r.final!, step: r.final!.step, tasks: [{ name: 'hole MSE', value: final, chance: 0.056, better: 'lower' }] },
    });
    const rs = [mse(record({ ...g, seed: 1 }, { init: 0.3, final: 0.37 }), 0.104, 0.030), mse(record({ ...g, seed: 2 }, { init: 0.3, final: 0.38 }), 0.100, 0.032)];
    expect(tableRow(summarizeGroup(g, rs), 2)).toContain('hole MSE 0.031 ± 0.001 (init 0.102, trivial predictor 0.056, lower is better)');
  });
});

describe('resume', () => {
  const cell: Cell = { method: 'simclr', variant: '', dataset: 'shapes', seed: 1 };
  const plan = (c: Cell, steps?: number): PlannedCell => {
    const config = cellConfig(c, { ...wasm, steps });
    return { cell: c, config, hash: configHash(config) };
  };

  it('skips a cell whose config has a stored result, reruns one whose config changed, and --fresh reruns all', () => {
    const stored = [record(cell, { init: 0.3, final: 0.4 })];
    const other: Cell = { ...cell, seed: 2 };
    expect(cellsToRun([plan(cell), plan(other)], stored, false).map((p) => p.cell.seed)).toEqual([2]);
    // Another budget (or any changed default) is another config, so the cell runs again.
    expect(cellsToRun([plan(cell, 2)], stored, false)).toHaveLength(1);
    expect(cellsToRun([plan(cell), plan(other)], stored, true)).toHaveLength(2);
  });

  it('the hash follows every value of the config and not the order of its keys', () => {
    const c = defaultRunConfig('simclr', 'shapes', 'cpu');
    const reordered = { ...c, params: Object.fromEntries(Object.entries(c.params).reverse()) };
    expect(configHash(reordered)).toBe(configHash(c));
    expect(configHash({ ...c, params: { ...c.params, temperature: 0.25 } })).not.toBe(configHash(c));
    expect(configHash({ ...c, seed: 2 })).not.toBe(configHash(c));
  });

  it('appends whole lines: a line cut off by a crash is ignored and the next record stays readable', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'experiments-')), 'results.jsonl');
    appendRecord(record(cell, { init: 0.3, final: 0.4 }), path);
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"cell":{"meth`); // a write cut off mid-line
    appendRecord(record({ ...cell, seed: 2 }, { init: 0.3, final: 0.5 }), path);
    const warnings: string[] = [];
    const read = readRecords(path, (m) => warnings.push(m));
    expect(read.map((r) => r.cell.seed)).toEqual([1, 2]);
    expect(warnings).toHaveLength(1);
    expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
  });
});

describe('the matrix', () => {
  it('names every method\'s own choice param as its variant (the shared optimizer, schedule and norm are not variants)', () => {
    const shared = new Set(Object.keys({ ...trainingParams(), ...encoderParams(), ...augmentParams() }));
    for (const id of METHOD_IDS) {
      const own = Object.entries(METHOD_SPECS[id].params as ParamSpecs).filter(([k, s]) => s.kind === 'choice' && !shared.has(k) && !NOT_VARIANTS[id]?.includes(k)).map(([k]) => k);
      expect(own, id).toEqual(VARIANT_PARAM[id] ? [VARIANT_PARAM[id]] : []);
    }
  });

  it('runs every method and variant, image methods on both image datasets, multi-view TCN on the turntable only', () => {
    const groups = allGroups();
    for (const id of METHOD_IDS) expect(groups.some((g) => g.method === id), id).toBe(true);
    const names = groups.map((g) => `${g.method} ${g.variant} ${g.dataset}`);
    expect(names).toContain('moco v1 fashion-mnist');
    expect(names).toContain('dim dv shapes');
    expect(names).toContain('s4l exemplar shapes');
    expect(names).toContain('supervised  fashion-mnist');
    expect(groups.filter((g) => g.method === 'tcn' && g.variant === 'multi-view').map((g) => g.dataset)).toEqual(['turntable']);
    expect(groups.filter((g) => ['shapes', 'fashion-mnist'].includes(g.dataset)).every((g) => METHOD_SPECS[g.method].needs !== 'video')).toBe(true);
    expect(buildMatrix({ methods: ['simclr'] }).map((c) => `${c.dataset} ${c.seed}`)).toEqual(['shapes 1', 'fashion-mnist 1', 'shapes 2', 'fashion-mnist 2', 'shapes 3', 'fashion-mnist 3']);
  });

  it('a cell is the tier default with its variant chosen as the UI chooses it, evaluated at step 0 and the end', () => {
    const base = defaultRunConfig('moco', 'shapes', 'cpu');
    const v2 = cellConfig({ method: 'moco', variant: 'v2', dataset: 'shapes', seed: 2 }, wasm);
    expect(v2).toEqual({ ...base, seed: 2, evalEvery: base.maxSteps, backend: 'wasm' });
    const v1 = cellConfig({ method: 'moco', variant: 'v1', dataset: 'shapes', seed: 1 }, wasm);
    expect(v1.params).toMatchObject({ version: 'v1', temperature: 0.07, blurProb: 0 });
    expect(cellConfig({ method: 'moco', variant: 'v1', dataset: 'shapes', seed: 1 }, { ...wasm, steps: 2, evalEvery: 1 })).toMatchObject({ maxSteps: 2, evalEvery: 1 });
  });
});

describe('the markdown writer', () => {
  it('replaces only what is between the markers', () => {
    const doc = '# T\n\nintro\n\n<!-- x:begin -->\nold\n<!-- x:end -->\n\n## Keep\nrest\n';
    expect(replaceBetweenMarkers(doc, 'x', 'new', () => 0)).toBe('# T\n\nintro\n\n<!-- x:begin -->\nnew\n<!-- x:end -->\n\n## Keep\nrest\n');
    expect(() => replaceBetweenMarkers('a <!-- x:begin --> b', 'x', 'new', () => 0)).toThrow(/only one/);
  });

  it('inserts the table after the title and first paragraph, and the README summary before "How it works", keeping the rest', () => {
    const doc = '# Experiments\n\nFirst paragraph\nstill it.\n\n## Older section\ntext\n';
    const once = withTable(doc, 'TABLE');
    expect(once).toBe('# Experiments\n\nFirst paragraph\nstill it.\n\n<!-- experiments:begin -->\nTABLE\n<!-- experiments:end -->\n\n## Older section\ntext\n');
    expect(withTable(once, 'TABLE 2')).toBe(once.replace('TABLE', 'TABLE 2'));
    const readme = '# Pretext\n\n```sh\nnpm install && npm start\nnpm install && npm test\n```\n\n## What works\n- a\n\n## How it works\n\nb\n';
    const r = withSummary(readme, 'SUMMARY');
    expect(r.startsWith(readme.slice(0, readme.indexOf('## How it works')))).toBe(true);
    expect(r).toContain('## Results (`npm run experiments`)\n\n<!-- experiments-summary:begin -->\nSUMMARY\n<!-- experiments-summary:end -->\n\n## How it works\n\nb\n');
  });

  it('the table header says the command, machine, budget and how evaluation was scheduled', () => {
    const g = { method: 'simclr' as const, variant: '', dataset: 'shapes' };
    const text = renderTable([summarizeGroup(g, [record({ ...g, seed: 1 }, { init: 0.3, final: 0.4 })])], {
      command: 'npm run experiments', date: '2026-12-02', machines: ['2 × Test CPU'], steps: { simclr: 300 }, evalEvery: null, seeds: [1, 2, 3],
    });
    expect(text).toContain('`npm run experiments`');
    expect(text).toContain('Machine: 2 × Test CPU');
    expect(text).toContain('300 steps for every method');
    expect(text).toContain('at step 0 and at the last step only');
    expect(text).toContain('| SimCLR | shapes | 1/3 | 40.0 | 40.0 | 30.0 / 30.0 | 30.0 / 20.0 | +10.0 ? |');
  });
});

describe('raw pixels per dataset', () => {
  it('a group without its own raw pixels takes those of its dataset, never another dataset\'s', () => {
    const simclr = { method: 'simclr', variant: '', dataset: 'shapes' } as const;
    const cpc = { method: 'cpc', variant: '', dataset: 'shapes' } as const;
    const fashion = { method: 'cpc', variant: '', dataset: 'fashion-mnist' } as const;
    const withRaw = record({ ...simclr, seed: 1 }, { init: 0.3, final: 0.5 });
    const noRaw = (c: Cell) => ({ ...record(c, { init: 0.3, final: 0.4 }), raw: null });
    const records = [withRaw, noRaw({ ...cpc, seed: 1 }), noRaw({ ...fashion, seed: 1 })];
    const [a, b, c] = withDatasetRaw([
      summarizeGroup(simclr, [withRaw]), summarizeGroup(cpc, [records[1]]), summarizeGroup(fashion, [records[2]]),
    ], records);
    expect(a.rawKnn.mean).toBe(0.3);
    expect(b.rawKnn.mean).toBe(0.3);
    expect(b.rawLinear.mean).toBe(0.2);
    expect(c.rawKnn.n).toBe(0);
  });
});

describe('the README summary', () => {
  it('quotes a video method\'s own held-out task beside its kNN gain', () => {
    const tcn = { method: 'tcn', variant: 'multi-view', dataset: 'turntable' } as const;
    const rs = [1, 2].map((seed) => record({ ...tcn, seed }, { init: 0.9, final: 0.95, task: { init: 0.3, final: 0.2, chance: 1 / 3 } }));
    const text = renderReadmeSummary([summarizeGroup(tcn, rs)], '2026-12-02');
    expect(text).toContain('alignment error on held-out turntable (multi-view) 30.0% → 20.0% (chance 33.3%, lower is better)');
    const simclr = { method: 'simclr', variant: '', dataset: 'shapes' } as const;
    expect(renderReadmeSummary([summarizeGroup(simclr, [record({ ...simclr, seed: 1 }, { init: 0.3, final: 0.8 })])], '2026-12-02')).not.toContain('held-out');
  });
});

describe('presets as cells', () => {
  it('a preset run at its method\'s defaults is the main table\'s cell; a changed run differs only in its changes', () => {
    const rows = presetRows();
    expect(rows.length).toBe(PRESETS.reduce((n, p) => n + p.experiment.runs.length, 0));
    const moco64 = rows.find((r) => r.method === 'moco' && r.changes.queueSize === 64)!;
    expect(moco64.changes).toEqual({ queueSize: 64 });
    const planned = presetCell(moco64, 2, wasm);
    const main = cellConfig({ method: 'moco', variant: 'v2', dataset: 'shapes', seed: 2 }, wasm);
    expect(planned.config).toEqual({ ...main, params: { ...main.params, queueSize: 64 } });
    const defaults = rows.filter((r) => Object.keys(r.changes).length === 0);
    expect(defaults.map((r) => r.method).sort()).toEqual(['simclr', 'simclr', 'sla', 'supervised']);
    for (const r of defaults) expect(presetCell(r, 1, wasm).hash).toBe(configHash(cellConfig({ ...r, seed: 1 }, wasm)));
    expect(changesText({ temperature: 0.5, jitterProb: 0 })).toBe('temperature 0.5, jitterProb 0');
  });

  it('the presets\' tables go right after the main table and are replaced in place', () => {
    const doc = withTable('# T\n\nIntro.\n\n## Old\n\ntext\n', 'TABLE');
    const once = withPresetTables(doc, 'PRESETS 1');
    expect(once.indexOf('PRESETS 1')).toBeGreaterThan(once.indexOf('TABLE'));
    expect(once.indexOf('PRESETS 1')).toBeLessThan(once.indexOf('## Old'));
    const twice = withPresetTables(once, 'PRESETS 2');
    expect(twice).not.toContain('PRESETS 1');
    expect(twice.split('PRESETS 2').length).toBe(2);
  });
});
