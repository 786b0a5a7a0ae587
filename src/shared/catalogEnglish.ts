/**
 * English of a Text without i18next, for code that also runs in a worker or in Node without the
 * page's i18n instance (and its DOM): an error's `message` (i18n/textError.ts, the dataset
 * requirements' refusal), logs. It reads the English catalog itself: `{{name}}` filled from the
 * values (nested Texts first; a `{{name, format}}` gets the plain value), `_one`/`_other` chosen
 * by `count`; a key outside it gives its `defaultValue` (a method's name). The page renders the
 * same Texts with i18next (i18n/render.ts), in the reader's language; requirements.test.ts
 * checks the two agree.
 */
import { en } from '../i18n/locales/en';
import { isText, type Text } from './text';

type Tree = { [k: string]: string | Tree };
const CATALOG: Tree = en as unknown as Tree;

function lookup(key: string): string | undefined {
  let node: string | Tree | undefined = CATALOG;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

export function catalogEnglish(x: Text | string): string {
  if (!isText(x)) return x;
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(x.values ?? {})) values[k] = isText(v) ? catalogEnglish(v) : v;
  const count = values.count;
  const template = (typeof count === 'number' ? lookup(`${x.key}_${count === 1 ? 'one' : 'other'}`) : undefined)
    ?? lookup(x.key) ?? (values.defaultValue === undefined ? x.key : String(values.defaultValue));
  return template.replace(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

export { named } from './text';
