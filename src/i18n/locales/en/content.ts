import type { CatalogTree } from '../types';
import { METHOD_IDS, METHOD_SPECS, type MethodId } from '../../../methods/catalog';
import type { MethodSpec } from '../../../methods/spec';
import type { ParamSpec } from '../../../shared/params';
import { BUILTIN_DATASETS } from '../../../data/catalog';
import { PRESETS } from '../../../experiment/presets';

/**
 * English names and texts of things defined outside the UI (methods, params, metrics, datasets,
 * presets), built from their specs so the specs stay the one source of the English.
 * t('content.…'); src/i18n/content.ts has the lookups the UI calls.
 *
 * Layout:
 * - methods.<id>.{label, summary, similarityNote}
 * - methods.<id>.metrics.<name>: every extra metric (its metricLabels text, else the name itself)
 * - methods.<id>.heldOutScores.<name>.{label, help}: the video methods' held-out tasks
 * - methods.<id>.testAccuracies.<name>: the method's own classifier heads
 * - params.shared.<key>.{label, help, paper}: a param's text used by several methods (or the only one)
 * - params.<id>.<key>.{label, help, paper}: where a method's text differs from the shared one
 * - options.<paramKey>.<option>: a choice's option as shown (OPTION_NAMES below, else the value)
 * - datasets.<id>.{name, description}, presets.<id>.{title, finding}
 */

/** Options shown other than as their value: the names the papers and help texts use. */
export const OPTION_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  optimizer: { adam: 'Adam', sgd: 'SGD' },
  estimator: { jsd: 'JSD', infonce: 'InfoNCE', dv: 'DV' },
};

export const PARAM_FIELDS = ['label', 'help', 'paper'] as const;
export type ParamField = (typeof PARAM_FIELDS)[number];

const specOf = (id: MethodId): MethodSpec => METHOD_SPECS[id];
const paramsOf = (id: MethodId) => specOf(id).params as Readonly<Record<string, ParamSpec>>;

/**
 * Where each method's text of each param field lives: 'shared' or the method's own id. A field
 * whose text is the same in every method that has it is shared; where methods differ, the text
 * most of them use (at least two) is shared and the others are their own; texts used by one
 * method each are all their own.
 */
export function paramTextOwners(): Map<string, { owner: 'shared' | MethodId; id: MethodId; key: string; field: ParamField; text: string }[]> {
  const byField = new Map<string, Map<string, MethodId[]>>();
  for (const id of METHOD_IDS) {
    for (const [key, spec] of Object.entries(paramsOf(id))) {
      for (const field of PARAM_FIELDS) {
        const text = spec[field];
        if (text === undefined) continue;
        const name = `${key}.${field}`;
        const texts = byField.get(name) ?? new Map<string, MethodId[]>();
        byField.set(name, texts);
        texts.set(text, [...(texts.get(text) ?? []), id]);
      }
    }
  }
  const out = new Map<string, { owner: 'shared' | MethodId; id: MethodId; key: string; field: ParamField; text: string }[]>();
  for (const [name, texts] of byField) {
    const [key, field] = name.split('.') as [string, ParamField];
    const ranked = [...texts].sort((a, b) => b[1].length - a[1].length);
    const sharedText = ranked.length === 1 || ranked[0][1].length >= 2 ? ranked[0][0] : undefined;
    out.set(name, [...texts].flatMap(([text, ids]) => ids.map((id) => ({ owner: text === sharedText ? 'shared' as const : id, id, key, field, text }))));
  }
  return out;
}

function tree(): CatalogTree {
  const methods: CatalogTree = {};
  for (const id of METHOD_IDS) {
    const spec = specOf(id);
    const m: CatalogTree = { label: spec.label, summary: spec.summary, similarityNote: spec.similarityNote };
    if (spec.extraMetrics.length) m.metrics = Object.fromEntries(spec.extraMetrics.map((name) => [name, spec.metricLabels?.[name] ?? name]));
    if (spec.heldOutScores?.length) m.heldOutScores = Object.fromEntries(spec.heldOutScores.map((s) => [s.name, { label: s.name, help: s.help }]));
    if (spec.testAccuracies?.length) m.testAccuracies = Object.fromEntries(spec.testAccuracies.map((name) => [name, name]));
    methods[id] = m;
  }

  const params: Record<string, Record<string, Record<string, string>>> = { shared: {} };
  for (const entries of paramTextOwners().values()) {
    for (const { owner, key, field, text } of entries) {
      const forOwner = (params[owner] ??= {});
      (forOwner[key] ??= {})[field] = text;
    }
  }

  const options: Record<string, Record<string, string>> = {};
  for (const id of METHOD_IDS) {
    for (const [key, spec] of Object.entries(paramsOf(id))) {
      if (spec.kind !== 'choice') continue;
      for (const option of spec.options) (options[key] ??= {})[option] = OPTION_NAMES[key]?.[option] ?? option;
    }
  }

  const datasets = Object.fromEntries(BUILTIN_DATASETS.map((d) => [d.id, { name: d.name, description: d.description }]));
  const presets = Object.fromEntries(PRESETS.map((p) => [p.id, { title: p.title, finding: p.finding }]));
  return { methods, params, options, datasets, presets };
}

export const content: CatalogTree = tree();
