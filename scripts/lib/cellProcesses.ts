/**
 * Cells in child processes: each tfjs wasm process trains on one core, so JOBS processes keep
 * JOBS cores busy. A child runs `scripts/experiments.ts --cell <config json>` under the same
 * loader as this process, logs to stderr and prints its outcome as one `RESULT <json>` line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { RunConfig } from '../../src/shared/config';
import type { CellOutcome } from './experimentStore';

export const RESULT_PREFIX = 'RESULT ';

const children = new Set<ChildProcess>();

/** Ends the children this process started (on Ctrl-C or a kill of the parent). */
export function killChildren(): void {
  for (const c of children) c.kill('SIGTERM');
}

function lines(stream: NodeJS.ReadableStream, each: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    parts.forEach(each);
  });
  stream.on('end', () => { if (rest) each(rest); });
}

export function runCellInChild(script: string, config: RunConfig, log: (line: string) => void, baseline = true): Promise<CellOutcome> {
  return new Promise((resolve, reject) => {
    const args = [...process.execArgv, script, '--cell', JSON.stringify(config), ...(baseline ? [] : ['--no-baseline'])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let outcome: CellOutcome | null = null;
    const tail: string[] = [];
    lines(child.stdout!, (line) => {
      if (line.startsWith(RESULT_PREFIX)) outcome = JSON.parse(line.slice(RESULT_PREFIX.length)) as CellOutcome;
      else if (line.trim()) log(line);
    });
    lines(child.stderr!, (line) => {
      if (!line.trim()) return;
      tail.push(line);
      if (tail.length > 20) tail.shift();
      log(line);
    });
    child.on('error', (e) => { children.delete(child); reject(e); });
    child.on('close', (code, signal) => {
      children.delete(child);
      if (outcome && code === 0) resolve(outcome);
      else reject(new Error(`the cell's process ended (${signal ?? `exit ${code}`}) without a result:\n${tail.join('\n')}`));
    });
  });
}

/** Runs `work` over `items`, at most `jobs` at once, in order of start. */
export async function withLimit<T>(items: readonly T[], jobs: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, lane));
}
