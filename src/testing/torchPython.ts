/**
 * The Python that has PyTorch, for tests that check an export against the real thing (tests
 * only). Debian's python3-torch lives in /usr/bin/python3, which a pyenv or venv python3 on PATH
 * does not see, so that one is tried first. CI installs python3-torch (.ci/run).
 */
import { execFileSync } from 'node:child_process';

export const HOW_TO_GET_TORCH = "PyTorch and Pillow for Python 3 are needed by the export tests: run 'apt-get install -y python3-torch python3-pil' (Debian), or pip install torch pillow";

let found: string | null | undefined;

/** The first of /usr/bin/python3, python3 that imports torch and PIL (train.py reads image folders with it); throws, saying what to install, when none does. */
export function torchPython(): string {
  if (found === undefined) {
    found = null;
    for (const candidate of ['/usr/bin/python3', 'python3']) {
      try {
        execFileSync(candidate, ['-c', 'import torch, PIL'], { stdio: 'ignore' });
        found = candidate;
        break;
      } catch { /* next */ }
    }
  }
  if (!found) throw new Error(HOW_TO_GET_TORCH);
  return found;
}
