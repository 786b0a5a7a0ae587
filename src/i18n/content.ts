/**
 * The UI's names and texts for things defined outside it (methods, params, metrics, datasets,
 * presets), in the current language. Keys live under 'content.' (locales/en/content.ts builds the
 * English from the specs); every lookup falls back to the spec's English, so nothing shows a key.
 */
import { METHOD_SPECS, type MethodId } from '../methods/catalog';
import type { MethodSpec } from '../methods/spec';
import { BUILTIN_DATASETS } from '../data/catalog';
import { PRESETS } from '../experiment/presets';
import { i18n } from './i18n';

const tr = (key: string, fallback: string, values?: Record<string, unknown>): string =>
  i18n.t(key, { defaultValue: fallback, ...values }) as string;
/** The method's own key where the catalog has one, else the shared key. */
const ownOrShared = (id: MethodId, key: string, field: string, english: string): string => {
  const own = `content.params.${id}.${key}.${field}`;
  return i18n.exists(own) ? (i18n.t(own) as string) : tr(`content.params.shared.${key}.${field}`, english);
};
const specOf = (id: MethodId): MethodSpec => METHOD_SPECS[id];
const paramSpec = (id: MethodId, key: string) => specOf(id).params[key];

export const methodLabel = (id: MethodId): string => tr(`content.methods.${id}.label`, specOf(id).label);
export const methodSummary = (id: MethodId): string => tr(`content.methods.${id}.summary`, specOf(id).summary);
export const similarityNote = (id: MethodId): string => tr(`content.methods.${id}.similarityNote`, specOf(id).similarityNote);
export const metricLabelText = (id: MethodId, name: string): string =>
  tr(`content.methods.${id}.metrics.${name}`, specOf(id).metricLabels?.[name] ?? name);
const heldOutScore = (id: MethodId, name: string) => specOf(id).heldOutScores?.find((s) => s.name === name);
/** A held-out score's name as shown ("order accuracy"); the spec's name is its id. */
export const heldOutScoreLabel = (id: MethodId, name: string): string => tr(`content.methods.${id}.heldOutScores.${name}.label`, name);
export const heldOutScoreHelp = (id: MethodId, name: string): string =>
  tr(`content.methods.${id}.heldOutScores.${name}.help`, heldOutScore(id, name)?.help ?? name);
export const testAccuracyLabel = (id: MethodId, name: string): string => tr(`content.methods.${id}.testAccuracies.${name}`, name);

/** A param's label: the method's own wording where it has one, else the shared one. */
export function paramLabel(id: MethodId, key: string): string {
  const english = paramSpec(id, key)?.label ?? key;
  return ownOrShared(id, key, 'label', english);
}
export function paramHelp(id: MethodId, key: string): string | undefined {
  const english = paramSpec(id, key)?.help;
  if (english === undefined) return undefined;
  return ownOrShared(id, key, 'help', english);
}
/** The paper's value of a param as text ("0.5 (CIFAR-10), 0.1 (ImageNet, batch 4096)"). */
export function paramPaper(id: MethodId, key: string): string | undefined {
  const english = paramSpec(id, key)?.paper;
  if (english === undefined) return undefined;
  return ownOrShared(id, key, 'paper', english);
}
/** A choice param's option as shown (the value itself is what links and records store). */
export const paramOption = (key: string, option: string): string => tr(`content.options.${key}.${option}`, option);

const dataset = (id: string) => BUILTIN_DATASETS.find((d) => d.id === id);
/** A built-in dataset's name; other names (a dropped folder's) as given. */
export const datasetName = (id: string, fallback = dataset(id)?.name ?? id): string =>
  dataset(id) ? tr(`content.datasets.${id}.name`, fallback) : fallback;
export const datasetDescription = (id: string): string => tr(`content.datasets.${id}.description`, dataset(id)?.description ?? '');

const preset = (id: string) => PRESETS.find((p) => p.id === id);
export const presetTitle = (id: string): string => tr(`content.presets.${id}.title`, preset(id)?.title ?? id);
export const presetFinding = (id: string): string => tr(`content.presets.${id}.finding`, preset(id)?.finding ?? '');
