/**
 * Typed hyperparameter specs: each field has a label, a default, a range and, where the paper
 * states one, the paper's default beside ours. The UI renders controls from these and the worker
 * validates what it receives against them.
 */
import { named, text, type Text } from './text';
interface ParamBase {
  label: string;
  help?: string;
  /** The value the paper uses, as text, for display beside our browser-scale default. */
  paper?: string;
  /**
   * What a run recorded before this param existed did (a share link, a history record, an
   * imported file without the key): used for a missing value instead of the default, silently.
   */
  absent?: number | string | boolean;
}
export interface NumberParam extends ParamBase {
  kind: 'number' | 'int';
  default: number;
  min: number;
  max: number;
  step?: number;
  /** Shown and edited on a log scale (learning rates, temperatures). */
  log?: boolean;
}
export interface ChoiceParam<O extends string = string> extends ParamBase {
  kind: 'choice';
  options: readonly O[];
  default: O;
  /** Other params set when an option is chosen in the UI (a paper's variant), still editable. */
  implies?: { readonly [K in O]?: Readonly<Record<string, number | string | boolean>> };
}

/** The param values after choosing `value` for `key`, including what the choice implies. */
export function withParamChoice(specs: ParamSpecs, values: AnyParamValues, key: string, value: number | string | boolean): AnyParamValues {
  const spec = specs[key];
  const implied = spec?.kind === 'choice' && typeof value === 'string' ? spec.implies?.[value] : undefined;
  return { ...values, [key]: value, ...implied };
}
export interface BoolParam extends ParamBase {
  kind: 'bool';
  default: boolean;
}
export type ParamSpec = NumberParam | ChoiceParam | BoolParam;
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

export type ParamValue<S extends ParamSpec> = S extends BoolParam
  ? boolean
  : S extends ChoiceParam<infer O>
    ? O
    : number;
export type ParamValues<S extends ParamSpecs> = { -readonly [K in keyof S]: ParamValue<S[K]> };
export type AnyParamValues = Record<string, number | string | boolean>;

export function defaultParams<S extends ParamSpecs>(specs: S): ParamValues<S> {
  const out: AnyParamValues = {};
  for (const [key, spec] of Object.entries(specs)) out[key] = spec.default;
  return out as ParamValues<S>;
}

/**
 * Params of something recorded earlier (a link, a history record, an imported file): a key it
 * lacks takes the spec's `absent` value where the param has one (what runs did before it existed).
 */
export function withAbsentParams(specs: ParamSpecs, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.assign(Object.create(null), raw);
  for (const [key, spec] of Object.entries(specs)) {
    if (out[key] === undefined && spec.absent !== undefined) out[key] = spec.absent;
  }
  return out;
}

export interface ParamIssue {
  key: string;
  /** In the reader's language on the page ('setup.paramIssue.…'); a plain string in runs recorded before. */
  message: Text | string;
}

/** A param's name inside a message: the shared catalog label, the spec's English where it has none. */
export const sharedParamLabel = (key: string, english: string): Text => named(`content.params.shared.${key}.label`, english);

/**
 * Values checked against the specs: unknown keys are dropped, missing or invalid ones fall back
 * to the default, out-of-range numbers are clamped. Every change is reported, never silent.
 */
export function validateParams<S extends ParamSpecs>(
  specs: S,
  raw: Record<string, unknown>,
  labelOf: (key: string, english: string) => Text = sharedParamLabel,
): { values: ParamValues<S>; issues: ParamIssue[] } {
  const values: AnyParamValues = {};
  const issues: ParamIssue[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    const v = raw[key];
    const label = labelOf(key, spec.label);
    const fallback = String(spec.default);
    if (v === undefined) {
      values[key] = spec.default;
      continue;
    }
    if (spec.kind === 'bool') {
      if (typeof v === 'boolean') values[key] = v;
      else {
        values[key] = spec.default;
        issues.push({ key, message: text('setup.paramIssue.notBool', { label, fallback }) });
      }
    } else if (spec.kind === 'choice') {
      if (typeof v === 'string' && spec.options.includes(v)) values[key] = v;
      else {
        values[key] = spec.default;
        issues.push({ key, message: text('setup.paramIssue.notOption', { label, value: String(v), options: spec.options.join(', '), fallback }) });
      }
    } else {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        values[key] = spec.default;
        issues.push({ key, message: text('setup.paramIssue.notFinite', { label, fallback }) });
        continue;
      }
      let n = spec.kind === 'int' ? Math.round(v) : v;
      if (n < spec.min || n > spec.max) {
        const clamped = Math.min(spec.max, Math.max(spec.min, n));
        issues.push({ key, message: text('setup.paramIssue.outOfRange', { label, value: String(n), min: String(spec.min), max: String(spec.max), clamped: String(clamped) }) });
        n = clamped;
      }
      values[key] = n;
    }
  }
  for (const key of Object.keys(raw)) {
    if (!(key in specs)) issues.push({ key, message: text('setup.paramIssue.unknown', { key }) });
  }
  return { values: values as ParamValues<S>, issues };
}

/**
 * The params of a method being switched to, keeping what the user set in the one switched from:
 * a value carries over when both specs have its key, of the same kind, and it is valid for the
 * new spec (in range, one of its options). A value left at the old method's default takes the new
 * method's default instead (its defaults are tuned for it, e.g. MoCo's temperature).
 */
export function carryOverParams(from: ParamSpecs, values: AnyParamValues, to: ParamSpecs): AnyParamValues {
  const out: AnyParamValues = { ...defaultParams(to) };
  for (const [key, spec] of Object.entries(to)) {
    const old = from[key];
    const v = values[key];
    if (!old || old.kind !== spec.kind || v === undefined || v === old.default) continue;
    if (validateParams({ [key]: spec }, { [key]: v }).issues.length === 0) out[key] = v;
  }
  return out;
}
