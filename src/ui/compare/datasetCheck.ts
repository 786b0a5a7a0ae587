/** Whether the dataset an experiment names is here, and the same data (by fingerprint). */
import { isBuiltinDatasetId } from '../../data/catalog';
import type { DatasetRef } from '../../experiment/types';
import { useDataStore } from '../../store/dataStore';

export type DatasetCheck =
  | { ok: true; datasetId: string; warning?: string }
  | { ok: false; message: string };

const short = (fingerprint: string) => fingerprint.slice(0, 12);

export function useDatasetCheck(ref: DatasetRef | null): DatasetCheck | null {
  const users = useDataStore((s) => s.userDatasets);
  const builtinFingerprint = useDataStore((s) => (ref ? s.builtins[ref.id]?.summary?.fingerprint : undefined));
  if (!ref) return null;
  if (isBuiltinDatasetId(ref.id)) {
    const differs = ref.fingerprint && builtinFingerprint && builtinFingerprint !== ref.fingerprint;
    return { ok: true, datasetId: ref.id, ...(differs && { warning: `The built-in "${ref.name}" here has fingerprint ${short(builtinFingerprint)}, the link was made with ${short(ref.fingerprint)}: this version of Pretext generates it differently, so results may differ.` }) };
  }
  const same = users.find((d) => ref.fingerprint && d.summary.fingerprint === ref.fingerprint);
  if (same) return { ok: true, datasetId: same.id };
  const namesake = users.find((d) => d.summary.name === ref.name);
  const expected = ref.fingerprint ? ` (fingerprint ${short(ref.fingerprint)})` : '';
  if (namesake) {
    return { ok: false, message: `The loaded "${namesake.summary.name}" is not the same data: its fingerprint is ${short(namesake.summary.fingerprint)}, the link expects ${short(ref.fingerprint) || 'none'}. Drop exactly the files the experiment used (same files, same decoding settings).` };
  }
  return { ok: false, message: `This experiment trains on your own dataset "${ref.name}"${expected}, which is not in this browser. Drop the same files on the Data tab; Run becomes available once their fingerprint matches.` };
}
