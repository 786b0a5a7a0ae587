/**
 * Default names for runs, in the params' own labels: the method, then what tells the run apart
 * from the other runs in view of the same method (params and run settings such as steps and
 * seed); a run alone of its method is named by its method's own params changed from their
 * defaults.
 */
import { METHOD_SPECS, type MethodId } from '../methods/catalog';
import { RUN_SETTINGS, type RunConfig } from '../shared/config';
import type { AnyParamValues, ParamSpec, ParamSpecs } from '../shared/params';
import { PARAM_SECTIONS } from '../shared/paramGroups';

const SHOWN_CHANGES = 3;

/** A label short enough for a name: "Encoder width (channels of the first stage)" -> "encoder width". */
export function shortLabel(label: string): string {
  const s = label.replace(/\s*\([^)]*\)\s*$/, '').trim();
  // Lower-case a capitalised word ("Batch size") but not an acronym ("NT-Xent", "K").
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

function formatValue(v: number | string | boolean): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v);
}

const part = (spec: ParamSpec, v: number | string | boolean) => `${shortLabel(spec.label)} ${formatValue(v)}`;

function join(method: string, parts: string[]): string {
  if (parts.length === 0) return method;
  const more = parts.length > SHOWN_CHANGES ? `, +${parts.length - SHOWN_CHANGES} more` : '';
  return `${method}: ${parts.slice(0, SHOWN_CHANGES).join(', ')}${more}`;
}

/** The method's params, its own (temperature, queue size) first: they are what a comparison varies. */
function paramKeys(methodId: MethodId): string[] {
  const shared = new Set(PARAM_SECTIONS.flatMap((s) => s.keys));
  return Object.keys(METHOD_SPECS[methodId].params).sort((a, b) => Number(shared.has(a)) - Number(shared.has(b)));
}

/**
 * "SimCLR", "SimCLR: NT-Xent temperature 0.1", "MoCo: queue size K 256, …": the params changed
 * from their defaults (`ownOnly`: only the method's own, not batch size, width, augmentation).
 */
export function describeRun(methodId: MethodId, params: AnyParamValues, { ownOnly = false } = {}): string {
  const spec = METHOD_SPECS[methodId];
  const specs: ParamSpecs = spec.params;
  const shared = new Set(PARAM_SECTIONS.flatMap((s) => s.keys));
  const parts = paramKeys(methodId)
    .filter((key) => key in params && params[key] !== specs[key].default && !(ownOnly && shared.has(key)))
    .map((key) => part(specs[key], params[key]));
  return join(spec.label, parts);
}

type Setting = keyof typeof RUN_SETTINGS;
const SETTINGS: Setting[] = ['maxSteps', 'seed', 'evalEvery', 'evalBankSize', 'evalQuerySize'];
const settingPart = (key: Setting, v: number) => (key === 'maxSteps' ? `${v} step${v === 1 ? '' : 's'}` : key === 'seed' ? `seed ${v}` : part(RUN_SETTINGS[key], v));

/**
 * The name of a run among `others` (the other runs in view): the method, then each param or run
 * setting whose value differs from another run of the same method on the same dataset. Runs that differ in nothing
 * shown get the same name (the caller numbers them).
 */
export function nameAmong(config: RunConfig, others: readonly RunConfig[]): string {
  const spec = METHOD_SPECS[config.methodId];
  const specs: ParamSpecs = spec.params;
  // Runs are compared on one dataset at a time, so only runs of the same method on the same dataset count.
  const same = others.filter((o) => o.methodId === config.methodId && o.datasetId === config.datasetId);
  if (same.length === 0) return describeRun(config.methodId, config.params, { ownOnly: true });
  const parts = [
    ...paramKeys(config.methodId)
      .filter((key) => same.some((o) => o.params[key] !== config.params[key]))
      .map((key) => part(specs[key], config.params[key])),
    ...SETTINGS.filter((key) => same.some((o) => o[key] !== config[key])).map((key) => settingPart(key, config[key])),
  ];
  return join(spec.label, parts);
}
