/**
 * The context methods' own tasks scored on the run's held-out images (MethodContext.heldOutImages):
 * each image gives T fixed task instances (RotNet: its 4 rotations; jigsaw: one permutation;
 * relative position: its 8 neighbours), a classifier scores each K ways, and the score is the
 * fraction whose argmax is the true class. Chunks of images keep the backend's shapes few.
 */
import * as tf from '@tensorflow/tfjs';
import { embedInChunksData } from '../eval/embedInChunks';

/** Held-out images a context task scores at most (standard error about 3 points at 256 near 50%). */
export const HELD_OUT_TASK_IMAGES = 256;
/** Images per chunk: each expands to several encoder inputs (4 rotations, 9 or 16 tiles). */
const TASK_CHUNK = 32;

/** How many held-out images the task scores (0 without any). */
export const heldOutTaskCount = (images: tf.Tensor4D | undefined) => Math.min(HELD_OUT_TASK_IMAGES, images?.shape[0] ?? 0);

/**
 * Fraction of the count * tasks instances classified right. logits(rows, chunk): the chunk's images
 * [c, H, W, 3] (rows: their held-out indices) -> [c, tasks * classes] logits, instance t of image
 * i in columns [t K, (t + 1) K); target(i, t) its true class.
 */
export async function heldOutTaskAccuracy(
  images: tf.Tensor4D, count: number, tasks: number, classes: number,
  logits: (chunk: tf.Tensor4D, rows: Int32Array) => tf.Tensor2D,
  target: (image: number, task: number) => number,
): Promise<number> {
  let rowsOfChunk: Int32Array = new Int32Array(0);
  const { values } = await embedInChunksData(count, (rows) => {
    rowsOfChunk = rows;
    return tf.gather(images, tf.tensor1d(rows, 'int32')) as tf.Tensor4D;
  }, (x) => logits(x, rowsOfChunk), TASK_CHUNK);
  let right = 0;
  for (let i = 0; i < count; i++) {
    for (let t = 0; t < tasks; t++) {
      const base = (i * tasks + t) * classes;
      let best = 0;
      for (let k = 1; k < classes; k++) if (values[base + k] > values[base + best]) best = k;
      if (best === target(i, t)) right++;
    }
  }
  return right / (count * tasks);
}
