import type { CatalogTree } from '../types';

/**
 * English names and texts of things defined outside the UI (methods, params, metrics, datasets,
 * presets), built from their specs so the specs stay the one source of the English.
 * t('content.…'); src/i18n/content.ts has the lookups the UI calls.
 */
export const content: CatalogTree = {};
