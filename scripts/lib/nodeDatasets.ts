/** Built-in datasets in Node: generated in code, or read from public/ with fs (never downloaded). */
import { readFileSync } from 'node:fs';
import { loadBuiltinDataset } from '../../src/data/builtin';
import { isBuiltinDatasetId } from '../../src/data/catalog';
import type { Dataset } from '../../src/data/dataset';

export async function loadBuiltinInNode(id: string): Promise<Dataset> {
  if (!isBuiltinDatasetId(id)) throw new Error(`${id} is not a built-in dataset`);
  return loadBuiltinDataset(id, async (path) => new Uint8Array(readFileSync(`public/${path}`)));
}
