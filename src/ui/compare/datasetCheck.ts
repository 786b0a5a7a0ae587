/** Whether the dataset an experiment names is here, and the same data (by fingerprint). */
import { isBuiltinDatasetId } from '../../data/catalog';
import type { DatasetRef } from '../../experiment/types';
import { useDataStore } from '../../store/dataStore';
import { text, type Text } from '../../shared/text';
import { datasetName } from '../../i18n/content';

/** message and warning are Texts: the banner and the planner render them with useText. */
export type DatasetCheck =
  | { ok: true; datasetId: string; warning?: Text }
  | { ok: false; message: Text };

const short = (fingerprint: string) => fingerprint.slice(0, 12);

export function useDatasetCheck(ref: DatasetRef | null): DatasetCheck | null {
  const users = useDataStore((s) => s.userDatasets);
  const builtinFingerprint = useDataStore((s) => (ref ? s.builtins[ref.id]?.summary?.fingerprint : undefined));
  if (!ref) return null;
  if (isBuiltinDatasetId(ref.id)) {
    const differs = ref.fingerprint && builtinFingerprint && builtinFingerprint !== ref.fingerprint;
    return {
      ok: true, datasetId: ref.id,
      ...(differs && { warning: text('compare.datasetCheck.builtinDiffers', { name: datasetName(ref.id, ref.name), here: short(builtinFingerprint), link: short(ref.fingerprint) }) }),
    };
  }
  const same = users.find((d) => ref.fingerprint && d.summary.fingerprint === ref.fingerprint);
  if (same) return { ok: true, datasetId: same.id };
  const namesake = users.find((d) => d.summary.name === ref.name);
  if (namesake) {
    const expected = short(ref.fingerprint) || text('compare.datasetCheck.noFingerprint');
    return { ok: false, message: text('compare.datasetCheck.notSame', { name: namesake.summary.name, here: short(namesake.summary.fingerprint), expected }) };
  }
  return {
    ok: false,
    message: ref.fingerprint
      ? text('compare.datasetCheck.missingWithFingerprint', { name: ref.name, fingerprint: short(ref.fingerprint) })
      : text('compare.datasetCheck.missing', { name: ref.name }),
  };
}
