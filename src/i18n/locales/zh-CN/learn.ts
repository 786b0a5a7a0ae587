import type { Translation } from '../types';
import type { learn as en } from '../en/learn';

/** 简体中文：learn（与英文目录逐键对应）。 */
export const learn: Translation<typeof en> = {
};
