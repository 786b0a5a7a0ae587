import { describe, expect, it } from 'vitest';
import { decideChromium, DEBIAN_CHROMIUM, type ChromiumMachine } from './chromiumFinder';

const PW = '/home/u/.cache/ms-playwright/chromium-1/chrome';
const machine = (has: string[], rest: Partial<ChromiumMachine> = {}): ChromiumMachine => ({
  playwrightPath: PW, exists: (p) => has.includes(p), isRoot: false, hasAptGet: true, ...rest,
});

describe('decideChromium', () => {
  it("prefers CHROMIUM_PATH, then Debian's, then Playwright's own", () => {
    expect(decideChromium(machine(['/opt/c', DEBIAN_CHROMIUM, PW], { envPath: '/opt/c' }))).toEqual({ kind: 'use', path: '/opt/c', source: 'CHROMIUM_PATH' });
    expect(decideChromium(machine([DEBIAN_CHROMIUM, PW]))).toEqual({ kind: 'use', path: DEBIAN_CHROMIUM, source: 'debian' });
    expect(decideChromium(machine([PW]))).toEqual({ kind: 'use', path: PW, source: 'playwright' });
  });

  it('stops on a CHROMIUM_PATH that does not exist instead of silently using another', () => {
    const d = decideChromium(machine([DEBIAN_CHROMIUM], { envPath: '/nope/chrome' }));
    expect(d.kind).toBe('fail');
    expect(d.kind === 'fail' && d.message).toContain('/nope/chrome');
  });

  it("installs Debian's only as root with apt-get", () => {
    expect(decideChromium(machine([], { isRoot: true, hasAptGet: true }))).toEqual({ kind: 'install-apt' });
    expect(decideChromium(machine([], { isRoot: true, hasAptGet: false })).kind).toBe('fail');
    expect(decideChromium(machine([], { isRoot: false, hasAptGet: true })).kind).toBe('fail');
  });

  it('says in one line what to run when nothing is found', () => {
    const d = decideChromium(machine([], { playwrightPath: undefined }));
    expect(d.kind).toBe('fail');
    const message = d.kind === 'fail' ? d.message : '';
    expect(message).not.toContain('\n');
    expect(message).toContain('npx playwright install chromium');
    expect(message).toContain('apt-get install');
  });
});
