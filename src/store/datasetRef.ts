/** The dataset a config names, with its fingerprint where this page knows it. */
import { BUILTIN_DATASETS } from '../data/catalog';
import type { DatasetRef } from '../experiment/types';
import { useDataStore } from './dataStore';

export function datasetRefOf(datasetId: string): DatasetRef {
  const data = useDataStore.getState();
  const user = data.userDatasets.find((d) => d.id === datasetId);
  if (user) return { id: datasetId, name: user.summary.name, fingerprint: user.summary.fingerprint };
  const builtin = data.builtins[datasetId]?.summary;
  // Before the built-in's summary is loaded, its catalog name (not its id).
  return { id: datasetId, name: builtin?.name ?? BUILTIN_DATASETS.find((d) => d.id === datasetId)?.name ?? datasetId, fingerprint: builtin?.fingerprint ?? '' };
}
