/**
 * CPC on images (van den Oord et al. 2018, section 3.2): an overlapping grid of patches, each
 * encoded to z by the ResNet encoder; a masked-convolution context network (a position sees its
 * own row and the rows above) gives c; W_k c[r] predicts z[r + k] for k = 1..K; InfoNCE at every
 * position and every k against all patches of the batch (losses/cpc.ts). The image's
 * representation is the mean of its patch encodings.
 */
import * as tf from '@tensorflow/tfjs';
import { augmentView } from '../augment/views';
import { sampleImages } from '../data/samplers';
import { cpcInfoNce } from '../losses/cpc';
import { ResNetEncoder } from '../models/encoder';
import { Linear } from '../models/linear';
import { createOptimizer, metricsOf, minimizeWithMetrics, type LossTerms } from '../models/optimizer';
import { VariableSet } from '../models/variables';
import type { Rng } from '../shared/rng';
import { cpcSpec, type CpcParams } from './specs/cpc';
import type { Batch, MethodImpl, MethodRun, PreviewRow } from './types';

/** Rows (= columns) of the grid of `patch` px patches at `stride` over a `size` px image. */
export function gridSize(size: number, patch: number, stride: number): number {
  return Math.floor((size - patch) / stride) + 1;
}

/**
 * images [N, H, W, C] -> [N * R * C', p, p, C] patches, row-major per image (image b, row r,
 * column c at index (b R + r) C' + c): exact pixel copies, one slice per grid position.
 * (tf.image.cropAndResize with one box per patch gave patches of the wrong images on webgl.)
 */
export function extractPatches(images: tf.Tensor4D, patch: number, stride: number): { patches: tf.Tensor4D; rows: number; cols: number } {
  return tf.tidy(() => {
    const [n, h, w, ch] = images.shape;
    const rows = gridSize(h, patch, stride), cols = gridSize(w, patch, stride);
    const cells: tf.Tensor4D[] = [];
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) cells.push(images.slice([0, r * stride, c * stride, 0], [n, patch, patch, ch]));
    const patches = tf.stack(cells, 1).reshape([n * rows * cols, patch, patch, ch]) as tf.Tensor4D; // [N, R C, p, p, C] -> flat
    return { patches, rows, cols };
  });
}

/** A 3x3 convolution whose kernel row below the centre is zeroed: output row r sees input rows r-1 and r only. */
class MaskedRowConv {
  private readonly mask: tf.Tensor4D;
  constructor(private readonly vars: VariableSet, private readonly name: string, inC: number, outC: number, rng: Rng) {
    vars.he(`${name}/kernel`, [3, 3, inC, outC], 6 * inC, rng);
    vars.zeros(`${name}/bias`, [outC]);
    const m = new Float32Array(9 * inC * outC);
    m.fill(1, 0, 6 * inC * outC); // kernel rows 0 (above) and 1 (same row); row 2 (below) stays 0
    this.mask = tf.tensor4d(m, [3, 3, inC, outC]);
  }
  apply(x: tf.Tensor4D): tf.Tensor4D {
    const kernel = this.vars.get(`${this.name}/kernel`).mul(this.mask) as tf.Tensor4D;
    return tf.conv2d(x, kernel, 1, 'same').add(this.vars.get(`${this.name}/bias`)) as tf.Tensor4D;
  }
  dispose(): void {
    this.mask.dispose();
  }
}

export const cpc: MethodImpl<CpcParams> = {
  spec: cpcSpec,
  create(ctx): MethodRun {
    const p = ctx.params;
    const [height, width] = ctx.inputSize;
    const rows = gridSize(height, p.patchSize, p.patchStride);
    if (p.patchSize > Math.min(height, width)) throw new Error(`CPC: patches of ${p.patchSize} px do not fit ${height}x${width} images`);
    if (rows <= p.predictSteps) throw new Error(`CPC: a grid of ${rows} rows cannot predict ${p.predictSteps} rows ahead; lower "Rows predicted ahead" or the patch stride`);
    const vars = new VariableSet('cpc');
    const encoder = new ResNetEncoder(vars, { width: p.width, norm: p.norm }, ctx.initRng);
    const d = encoder.outputDim;
    const context1 = new MaskedRowConv(vars, 'context1', d, p.contextDim, ctx.initRng);
    const context2 = new MaskedRowConv(vars, 'context2', p.contextDim, p.contextDim, ctx.initRng);
    const predictors = Array.from({ length: p.predictSteps }, (_, k) => new Linear(vars, `predict${k + 1}`, p.contextDim, d, ctx.initRng));
    const optimizer = createOptimizer(p);
    const trainable = vars.list();

    /** patches -> z grid [N, R, C, D]. */
    const encodeGrid = (batch: Extract<Batch, { kind: 'patchGrid' }>): tf.Tensor4D => {
      const h = encoder.apply(batch.patches).h;
      return h.reshape([-1, batch.rows, batch.cols, d]) as tf.Tensor4D;
    };
    const lossTerms = (batch: Batch): LossTerms => {
      if (batch.kind !== 'patchGrid') throw new Error(`CPC: expected a patch grid, got ${batch.kind}`);
      const z = encodeGrid(batch);                                   // [N, R, C, D]
      const c = context2.apply(tf.relu(context1.apply(z)));           // [N, R, C, Dc], row r sees rows <= r
      const [n, r, cols] = z.shape;
      const preds = predictors.map((w, i) => {
        const k = i + 1;
        const ctxRows = c.slice([0, 0, 0, 0], [n, r - k, cols, p.contextDim]).reshape([-1, p.contextDim]) as tf.Tensor2D;
        return w.apply(ctxRows).reshape([n, r - k, cols, d]) as tf.Tensor4D;
      });
      const loss = cpcInfoNce(z, preds);
      return { loss: loss.loss, extras: [loss.posSim, loss.negSim, loss.accuracy] };
    };

    return {
      encoder: encoder,
      sampleBatch: (rng): Batch => {
        const { images } = sampleImages(ctx.train, rng, p.batchSize);
        return { kind: 'patchGrid', ...extractPatches(augmentView(images, p, rng), p.patchSize, p.patchStride) };
      },
      trainStep: (batch) => tf.tidy(() => minimizeWithMetrics(optimizer, trainable, () => lossTerms(batch))),
      evaluateBatch: (batch) => tf.tidy(() => metricsOf(lossTerms(batch))),
      embed: (images) => tf.tidy(() => {
        const grid = extractPatches(images, p.patchSize, p.patchStride);
        return tf.mean(encoder.apply(grid.patches).h.reshape([images.shape[0], grid.rows * grid.cols, d]), 1) as tf.Tensor2D;
      }),
      preview: (batch) => {
        if (batch.kind !== 'patchGrid') return [];
        const { rows: r, cols } = batch;
        const from = r - 1 - p.predictSteps; // the context row whose predictions are shown
        const images = (image: number): PreviewRow[] => Array.from({ length: r }, (_, row) => ({
          caption: row <= from ? `row ${row}: context` : row - from <= p.predictSteps ? `row ${row}: predicted, k = ${row - from}` : `row ${row}`,
          images: batch.patches.slice([(image * r + row) * cols, 0, 0, 0], [cols, -1, -1, -1]),
        }));
        return [{ title: `Patch grid (${r} x ${cols} patches of ${p.patchSize} px, stride ${p.patchStride}) of one image: the context up to row ${from} predicts the ${p.predictSteps} rows below it`, rows: images(0) }];
      },
      variables: () => vars.list(),
      dispose() {
        optimizer.dispose();
        context1.dispose();
        context2.dispose();
        vars.dispose();
      },
    };
  },
};
