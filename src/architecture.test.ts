/**
 * House rules checked on the source: UI code never imports tfjs (directly or through anything it
 * imports), and the worker is only reached through `new Worker(new URL(...))`; UI code lists the
 * built-in datasets from the catalog, never through their generators; data code knows no method.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/g;

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const ext of ['.ts', '.tsx', '/index.ts', '']) if (existsSync(base + ext) && statSync(base + ext).isFile() && !base.endsWith('.css')) return base + ext;
  return null;
}

/** Every runtime (non-type-only) import reachable from `entry`: [file, imported package]. */
function runtimeImports(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(IMPORT)) {
      if (/^(import|export)\s+type\s/.test(m[0])) continue;
      const local = resolveLocal(file, m[1]);
      if (local) visit(local);
      else if (!m[1].startsWith('.')) packages.set(m[1], file);
    }
  };
  visit(resolve(entry));
  return { files, packages };
}

/** Every .ts / .tsx file under `dir`, tests included. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [resolve(path)] : [];
  });
}

/** Each import (type-only ones too) of a file under `dirs` that resolves into `forbidden`: "file -> import". */
function importsInto(dirs: string[], forbidden: (target: string) => boolean): string[] {
  return dirs.flatMap(sourceFiles).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(IMPORT)]
      .map((m) => resolveLocal(file, m[1]))
      .filter((target): target is string => target !== null && forbidden(target))
      .map((target) => `${relative('.', file)} -> ${relative('.', target)}`),
  );
}

describe('architecture', () => {
  it('the UI bundle reaches no tfjs import', () => {
    const { files, packages } = runtimeImports('src/ui/main.tsx');
    const tfjs = [...packages].filter(([p]) => p.startsWith('@tensorflow/'));
    expect(tfjs).toEqual([]);
    expect([...files].some((f) => f.includes('/src/worker/'))).toBe(false);
    expect(files.size).toBeGreaterThan(10); // the walk really followed the imports
  });

  it('the training worker does reach tfjs (the check above can fail)', () => {
    const { packages } = runtimeImports('src/worker/trainingWorker.ts');
    expect([...packages.keys()]).toContain('@tensorflow/tfjs');
  });

  it('UI code (ui, store, experiment) takes the built-in datasets from data/catalog.ts, never data/builtin.ts (the generators stay in the workers)', () => {
    const builtin = resolve('src/data/builtin.ts');
    expect(importsInto(['src/ui', 'src/store', 'src/experiment'], (t) => t === builtin)).toEqual([]);
  });

  it('data code (src/data) imports nothing from src/methods', () => {
    const methods = resolve('src/methods') + '/';
    expect(importsInto(['src/data'], (t) => t.startsWith(methods))).toEqual([]);
  });

  it('the import scan sees the workers loading data/builtin.ts (the rules above can fail)', () => {
    const builtin = resolve('src/data/builtin.ts');
    expect(importsInto(['src/worker'], (t) => t === builtin)).toContain('src/worker/trainingWorker.ts -> src/data/builtin.ts');
  });
});
