import type { Translation } from '../types';
import type { setup as en } from '../en/setup';

/** 简体中文：setup（与英文目录逐键对应）。 */
export const setup: Translation<typeof en> = {
};
