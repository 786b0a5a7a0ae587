import { describe, expect, it } from 'vitest';
import { checkpointText, checkpointTitle, statusText } from './RunControls';
import { seconds } from './InterruptedBanner';

describe('what the page says of checkpoints and stalls', () => {
  it('the last checkpoint: step, size in MB and time (no time for one found after a reload)', () => {
    expect(checkpointText({ step: 50, bytes: 0.4 * 2 ** 20 })).toBe('Last checkpoint: step 50 (0.4 MB)');
    expect(checkpointTitle({ ms: 1035 })).toBe("Kept in this browser's storage; written 1.0 s after it was taken, while training went on.");
    expect(checkpointTitle({ ms: 0 })).toBe("Kept in this browser's storage.");
  });

  it('an interrupted run and one queued to resume say so', () => {
    expect(statusText('interrupted', '').text).toBe('Interrupted');
    expect(statusText('queued', '', true).text).toMatch(/^Queued to resume from its checkpoint/);
  });

  it('silences in seconds, a decimal under 10 s', () => {
    expect([seconds(500), seconds(9_949), seconds(42_400)]).toEqual(['0.5', '9.9', '42']);
  });
});
