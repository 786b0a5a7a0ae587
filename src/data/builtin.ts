/**
 * The built-in datasets: generated in code or shipped under public/datasets (never downloaded
 * from elsewhere). `fetchBytes` reads a file of public/: fetch() in the browser, fs in Node.
 */
import type { ImageDataset } from './dataset';
import { inflateRaw, unpackDataset } from './packedDataset';
import { generateShapesDataset } from './shapes';

export type FetchBytes = (publicPath: string) => Promise<Uint8Array>;

export interface BuiltinDatasetInfo {
  id: string;
  name: string;
  description: string;
}

export const BUILTIN_DATASETS = [
  { id: 'shapes', name: 'Colour shapes (6 classes, 32 px)', description: '6000 train / 1200 held-out images generated from a seed; the class is the shape, colour, size, position, rotation and background are nuisances.' },
  { id: 'fashion-mnist', name: 'Fashion-MNIST subset (10 classes, 28 px)', description: '10000 train / 2000 held-out images from Debian\'s dataset-fashion-mnist (MIT licence).' },
] as const satisfies readonly BuiltinDatasetInfo[];

export type BuiltinDatasetId = (typeof BUILTIN_DATASETS)[number]['id'];

export const FASHION_MNIST_FILE = 'datasets/fashion-mnist.pxds';

export async function loadBuiltinDataset(id: BuiltinDatasetId, fetchBytes: FetchBytes): Promise<ImageDataset> {
  switch (id) {
    case 'shapes':
      return generateShapesDataset();
    case 'fashion-mnist':
      return unpackDataset(await inflateRaw(await fetchBytes(FASHION_MNIST_FILE)));
  }
}
