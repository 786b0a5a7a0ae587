import type { Translation } from '../types';
import type { app as en } from '../en/app';

/** 简体中文：app（与英文目录逐键对应）。 */
export const app: Translation<typeof en> = {
  language: '语言',
};
