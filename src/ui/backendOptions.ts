import type { TFunction } from 'i18next';
import type { BackendPreference } from '../shared/config';
import { i18n } from '../i18n/i18n';

const BACKENDS: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendOption {
  value: BackendPreference;
  /** The catalog key of the option's words (t(labelKey)). */
  labelKey: string;
  /** The option's words in the current language (read at render time). */
  readonly label: string;
}

/** The option's words in the language of `t`. */
export const backendOptionLabel = (t: TFunction, value: BackendPreference): string => t(`app.backendOptions.${value}`);

/** The backend choices as the setup panel and the resume banner offer them. */
export const BACKEND_OPTIONS: readonly BackendOption[] = BACKENDS.map((value) => ({
  value,
  labelKey: `app.backendOptions.${value}`,
  get label() { return i18n.t(this.labelKey); },
}));
