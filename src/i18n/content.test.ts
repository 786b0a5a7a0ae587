import { afterEach, describe, expect, it } from 'vitest';
import { METHOD_IDS, METHOD_SPECS, type MethodId } from '../methods/catalog';
import type { MethodSpec } from '../methods/spec';
import type { ParamSpec } from '../shared/params';
import { BUILTIN_DATASETS } from '../data/catalog';
import { PRESETS } from '../experiment/presets';
import { i18n } from './i18n';
import { hasWords } from './scan';
import { PARAM_FIELDS } from './locales/en/content';
import {
  datasetDescription, datasetName, heldOutScoreHelp, heldOutScoreLabel, metricLabelText, methodLabel, methodSummary,
  paramHelp, paramLabel, paramOption, paramPaper, presetFinding, presetTitle, similarityNote, testAccuracyLabel,
} from './content';

const CJK = /[\u3400-\u9fff]/;
const spec = (id: MethodId): MethodSpec => METHOD_SPECS[id];
const paramsOf = (id: MethodId) => Object.entries(spec(id).params as Readonly<Record<string, ParamSpec>>);
const resource = (lng: string, key: string) => i18n.getResource(lng, 'translation', key) as unknown;
const has = (lng: string, key: string) => typeof resource(lng, key) === 'string';
/** The key a param's field resolves to: the method's own where English has one, else the shared one. */
const paramKey = (id: MethodId, key: string, field: string) =>
  has('en', `content.params.${id}.${key}.${field}`) ? `content.params.${id}.${key}.${field}` : `content.params.shared.${key}.${field}`;

/** Every content key the lookups read, with the English the spec has for it. */
function expectedEnglish(): [string, string][] {
  const out: [string, string][] = [];
  for (const id of METHOD_IDS) {
    const s = spec(id);
    const m = `content.methods.${id}`;
    out.push([`${m}.label`, s.label], [`${m}.summary`, s.summary], [`${m}.similarityNote`, s.similarityNote]);
    for (const name of s.extraMetrics) out.push([`${m}.metrics.${name}`, s.metricLabels?.[name] ?? name]);
    for (const h of s.heldOutScores ?? []) out.push([`${m}.heldOutScores.${h.name}.label`, h.name], [`${m}.heldOutScores.${h.name}.help`, h.help]);
    for (const name of s.testAccuracies ?? []) out.push([`${m}.testAccuracies.${name}`, name]);
    for (const [key, p] of paramsOf(id)) {
      for (const field of PARAM_FIELDS) if (p[field] !== undefined) out.push([paramKey(id, key, field), p[field]!]);
      if (p.kind === 'choice') for (const o of p.options) out.push([`content.options.${key}.${o}`, i18n.getFixedT('en')(`content.options.${key}.${o}`) as string]);
    }
  }
  for (const d of BUILTIN_DATASETS) out.push([`content.datasets.${d.id}.name`, d.name], [`content.datasets.${d.id}.description`, d.description]);
  for (const p of PRESETS) out.push([`content.presets.${p.id}.title`, p.title], [`content.presets.${p.id}.finding`, p.finding]);
  return out;
}

describe('content keys', () => {
  it('every method, param, option, dataset and preset text has its key in both languages', () => {
    const missing = expectedEnglish().flatMap(([key]) => ['en', 'zh-CN'].filter((lng) => !has(lng, key)).map((lng) => `${lng}: ${key}`));
    expect(missing).toEqual([]);
  });

  it("the English catalog holds the specs' own text", () => {
    const wrong = expectedEnglish().filter(([key, text]) => resource('en', key) !== text).map(([key]) => key);
    expect(wrong).toEqual([]);
  });

  it('no spec text would be interpolated or nested by i18next', () => {
    expect(expectedEnglish().filter(([, text]) => /\{\{|\$t\(/.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('a text shared by several methods is stored once; a method with other wording has its own key', () => {
    expect(has('en', 'content.params.shared.learningRate.label')).toBe(true);
    expect(has('en', 'content.params.simclr.learningRate.label')).toBe(false);
    expect(resource('en', 'content.params.shared.batchSize.label')).toBe('Batch size (images)');
    expect(resource('en', 'content.params.tcn.batchSize.label')).toBe('Batch size (triplets)');
  });
});

describe('the lookups in English', () => {
  it("return the specs' text", () => {
    for (const id of METHOD_IDS) {
      const s = spec(id);
      expect(methodLabel(id)).toBe(s.label);
      expect(methodSummary(id)).toBe(s.summary);
      expect(similarityNote(id)).toBe(s.similarityNote);
      for (const name of s.extraMetrics) expect(metricLabelText(id, name)).toBe(s.metricLabels?.[name] ?? name);
      for (const h of s.heldOutScores ?? []) {
        expect(heldOutScoreLabel(id, h.name)).toBe(h.name);
        expect(heldOutScoreHelp(id, h.name)).toBe(h.help);
      }
      for (const name of s.testAccuracies ?? []) expect(testAccuracyLabel(id, name)).toBe(name);
      for (const [key, p] of paramsOf(id)) {
        expect(paramLabel(id, key), `${id}.${key}`).toBe(p.label);
        expect(paramHelp(id, key), `${id}.${key}`).toBe(p.help);
        expect(paramPaper(id, key), `${id}.${key}`).toBe(p.paper);
      }
    }
    for (const d of BUILTIN_DATASETS) {
      expect(datasetName(d.id)).toBe(d.name);
      expect(datasetDescription(d.id)).toBe(d.description);
    }
    for (const p of PRESETS) {
      expect(presetTitle(p.id)).toBe(p.title);
      expect(presetFinding(p.id)).toBe(p.finding);
    }
  });

  it('show options by name, and unknown things as given', () => {
    expect(paramOption('optimizer', 'adam')).toBe('Adam');
    expect(paramOption('lrSchedule', 'cosine')).toBe('cosine');
    expect(paramOption('variant', 'multi-view')).toBe('multi-view');
    expect(paramOption('nothing', 'else')).toBe('else');
    expect(datasetName('user-1234', 'my folder')).toBe('my folder');
    expect(paramLabel('simclr', 'noSuchParam')).toBe('noSuchParam');
    expect(paramHelp('simclr', 'temperature')).toBeUndefined();
  });
});

describe('the lookups in Chinese', () => {
  afterEach(async () => { await i18n.changeLanguage('en'); });

  it('return Chinese for everything with words to read', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(methodLabel('supervised')).toBe('监督学习（基线）');
    expect(paramLabel('simclr', 'learningRate')).toBe('学习率');
    expect(paramLabel('tcn', 'batchSize')).toBe('批大小（三元组数）');
    expect(paramLabel('simclr', 'batchSize')).toBe('批大小（图像数）');
    expect(paramPaper('simclr', 'temperature')).toBe('0.5（CIFAR-10），0.1（ImageNet，批大小 4096）');
    expect(paramOption('lrSchedule', 'cosine')).toBe('余弦');
    expect(datasetName('shapes')).toMatch(CJK);
    expect(presetTitle('moco-queue')).toBe('MoCo 队列大小');

    const english: string[] = [];
    const check = (what: string, en: string | undefined, zh: string | undefined) => {
      if (en !== undefined && hasWords(en) && !CJK.test(zh ?? '')) english.push(`${what}: ${zh}`);
    };
    const enT = i18n.getFixedT('en');
    for (const id of METHOD_IDS) {
      const s = spec(id);
      check(`${id} label`, s.label, methodLabel(id));
      check(`${id} summary`, s.summary, methodSummary(id));
      check(`${id} note`, s.similarityNote, similarityNote(id));
      for (const name of s.extraMetrics) check(`${id} metric ${name}`, s.metricLabels?.[name] ?? name, metricLabelText(id, name));
      for (const h of s.heldOutScores ?? []) { check(`${id} ${h.name}`, h.name, heldOutScoreLabel(id, h.name)); check(`${id} ${h.name} help`, h.help, heldOutScoreHelp(id, h.name)); }
      for (const name of s.testAccuracies ?? []) check(`${id} head ${name}`, name, testAccuracyLabel(id, name));
      for (const [key, p] of paramsOf(id)) {
        check(`${id}.${key} label`, p.label, paramLabel(id, key));
        check(`${id}.${key} help`, p.help, paramHelp(id, key));
        check(`${id}.${key} paper`, p.paper, paramPaper(id, key));
        if (p.kind === 'choice') for (const o of p.options) check(`${key}=${o}`, enT(`content.options.${key}.${o}`) as string, paramOption(key, o));
      }
    }
    for (const d of BUILTIN_DATASETS) { check(d.id, d.name, datasetName(d.id)); check(`${d.id} description`, d.description, datasetDescription(d.id)); }
    for (const p of PRESETS) { check(p.id, p.title, presetTitle(p.id)); check(`${p.id} finding`, p.finding, presetFinding(p.id)); }
    expect(english).toEqual([]);
  });

  it('the language is English again after the Chinese test', () => {
    expect(methodLabel('supervised')).toBe('Supervised (baseline)');
  });
});
