/**
 * Converts Debian's dataset-fashion-mnist (MIT) into public/datasets/fashion-mnist.pxds:
 * the first 10000 training and first 2000 test images, 28x28 grayscale, deflate-raw packed.
 *   apt-get install dataset-fashion-mnist && npx tsx scripts/convert-fashion-mnist.ts
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { deflateRaw, packDataset } from '../src/data/packedDataset';
import { FASHION_MNIST_FILE } from '../src/data/catalog';

const SRC = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

function readIdx(file: string, magic: number, headerBytes: number): { count: number; data: Uint8Array } {
  const raw = gunzipSync(readFileSync(`${SRC}/${file}`));
  const view = new DataView(raw.buffer, raw.byteOffset);
  if (view.getUint32(0) !== magic) throw new Error(`${file}: bad IDX magic`);
  return { count: view.getUint32(4), data: raw.subarray(headerBytes) };
}

function split(images: string, labels: string, take: number) {
  const im = readIdx(images, 2051, 16);
  const lb = readIdx(labels, 2049, 8);
  if (im.count < take || lb.count < take) throw new Error(`${images}: only ${im.count} images`);
  return { images: im.data.slice(0, take * 784), labels: Int32Array.from(lb.data.subarray(0, take)), count: take };
}

const dataset = {
  kind: 'images' as const,
  id: 'fashion-mnist',
  name: 'Fashion-MNIST subset',
  height: 28, width: 28, channels: 1 as const,
  classNames: CLASSES,
  train: split('train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 10000),
  test: split('t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz', 2000),
  source: "Fashion-MNIST (Zalando Research, MIT licence), from Debian's dataset-fashion-mnist: first 10000 train and 2000 test images",
};
const packed = await deflateRaw(packDataset(dataset));
mkdirSync('public/datasets', { recursive: true });
writeFileSync(`public/${FASHION_MNIST_FILE}`, packed);
console.log(`wrote public/${FASHION_MNIST_FILE}: ${packed.length} bytes`);
