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
import { Linear } from '../models/linear';
import type { VariableSet } from '../models/variables';
import type { Rng } from '../shared/rng';
import { defineMethod } from './base';
import { extractPatches, gridSize, type PatchGrid } from './batches';
import { cpcSpec } from './specs/cpc';
import type { PreviewRow } from './types';
import { text } from '../shared/text';


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

/** CPC's batch is the patch grid of N augmented images. */
export const cpc = defineMethod(cpcSpec, ({ ctx, params: p, vars, encoder }) => {
  const [height, width] = ctx.inputSize;
  const rows = gridSize(height, p.patchSize, p.patchStride);
  if (p.patchSize > Math.min(height, width)) throw new Error(`CPC: patches of ${p.patchSize} px do not fit ${height}x${width} images`);
  if (rows <= p.predictSteps) throw new Error(`CPC: a grid of ${rows} rows cannot predict ${p.predictSteps} rows ahead; lower "Rows predicted ahead" or the patch stride`);
  const d = encoder.outputDim;
  const context1 = new MaskedRowConv(vars, 'context1', d, p.contextDim, ctx.initRng);
  const context2 = new MaskedRowConv(vars, 'context2', p.contextDim, p.contextDim, ctx.initRng);
  const predictors = Array.from({ length: p.predictSteps }, (_, k) => new Linear(vars, `predict${k + 1}`, p.contextDim, d, ctx.initRng));

  /** patches -> z grid [N, R, C, D]. */
  const encodeGrid = (batch: PatchGrid): tf.Tensor4D => encoder.apply(batch.patches).h.reshape([-1, batch.rows, batch.cols, d]) as tf.Tensor4D;

  return {
    sampleBatch: (rng): PatchGrid => {
      const { images } = sampleImages(ctx.train, rng, p.batchSize);
      return extractPatches(augmentView(images, p, rng), p.patchSize, p.patchStride);
    },
    lossTerms: (batch: PatchGrid) => {
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
    },
    // The image's representation: the mean of its patch encodings.
    embed: (images) => tf.tidy(() => {
      const grid = extractPatches(images, p.patchSize, p.patchStride);
      return tf.mean(encoder.apply(grid.patches).h.reshape([images.shape[0], grid.rows * grid.cols, d]), 1) as tf.Tensor2D;
    }),
    preview: (batch: PatchGrid) => {
      const { rows: r, cols } = batch;
      const from = r - 1 - p.predictSteps; // the context row whose predictions are shown
      const images = (image: number): PreviewRow[] => Array.from({ length: r }, (_, row) => ({
        caption: row <= from ? text('charts.preview.cpc.context', { row })
          : row - from <= p.predictSteps ? text('charts.preview.cpc.predicted', { row, k: row - from })
          : text('charts.preview.cpc.row', { row }),
        images: batch.patches.slice([(image * r + row) * cols, 0, 0, 0], [cols, -1, -1, -1]),
      }));
      return [{ title: text('charts.preview.cpc.title', { rows: r, cols, size: p.patchSize, stride: p.patchStride, from, steps: p.predictSteps }), rows: images(0) }];
    },
    dispose() {
      context1.dispose();
      context2.dispose();
    },
  };
});
