/**
 * Which Chromium the end-to-end tests and scripts launch, decided once for `npm test`
 * (scripts/check-chromium.ts, before the slow part starts) and for e2e/chromium.ts.
 * The decision is a pure function of what the machine has, so it is unit-tested without one.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumMachine {
  /** CHROMIUM_PATH from the environment, if set. */
  envPath?: string;
  /** Where Playwright's own Chromium would be (playwright-core's executablePath()), if known. */
  playwrightPath?: string;
  exists: (path: string) => boolean;
  isRoot: boolean;
  hasAptGet: boolean;
}

export type ChromiumDecision =
  | { kind: 'use'; path: string; source: 'CHROMIUM_PATH' | 'debian' | 'playwright' }
  | { kind: 'install-apt' }
  | { kind: 'fail'; message: string };

export const HOW_TO_GET_CHROMIUM =
  'run `sudo apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary';

export function decideChromium(m: ChromiumMachine): ChromiumDecision {
  if (m.envPath) {
    return m.exists(m.envPath)
      ? { kind: 'use', path: m.envPath, source: 'CHROMIUM_PATH' }
      : { kind: 'fail', message: `CHROMIUM_PATH is ${m.envPath}, which does not exist: unset it or point it at a Chromium binary.` };
  }
  if (m.exists(DEBIAN_CHROMIUM)) return { kind: 'use', path: DEBIAN_CHROMIUM, source: 'debian' };
  if (m.playwrightPath && m.exists(m.playwrightPath)) return { kind: 'use', path: m.playwrightPath, source: 'playwright' };
  if (m.isRoot && m.hasAptGet) return { kind: 'install-apt' };
  return { kind: 'fail', message: `No Chromium for the end-to-end tests: ${HOW_TO_GET_CHROMIUM}.` };
}

/** Playwright's own Chromium, where playwright-core knows one (installed or not). */
function playwrightChromiumPath(): string | undefined {
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core') as { chromium: { executablePath(): string } };
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

/** This machine, as decideChromium sees it. */
export function thisMachine(): ChromiumMachine {
  return {
    envPath: process.env.CHROMIUM_PATH || undefined,
    playwrightPath: playwrightChromiumPath(),
    exists: existsSync,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: onPath('apt-get'),
  };
}

/**
 * The path to launch: the decision's, or Debian's path when there is none (a launch then fails
 * with Playwright's own message; `npm test` has already stopped with ours before that).
 */
export function chromiumPath(): string {
  const d = decideChromium({ ...thisMachine(), isRoot: false });
  return d.kind === 'use' ? d.path : DEBIAN_CHROMIUM;
}
