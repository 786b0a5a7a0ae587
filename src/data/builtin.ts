/**
 * The built-in datasets: generated in code or shipped under public/datasets (never downloaded
 * from elsewhere). `fetchBytes` reads a file of public/: fetch() in the browser, fs in Node.
 * What the UI lists (ids, names, kinds) is in catalog.ts.
 */
import { data as englishData } from '../i18n/locales/en/data';
import { text } from '../shared/text';
import { FASHION_MNIST_FILE, type BuiltinDatasetId } from './catalog';
import type { Dataset } from './dataset';
import { generateMovingShapes } from './movingShapes';
import { inflateRaw, unpackDataset } from './packedDataset';
import { generateShapesDataset } from './shapes';
import { generateTurntable } from './turntable';

export type FetchBytes = (publicPath: string) => Promise<Uint8Array>;

export async function loadBuiltinDataset(id: BuiltinDatasetId, fetchBytes: FetchBytes): Promise<Dataset> {
  switch (id) {
    case 'shapes':
      return generateShapesDataset();
    case 'fashion-mnist': {
      const d = unpackDataset(await inflateRaw(await fetchBytes(FASHION_MNIST_FILE)));
      // The file's own English source line, shown in the reader's language where the catalog has it.
      if (d.source === englishData.sources.fashionMnist) d.source = text('data.sources.fashionMnist');
      return d;
    }
    case 'moving-shapes':
      return generateMovingShapes();
    case 'turntable':
      return generateTurntable();
  }
}
