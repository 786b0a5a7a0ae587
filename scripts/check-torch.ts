/**
 * A step of `npm test` before the slow part: the export tests run the PyTorch export in real
 * PyTorch. Where no Python has torch and Pillow, installs Debian's python3-torch and python3-pil (as root, with apt-get) or
 * stops at once with one line that says what to run.
 */
import { execFileSync } from 'node:child_process';
import { HOW_TO_GET_TORCH, torchPython } from '../src/testing/torchPython';

function found(): string | null {
  try { return torchPython(); } catch { return null; }
}

let python = found();
if (!python && process.getuid?.() === 0) {
  console.log("No PyTorch with Pillow found: installing Debian's (apt-get install -y python3-torch python3-pil)");
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'python3-torch', 'python3-pil'], { stdio: 'inherit', env });
  } catch { /* reported below */ }
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch, PIL'], { stdio: 'ignore' });
    python = '/usr/bin/python3';
  } catch { /* still none */ }
}
if (!python) {
  console.error(`${HOW_TO_GET_TORCH}.`);
  process.exit(1);
}
console.log(`export tests' PyTorch: ${python} (${execFileSync(python, ['-c', 'import torch; print(torch.__version__)']).toString().trim()})`);
