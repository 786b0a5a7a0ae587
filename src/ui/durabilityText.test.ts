import { describe, expect, it } from 'vitest';
import { checkpointText, statusText } from './RunControls';
import { seconds } from './InterruptedBanner';

describe('what the page says of checkpoints and stalls', () => {
  it('the last checkpoint: step, size in MB and time (no time for one found after a reload)', () => {
    expect(checkpointText({ step: 50, bytes: 0.4 * 2 ** 20, ms: 35 })).toBe('Last checkpoint: step 50 (0.4 MB, 35 ms)');
    expect(checkpointText({ step: 50, bytes: 420_000, ms: 0 })).toBe('Last checkpoint: step 50 (0.4 MB)');
  });

  it('an interrupted run and one queued to resume say so', () => {
    expect(statusText('interrupted', '').text).toBe('Interrupted');
    expect(statusText('queued', '', true).text).toMatch(/^Queued to resume from its checkpoint/);
  });

  it('silences in seconds, a decimal under 10 s', () => {
    expect([seconds(500), seconds(9_949), seconds(42_400)]).toEqual(['0.5', '9.9', '42']);
  });
});
