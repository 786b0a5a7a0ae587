/**
 * Kernels the wasm backend of tfjs 4.22 lacks or gets wrong, for the ten methods' steps:
 * - UnsortedSegmentSum is missing (it is the gradient of gather: Wang & Gupta's negatives).
 * - GatherV2 with batchDims > 0 reads out of bounds for some shapes and returns garbage without
 *   an error ([3, 4] gathered by [3, 2] indices at axis 1: 6, 1.3e-40, 5.6e-44 for 5, 10, 11).
 *   Batched gathers become one plain gather over the flattened batch.
 * Conv2DBackpropFilter, also missing, is not needed: convGradients.ts computes conv2d's gradient
 * with forward convolutions.
 */
import * as tf from '@tensorflow/tfjs';
import { registerTfOpKernel } from './tfOpKernel';

/** out[s, ...] = sum of x[i, ...] over i with segmentIds[i] = s, as a one-hot matMul. */
function unsortedSegmentSum({ x, segmentIds }: Record<string, tf.Tensor>, attrs: Record<string, unknown>): tf.Tensor {
  const numSegments = Number(attrs.numSegments);
  const rows = segmentIds.size;
  const inner = x.shape.slice(segmentIds.rank);
  const values = x.reshape([rows, -1]).toFloat();                                         // [rows, inner]
  const oneHot = tf.oneHot(segmentIds.reshape([rows]).toInt(), numSegments).toFloat();  // [rows, S]; ids outside [0, S) add nothing, as the op defines
  const sums = tf.matMul(oneHot, values, true, false);                                  // [S, inner]
  return sums.reshape([numSegments, ...inner]).cast(x.dtype);
}

function batchedGather(stock: tf.KernelConfig) {
  return ({ x, indices }: Record<string, tf.Tensor>, attrs: Record<string, unknown>): tf.Tensor => {
    const batchDims = Number(attrs.batchDims ?? 0);
    const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0];
    if (batchDims === 0) return tf.engine().runKernel(stock.kernelName, { x, indices }, attrs as tf.NamedAttrMap) as tf.Tensor;
    const batch = x.shape.slice(0, batchDims).reduce((a, b) => a * b, 1);
    const outShape = [...x.shape.slice(0, axis), ...indices.shape.slice(batchDims), ...x.shape.slice(axis + 1)];
    if (axis !== batchDims) {
      // Dimensions between the batch and the axis: one plain gather per batch element.
      const xs = tf.unstack(x.reshape([batch, ...x.shape.slice(batchDims)]));
      const is = tf.unstack(indices.reshape([batch, ...indices.shape.slice(batchDims)]));
      return tf.stack(xs.map((xi, b) => tf.gather(xi, is[b], axis - batchDims))).reshape(outShape);
    }
    // [batch * A, ...inner] gathered at batch b's indices + b * A.
    const a = x.shape[axis];
    const flat = x.reshape([batch * a, ...x.shape.slice(axis + 1)]);
    const perBatch = indices.reshape([batch, -1]).toInt();
    const offsets = tf.range(0, batch * a, a, 'int32').reshape([batch, 1]);
    return tf.gather(flat, perBatch.add(offsets).flatten()).reshape(outShape);
  };
}

let installed = false;

/** Registers the fills on the wasm backend (idempotent; call after the wasm backend is imported). */
export function installWasmKernels(): void {
  if (installed) return;
  installed = true;
  registerTfOpKernel(tf.UnsortedSegmentSum, 'wasm', unsortedSegmentSum);
  const stockGather = tf.getKernel(tf.GatherV2, 'wasm');
  if (!stockGather) throw new Error('the wasm backend has no GatherV2 kernel to wrap');
  // The wrapper calls the stock kernel through a second name, so a plain gather inside it does not recurse.
  tf.registerKernel({ ...stockGather, kernelName: STOCK_GATHER });
  registerTfOpKernel(tf.GatherV2, 'wasm', batchedGather({ ...stockGather, kernelName: STOCK_GATHER }));
}

const STOCK_GATHER = 'PretextStockGatherV2';
