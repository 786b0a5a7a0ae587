/**
 * The one chunked-embedding helper: f applied to many rows a fixed-size chunk at a time, rows
 * concatenated in order. Few distinct shapes keep the WebGPU buffer pool flat, and a chunk never
 * asks the backend for more memory than one full chunk needs. Training (evaluation) and the
 * video methods (their held-out scores) both embed through it.
 */
import * as tf from '@tensorflow/tfjs';

/** Most rows per chunk. */
export const EMBED_CHUNK = 128;

/**
 * Rows per chunk for `count` rows: maxChunk, or the next power of two above a smaller count (a
 * 20-image evaluation need not pay for 128 rows, which matters for CPC's 49 patches per image;
 * powers of two keep the set of shapes small).
 */
export function chunkSize(count: number, maxChunk = EMBED_CHUNK): number {
  return Math.min(maxChunk, 2 ** Math.ceil(Math.log2(Math.max(1, count))));
}

/**
 * [count, D]: f applied to `count` rows that makeChunk builds from row ids, chunk by chunk. The
 * last chunk is padded to full size with repeats of its own first row, not zeros: a row id is
 * all makeChunk needs (gathered frames and cropped patches need no zero images of their shape),
 * and the padded rows are real inputs whose outputs are dropped. f must treat rows independently
 * (the encoder does: group norm has no batch statistics), so padding does not change any row.
 */
export function embedInChunks(count: number, makeChunk: (rows: Int32Array) => tf.Tensor4D, f: (x: tf.Tensor4D) => tf.Tensor2D, maxChunk = EMBED_CHUNK): tf.Tensor2D {
  if (count <= 0) throw new Error('embedInChunks needs at least one row');
  const size = chunkSize(count, maxChunk);
  return tf.tidy(() => {
    const chunks: tf.Tensor2D[] = [];
    for (let start = 0; start < count; start += size) {
      const n = Math.min(size, count - start);
      const rows = Int32Array.from({ length: size }, (_, i) => start + (i < n ? i : 0));
      chunks.push(f(makeChunk(rows)).slice([0, 0], [n, -1]));
    }
    return chunks.length === 1 ? chunks[0] : tf.concat(chunks, 0);
  });
}

/** [N, D]: f applied to images [N, H, W, C] in chunks (see embedInChunks). */
export function embedImages(images: tf.Tensor4D, f: (x: tf.Tensor4D) => tf.Tensor2D, maxChunk = EMBED_CHUNK): tf.Tensor2D {
  return embedInChunks(images.shape[0], (rows) => tf.gather(images, tf.tensor1d(rows, 'int32')) as tf.Tensor4D, f, maxChunk);
}

/** embedInChunks read back: [count * D] values and D (count 0: no values, D 0). */
export async function embedInChunksData(count: number, makeChunk: (rows: Int32Array) => tf.Tensor4D, f: (x: tf.Tensor4D) => tf.Tensor2D, maxChunk = EMBED_CHUNK): Promise<{ values: Float32Array; dim: number }> {
  if (count <= 0) return { values: new Float32Array(0), dim: 0 };
  const out = embedInChunks(count, makeChunk, f, maxChunk);
  const dim = out.shape[1];
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return { values, dim };
}
