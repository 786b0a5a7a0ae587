import type { Translation } from '../types';
import type { data as en } from '../en/data';

/** 简体中文：data（与英文目录逐键对应）。 */
export const data: Translation<typeof en> = {
};
