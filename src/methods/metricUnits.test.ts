import { describe, expect, it } from 'vitest';
import { extraMetricGroups, METHOD_IDS, metricUnit } from './catalog';

describe("extra metrics' units (one chart axis per unit)", () => {
  it('every extra metric of every method has a known unit', () => {
    for (const id of METHOD_IDS) for (const g of extraMetricGroups(id)) expect(g.unit, `${id}: ${g.names.join(', ')}`).not.toBe('value');
  });

  it("SimCLR's cos/T logit and its cosine are on different axes; MoCo's queue fill is apart from its logits", () => {
    expect(extraMetricGroups('simclr')).toEqual([{ unit: 'logit', names: ['positiveLogit'] }, { unit: 'cosine', names: ['topNegativeSim'] }]);
    expect(extraMetricGroups('moco')).toEqual([{ unit: 'fraction', names: ['queueFill'] }, { unit: 'logit', names: ['positiveLogit', 'queueLogit'] }]);
    expect(metricUnit('dim', 'localLoss')).toBe('loss');
    expect(metricUnit('sla', 'jointAccuracy')).toBe('fraction');
  });
});
