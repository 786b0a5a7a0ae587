/**
 * The field's established Chinese terms, as the article behind Pretext uses them
 * (../shared/seed/000_7dcaf3884724f24b.txt). catalogs.test.ts checks that a zh-CN string whose
 * English has the term uses the Chinese term, so one idea keeps one name across the app.
 * A few English words have more than one accepted rendering: `zh` lists them all.
 */
export interface GlossaryTerm {
  en: RegExp;
  zh: readonly string[];
  note?: string;
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  { en: /\bself-supervised\b/i, zh: ['自监督'] },
  { en: /\bcontrastive\b/i, zh: ['对比'] },
  { en: /\bpositives?\b|\bpositive pairs?\b/i, zh: ['正样本'] },
  { en: /\bnegatives?\b|\bnegative pairs?\b/i, zh: ['负样本'] },
  { en: /\baugmentations?\b/i, zh: ['数据增强', '增强'] },
  { en: /\bmomentum encoder\b|\bkey encoder\b/i, zh: ['动量编码器'] },
  { en: /\bprojection head\b/i, zh: ['投影头'] },
  { en: /\blinear (probe|evaluation)\b/i, zh: ['线性评估'] },
  { en: /\bencoder\b/i, zh: ['编码器'] },
  { en: /\bembeddings?\b/i, zh: ['嵌入'] },
  { en: /\blearning rate\b/i, zh: ['学习率'] },
  { en: /\bbatch size\b/i, zh: ['批大小'] },
  { en: /\btemperature\b/i, zh: ['温度'] },
  { en: /\bcheckpoints?\b/i, zh: ['检查点'] },
  { en: /\bheld-out\b/i, zh: ['留出'], note: '留出集 for the held-out split' },
  { en: /\bbackend\b/i, zh: ['后端'] },
  { en: /\baccuracy\b/i, zh: ['准确率'] },
  { en: /\bqueue\b/i, zh: ['队列'] },
  { en: /\brepresentations?\b/i, zh: ['表征', '表示'] },
  { en: /\bpretext task\b/i, zh: ['代理任务', '前置任务'] },
  { en: /\bsupervised baseline\b/i, zh: ['监督基线'] },
  { en: /\bcollapse\b/i, zh: ['坍塌'] },
  { en: /\bdataset\b/i, zh: ['数据集'] },
];

/** Catalog keys where a term's usual Chinese does not fit, each with the reason. */
export const GLOSSARY_EXCEPTIONS: Readonly<Record<string, string>> = {
  'compare.encoderFile.inputShape': '"positive whole numbers" are 正整数 (integers > 0), not positive samples',
};
