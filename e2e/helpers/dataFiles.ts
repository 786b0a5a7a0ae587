/** Fixture files of e2e/fixtures, and trees written to a temporary folder for the file chooser. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name));

/** Writes files (relative path -> bytes) under a new temporary folder named `root`; returns its path. */
export function writeTree(root: string, files: Record<string, Buffer | string>): string {
  const base = mkdtempSync(join(tmpdir(), 'pretext-e2e-'));
  const dir = join(base, root);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}
