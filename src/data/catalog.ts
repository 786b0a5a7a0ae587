/**
 * The built-in datasets as the UI lists them: ids, names, kinds, descriptions and the shipped
 * file's path; no generators or decoders (those are in builtin.ts, which the workers load), so UI
 * code can import this without pulling the dataset code into its bundle.
 */

export interface BuiltinDatasetInfo {
  id: string;
  name: string;
  kind: 'images' | 'video';
  description: string;
  /** Colour channels of the images (absent: 3); 1: grayscale (colorization refuses it). */
  channels?: 1 | 3;
}

export const BUILTIN_DATASETS = [
  { id: 'shapes', kind: 'images', name: 'Colour shapes (6 classes, 32 px)', description: '6000 train / 1200 held-out images generated from a seed; the class is the shape (upright); colour, size, position and background are nuisances, the things the augmentations vary.' },
  { id: 'fashion-mnist', kind: 'images', channels: 1, name: 'Fashion-MNIST subset (10 classes, 28 px)', description: '10000 train / 2000 held-out images from Debian\'s dataset-fashion-mnist (MIT licence).' },
  { id: 'moving-shapes', kind: 'video', name: 'Moving shapes videos (6 classes, 32 px)', description: '60 clips of 40 frames at 10 fps: one sprite per clip moving, bouncing and turning over a textured background; the class is the sprite. 12 of the videos (2 per class) are held out whole for evaluation; image methods train on the frames of the other videos.' },
  { id: 'turntable', kind: 'video', name: 'Multi-view turntable (3 cameras, 32 px)', description: '6 scenes (arm, windmill, cube; 2 each) filmed by 3 synchronised cameras, 48 time steps at 10 fps; frame i of every view is time step i.' },
] as const satisfies readonly BuiltinDatasetInfo[];

export type BuiltinDatasetId = (typeof BUILTIN_DATASETS)[number]['id'];

export const isBuiltinDatasetId = (id: string): id is BuiltinDatasetId => BUILTIN_DATASETS.some((d) => d.id === id);

/** Fashion-MNIST's packed file under public/ (scripts/convert-fashion-mnist.ts writes it). */
export const FASHION_MNIST_FILE = 'datasets/fashion-mnist.pxds';
