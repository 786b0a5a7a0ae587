import type { Translation } from '../types';
import type { compare as en } from '../en/compare';

/** 简体中文：compare（与英文目录逐键对应）。 */
export const compare: Translation<typeof en> = {
};
