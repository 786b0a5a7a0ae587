/** Default names for runs: the method and the params that differ from its defaults. */
import { METHOD_SPECS, type MethodId } from '../methods/catalog';
import type { AnyParamValues } from '../shared/params';
import { PARAM_SECTIONS } from '../shared/paramGroups';

const SHOWN_CHANGES = 3;

/** "SimCLR", "SimCLR: temperature 0.1", "MoCo: queueSize 256, momentum 0.9, +1 more". */
export function describeRun(methodId: MethodId, params: AnyParamValues): string {
  const spec = METHOD_SPECS[methodId];
  // The method's own params first (temperature, queue size): they are what a comparison varies.
  const shared = new Set(PARAM_SECTIONS.flatMap((s) => s.keys));
  const changed = Object.entries(spec.params)
    .filter(([key, p]) => key in params && params[key] !== p.default)
    .sort(([a], [b]) => Number(shared.has(a)) - Number(shared.has(b)))
    .map(([key]) => `${key} ${formatValue(params[key])}`);
  if (changed.length === 0) return spec.label;
  const more = changed.length > SHOWN_CHANGES ? `, +${changed.length - SHOWN_CHANGES} more` : '';
  return `${spec.label}: ${changed.slice(0, SHOWN_CHANGES).join(', ')}${more}`;
}

function formatValue(v: number | string | boolean): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v);
}
