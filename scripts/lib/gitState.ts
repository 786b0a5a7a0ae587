/** The commit results were computed at, for the results file. */
import { execFileSync } from 'node:child_process';

const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();

/**
 * Short hash of HEAD, and whether code differed from it. Changes under docs/ and to README.md
 * do not count: the experiments write there themselves while they run.
 */
export function gitState(): { hash: string; dirty: boolean } {
  try {
    const hash = git(['rev-parse', '--short', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--', '.', ':(exclude)docs', ':(exclude)README.md']) !== '';
    return { hash, dirty };
  } catch {
    return { hash: 'unknown', dirty: true };
  }
}
