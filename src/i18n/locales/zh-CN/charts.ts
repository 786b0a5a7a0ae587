import type { Translation } from '../types';
import type { charts as en } from '../en/charts';

/** 简体中文：charts（与英文目录逐键对应）。 */
export const charts: Translation<typeof en> = {
};
