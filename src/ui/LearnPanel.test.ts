import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n';
import { en } from '../i18n/locales/en';
import { METHOD_IDS, METHOD_SPECS, type MethodId } from '../methods/catalog';
import { LEARN_METHODS, learnKeys } from './LearnPanel';

const inLanguage = (lng: string, key: string) => i18n.getFixedT(lng)(key) as string;

describe('the Learn tab', () => {
  it('has a formula, symbols and bullets to watch for every method', () => {
    for (const id of METHOD_IDS) {
      const m = LEARN_METHODS[id];
      expect(m.formula.trim().length, id).toBeGreaterThan(10);
      expect(m.symbols.length, id).toBeGreaterThan(0);
      expect(m.watch.length, id).toBeGreaterThan(1);
    }
  });

  it('finds every text it shows in both languages', () => {
    const missing: string[] = [];
    for (const id of METHOD_IDS) {
      for (const key of learnKeys(id)) {
        for (const lng of ['en', 'zh-CN']) if (!i18n.exists(key, { lng, fallbackLng: false }) || !inLanguage(lng, key).trim()) missing.push(`${lng}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("uses every text the catalog has for a method (no stale key)", () => {
    const leaves = (tree: object, prefix: string): string[] => Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [`${prefix}.${k}`] : leaves(v as object, `${prefix}.${k}`));
    for (const id of METHOD_IDS) {
      const used = new Set(learnKeys(id));
      expect(leaves(en.learn.methods[id], `learn.methods.${id}`).filter((k) => !used.has(k)), id).toEqual([]);
    }
    expect(Object.keys(en.learn.methods).sort()).toEqual([...METHOD_IDS].sort());
  });

  it('explains only symbols its formula has', () => {
    const off: string[] = [];
    for (const id of METHOD_IDS) {
      for (const [symbol] of LEARN_METHODS[id].symbols) {
        for (const part of symbol.split(/,\s*|\s*=\s*/).map((s) => s.trim()).filter(Boolean)) {
          const head = part.replace(/\(.*$/, '');
          if (!LEARN_METHODS[id].formula.includes(head)) off.push(`${id}: ${part}`);
        }
      }
    }
    expect(off).toEqual([]);
  });

  it("writes the symbol of each loss param of the method's code into its formula", () => {
    const PARAM_SYMBOLS: Partial<Record<MethodId, Record<string, string>>> = {
      simclr: { temperature: 'τ' },
      moco: { temperature: 'τ', queueSize: 'K', momentum: 'm' },
      cpc: { predictSteps: 'K' },
      dim: { alpha: 'α', beta: 'β', gamma: 'γ' },
      sla: { sdTemperature: 'T²' },
      s4l: { selfSupWeight: 'w' },
      tcn: { margin: 'α', temperature: 'τ' },
      'wang-gupta': { margin: 'M' },
    };
    for (const [id, symbols] of Object.entries(PARAM_SYMBOLS) as [MethodId, Record<string, string>][]) {
      for (const [param, symbol] of Object.entries(symbols)) {
        expect(Object.keys(METHOD_SPECS[id].params), `${id} has ${param}`).toContain(param);
        expect(LEARN_METHODS[id].formula, `${id}: ${param}`).toContain(symbol);
      }
    }
  });

  it("points each of the article's nine papers to its method, in the article's sections", () => {
    const byPaper = METHOD_IDS.flatMap((id) => (LEARN_METHODS[id].article?.paper ? [[LEARN_METHODS[id].article!.paper, id, LEARN_METHODS[id].article!.section] as const] : []))
      .sort((a, b) => a[0] - b[0]);
    expect(byPaper).toEqual([
      [1, 'sla', 'context'], [2, 's4l', 'context'],
      [3, 'tcn', 'temporal'], [4, 'wang-gupta', 'temporal'], [5, 'shuffle-learn', 'temporal'],
      [6, 'dim', 'contrastive'], [7, 'cpc', 'contrastive'], [8, 'moco', 'contrastive'], [9, 'simclr', 'contrastive'],
    ]);
    expect(LEARN_METHODS.supervised.article).toBeNull();
  });
});
