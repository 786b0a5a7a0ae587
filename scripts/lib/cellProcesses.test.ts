import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../src/shared/config';
import { RESULT_PREFIX, runCellInChild, withLimit } from './cellProcesses';

/** A stand-in for scripts/experiments.ts --cell: answers with the config it was given. */
function fakeCellScript(body: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cell-')), 'cell.mjs');
  writeFileSync(path, `const config = JSON.parse(process.argv[process.argv.indexOf('--cell') + 1]);\n${body}\n`);
  return path;
}

describe('cells in child processes', () => {
  it('passes the config to the child and takes its outcome from the RESULT line, its other output as log', async () => {
    const script = fakeCellScript(`console.error('step 0'); console.log('tfjs chatter'); console.log(${JSON.stringify(RESULT_PREFIX)} + JSON.stringify({ steps: config.maxSteps, seed: config.seed }));`);
    const log: string[] = [];
    const out = await runCellInChild(script, { ...defaultRunConfig('simclr', 'shapes'), maxSteps: 7, seed: 3 }, (l) => log.push(l));
    expect(out).toEqual({ steps: 7, seed: 3 });
    expect(log).toEqual(expect.arrayContaining(['step 0', 'tfjs chatter']));
  });

  it('a child that ends without a result fails the cell with its last output', async () => {
    const script = fakeCellScript(`console.error('out of memory'); process.exit(3);`);
    await expect(runCellInChild(script, defaultRunConfig(), () => undefined)).rejects.toThrow(/exit 3[\s\S]*out of memory/);
  });

  it('runs every item, never more than jobs at once', async () => {
    let running = 0, most = 0;
    const seen: number[] = [];
    await withLimit([1, 2, 3, 4, 5], 2, async (item) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 10));
      seen.push(item);
      running--;
    });
    expect(most).toBe(2);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
