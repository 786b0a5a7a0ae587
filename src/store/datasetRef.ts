/** The dataset a config names, with its fingerprint where this page knows it. */
import type { DatasetRef } from '../experiment/types';
import { useDataStore } from './dataStore';

export function datasetRefOf(datasetId: string): DatasetRef {
  const data = useDataStore.getState();
  const user = data.userDatasets.find((d) => d.id === datasetId);
  if (user) return { id: datasetId, name: user.summary.name, fingerprint: user.summary.fingerprint };
  const builtin = data.builtins[datasetId]?.summary;
  return { id: datasetId, name: builtin?.name ?? datasetId, fingerprint: builtin?.fingerprint ?? '' };
}
