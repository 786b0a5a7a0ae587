import { describe, expect, it } from 'vitest';
import { METHOD_IDS, METHOD_SPECS, type MethodId } from '../catalog';
import { PARAM_SECTIONS, SIMCLR_AUGMENT_PAPER } from '../../shared/paramGroups';
import type { ParamSpec } from '../../shared/params';

const paperOf = (id: MethodId, key: string) => (METHOD_SPECS[id].params as Record<string, ParamSpec>)[key]?.paper;

/** Shared params whose paper text may equal SimCLR's: the other paper states that same value. */
const SAME_AS_SIMCLR: Partial<Record<MethodId, string[]>> = {
  moco: ['flipProb', 'grayscaleProb'], // MoCo v2 takes SimCLR's flip and grayscale
  sla: ['flipProb'], // the standard horizontal flip
};

describe("each method shows its own paper's values", () => {
  const shared = PARAM_SECTIONS.flatMap((s) => s.keys);

  it("no method but SimCLR shows SimCLR's paper value for a shared param unless its own paper says the same", () => {
    for (const id of METHOD_IDS.filter((m) => m !== 'simclr')) {
      for (const key of shared) {
        const theirs = SIMCLR_AUGMENT_PAPER[key as keyof typeof SIMCLR_AUGMENT_PAPER];
        if (theirs === undefined || paperOf(id, key) !== theirs) continue;
        expect(SAME_AS_SIMCLR[id] ?? [], `${id}.${key} shows SimCLR's "${theirs}"`).toContain(key);
      }
    }
  });

  it("SimCLR shows its paper's augmentations; SLA's colour jitter does not", () => {
    expect(paperOf('simclr', 'jitterProb')).toBe('0.8');
    expect(paperOf('simclr', 'cropScaleMin')).toBe('0.08');
    expect(paperOf('sla', 'jitterProb')).not.toBe('0.8');
    expect(paperOf('sla', 'jitterProb')).toMatch(/^0 /);
  });

  it('methods whose papers state no augmentation values show none', () => {
    for (const id of ['supervised', 's4l', 'cpc'] as const) {
      for (const key of Object.keys(SIMCLR_AUGMENT_PAPER)) expect(paperOf(id, key), `${id}.${key}`).toBeUndefined();
    }
  });

  it('every method links to its own reference (no two share a paper url)', () => {
    const urls = METHOD_IDS.map((id) => METHOD_SPECS[id].paper.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(METHOD_SPECS.supervised.paper.url).not.toBe(METHOD_SPECS.simclr.paper.url);
  });
});
