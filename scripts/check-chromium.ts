/**
 * The first step of `npm test`: finds the Chromium the end-to-end tests launch before the slow
 * part starts. Where there is none, installs Debian's (as root, with apt-get) or stops at once
 * with one line that says what to run.
 */
import { execFileSync } from 'node:child_process';
import { decideChromium, DEBIAN_CHROMIUM, HOW_TO_GET_CHROMIUM, thisMachine } from './lib/chromiumFinder';

const decision = decideChromium(thisMachine());
if (decision.kind === 'use') {
  console.log(`e2e Chromium: ${decision.path} (${decision.source})`);
} else if (decision.kind === 'install-apt') {
  console.log("No Chromium found: installing Debian's (apt-get install -y chromium)");
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  } catch {
    console.error(`Installing chromium with apt-get failed: ${HOW_TO_GET_CHROMIUM}.`);
    process.exit(1);
  }
  console.log(`e2e Chromium: ${DEBIAN_CHROMIUM} (installed)`);
} else {
  console.error(decision.message);
  process.exit(1);
}
