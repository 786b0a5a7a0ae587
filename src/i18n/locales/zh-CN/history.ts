import type { Translation } from '../types';
import type { history as en } from '../en/history';

/** 简体中文：history（与英文目录逐键对应）。 */
export const history: Translation<typeof en> = {
};
