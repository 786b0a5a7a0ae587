/**
 * What the setup panel knows of the draft's dataset for the requirement check
 * (methods/requirements.ts): its kind from the built-in catalog or a dropped dataset's summary,
 * and, for a dropped one, how many classes have both training and held-out images.
 */
import { BUILTIN_DATASETS } from '../data/catalog';
import type { DatasetSummary } from '../data/summary';
import type { DatasetTraits } from '../methods/requirements';
import { datasetName } from '../i18n/content';

/** null while nothing is known of the dataset (a dropped one not yet listed): nothing to check. */
export function draftDatasetTraits(datasetId: string, summary: DatasetSummary | undefined): DatasetTraits | null {
  const builtin = BUILTIN_DATASETS.find((d) => d.id === datasetId);
  const kind = builtin?.kind ?? summary?.kind;
  if (!kind) return null;
  // The built-in datasets are labelled (every class in both splits); a dropped one is counted.
  const usableClasses = summary ? summary.perClass.filter((c) => c.train > 0 && c.test > 0).length : Number.POSITIVE_INFINITY;
  // The name goes into the requirement message: a built-in one as the page names it.
  const channels = summary?.channels ?? (builtin && 'channels' in builtin ? builtin.channels : 3);
  return { name: summary?.name ?? (builtin ? datasetName(builtin.id) : datasetId), kind, usableClasses, channels };
}
