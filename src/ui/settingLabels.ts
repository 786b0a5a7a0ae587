/**
 * The setup panel's names for settings whose specs live outside the UI (run settings, checkpoint
 * settings, the minutes budget), in the current language. The specs keep their English labels
 * (run names, scripts); settingLabels.test.ts checks the English catalog says the same.
 */
import { RUN_SETTINGS } from '../shared/config';
import { CHECKPOINT_SETTINGS } from '../checkpoint/types';
import { i18n } from '../i18n/i18n';

export type RunSettingKey = keyof typeof RUN_SETTINGS;
export type CheckpointSettingKey = keyof typeof CHECKPOINT_SETTINGS;

const lookup = (key: string, fallback: string): string => i18n.t(key, { defaultValue: fallback }) as string;

export const runSettingLabel = (key: string): string =>
  lookup(`setup.runSettings.${key}`, RUN_SETTINGS[key as RunSettingKey]?.label ?? key);
export const checkpointSettingLabel = (key: string): string =>
  lookup(`setup.checkpointSettings.${key}`, CHECKPOINT_SETTINGS[key as CheckpointSettingKey]?.label ?? key);
export const budgetMinutesLabel = (): string => i18n.t('setup.budget.minutes') as string;
