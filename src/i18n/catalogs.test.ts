import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
import { GLOSSARY, GLOSSARY_EXCEPTIONS } from './glossary';
import { findUntranslated, hasWords } from './scan';
import { NOT_YET_CONVERTED } from './untranslated';
import { i18n, toSupportedLanguage } from './i18n';

type Tree = { [k: string]: string | Tree };

/** Every leaf of a catalog as "a.b.c" → string. */
export function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Keys one catalog has and the other lacks. */
export function keyDifferences(a: Tree, b: Tree): { onlyA: string[]; onlyB: string[] } {
  const la = leaves(a), lb = leaves(b);
  return { onlyA: [...la.keys()].filter((k) => !lb.has(k)), onlyB: [...lb.keys()].filter((k) => !la.has(k)) };
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const CJK = /[\u3400-\u9fff]/;

const EN = leaves(en as unknown as Tree);
const ZH = leaves(zhCN as unknown as Tree);

function sourceFiles(dir: string, test: (f: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path, test);
    return test(path) ? [path] : [];
  });
}
const uiFiles = sourceFiles('src/ui', (f) => /\.tsx?$/.test(f) && !/\.test\.ts$/.test(f)).map((f) => relative('.', f));

describe('the catalogs', () => {
  it('zh-CN has every English key and no other', () => {
    const { onlyA, onlyB } = keyDifferences(en as unknown as Tree, zhCN as unknown as Tree);
    expect({ missingInZh: onlyA, notInEnglish: onlyB }).toEqual({ missingInZh: [], notInEnglish: [] });
  });

  it('a key missing in either language is found (the check above can fail)', () => {
    const d = keyDifferences({ a: 'x', b: { c: 'y' } }, { a: '甲', b: {} });
    expect(d).toEqual({ onlyA: ['b.c'], onlyB: [] });
  });

  it('each translation keeps the English placeholders', () => {
    const wrong = [...EN].filter(([k, v]) => ZH.has(k) && placeholders(v).join() !== placeholders(ZH.get(k)!).join()).map(([k]) => k);
    expect(wrong).toEqual([]);
  });

  it('each zh-CN string with words to read is in Chinese', () => {
    const english = [...ZH].filter(([k, v]) => hasWords(EN.get(k) ?? '') && !CJK.test(v)).map(([k, v]) => `${k}: ${v}`);
    expect(english).toEqual([]);
  });

  it('no string is empty', () => {
    expect([...EN, ...ZH].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('the glossary terms are used wherever the English has them', () => {
    const off: string[] = [];
    for (const [k, v] of EN) {
      const zh = ZH.get(k);
      if (!zh || k in GLOSSARY_EXCEPTIONS) continue;
      for (const term of GLOSSARY) if (term.en.test(v) && !term.zh.some((z) => zh.includes(z))) off.push(`${k}: "${v}" needs ${term.zh.join(' or ')} in "${zh}"`);
    }
    expect(off).toEqual([]);
  });

  it('every literal key the source uses exists in English', () => {
    const files = sourceFiles('src', (f) => /\.tsx?$/.test(f) && !/\.test\.ts$/.test(f) && !f.includes(join('src', 'i18n', 'locales')));
    const missing: string[] = [];
    const KEY_USE = /(?:\bt|\bi18n\.t|\btext|\bi18nKey=)\(?\s*['"`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"`]/g;
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(KEY_USE)) if (!EN.has(m[1]) && ![...EN.keys()].some((k) => k.startsWith(`${m[1]}_`))) missing.push(`${relative('.', f)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('the UI source', () => {
  it('has no user-visible English outside the catalogs', () => {
    const found = uiFiles.filter((f) => !NOT_YET_CONVERTED.includes(f))
      .flatMap((f) => findUntranslated(readFileSync(f, 'utf8'), f).map((u) => `${f}:${u.line}: ${u.text}`));
    expect(found).toEqual([]);
  });

  it('lists as not yet converted only files that still have English', () => {
    expect(NOT_YET_CONVERTED.filter((f) => findUntranslated(readFileSync(f, 'utf8'), f).length === 0)).toEqual([]);
  });

  it('the scan finds text, visible attributes and text fields, and lets keys, classes and names through', () => {
    const src = `
      const TABS = [{ id: 'data', label: 'Data view' }];
      export const A = () => <div className="muted big" data-testid="x-y" aria-label="Run controls">
        Hello there {ok ? 'yes please' : t('app.no')} {\`step \${n} of all\`}
        <span title={t('app.title')}>SimCLR</span> <b>{n} ms</b>
      </div>;`;
    expect(findUntranslated(src, 'a.tsx').map((u) => u.text)).toEqual(['Data view', 'Run controls', 'Hello there', 'yes please', 'step {{}} of all']);
  });
});

describe('the language', () => {
  it('any Chinese tag reads as zh-CN, anything else as English', () => {
    expect(['zh', 'zh-CN', 'zh-Hans-CN', 'zh_TW', 'en-US', 'fr', '', undefined].map(toSupportedLanguage))
      .toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN', 'en', 'en', 'en', 'en']);
  });

  it('Node (tests, scripts) runs in English with both catalogs loaded', () => {
    expect(i18n.language).toBe('en');
    expect(i18n.hasResourceBundle('zh-CN', 'translation')).toBe(true);
  });
});
