import type { Translation } from '../types';
import type { messages as en } from '../en/messages';

/** 简体中文：messages（与英文目录逐键对应）。 */
export const messages: Translation<typeof en> = {
};
