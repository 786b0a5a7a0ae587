import * as tf from '@tensorflow/tfjs';
import type { ImageDataset, ImageSplit } from './dataset';

/** A split's images on the backend: [count, H, W, 3] float32 in [0, 1] (grayscale tiled to RGB). */
export function uploadImages(d: Pick<ImageDataset, 'height' | 'width' | 'channels'>, split: Pick<ImageSplit, 'images' | 'count'>): tf.Tensor4D {
  return tf.tidy(() => {
    const bytes = Float32Array.from(split.images);
    const x = tf.tensor4d(bytes, [split.count, d.height, d.width, d.channels]).div(255);
    return (d.channels === 1 ? tf.tile(x, [1, 1, 1, 3]) : x) as tf.Tensor4D;
  });
}
