import type { CatalogTree } from '../types';

/** 方法、参数、指标、数据集与预设的中文（键与 en/content.ts 生成的键一致，catalogs.test.ts 检查）。 */
export const content: CatalogTree = {};
