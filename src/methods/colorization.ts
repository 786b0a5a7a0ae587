/**
 * Colorization (Zhang, Isola, Efros, ECCV 2016): the encoder sees the lightness L of an image (as
 * three equal channels L / 100, the encoder's RGB input), a decoder (models/decoder.ts) predicts
 * the colour ab of each pixel at half resolution (the paper: a quarter), as a class over the
 * in-gamut ab bins (hard nearest-bin targets: the paper soft-encodes over 5 neighbours) with class
 * rebalancing from the training set's bin frequencies, or as a regression. Colours are shown and
 * scored as the annealed mean (T = 0.38). Held-out score: bin accuracy against always predicting
 * the most common training bin; the detail gives the ab error beside the mean ab's.
 */
import * as tf from '@tensorflow/tfjs';
import { sampleImages } from '../data/samplers';
import { AB_RANGE, inGamutBins, labToRgb, rebalanceWeights, rgbToLab } from '../losses/lab';
import { ConvDecoder, upsampleNearest2x } from '../models/decoder';
import { augmentParams, type AugmentParams } from '../shared/paramGroups';
import { defaultParams } from '../shared/params';
import { text } from '../shared/text';
import { defineMethod } from './base';
import type { StepProbe } from './batches';
import { colorizationSpec } from './specs/colorization';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import type { HeldOutScore } from './types';

export const HELD_OUT_IMAGES = 256;
/** Training images the bin frequencies (rebalancing weights, most common bin, mean ab) are counted on. */
const STATS_IMAGES = 1024;
const CHUNK = 64;
const PREVIEW_COLUMNS = 8;

/** images [N, H, W, 3] sRGB -> the encoder's input [N, H, W, 3] (L / 100 thrice) and ab [N, ceil(H/2), ceil(W/2), 2] averaged over 2 x 2 blocks. */
export function lightnessAndAb(images: tf.Tensor4D): { gray: tf.Tensor4D; ab: tf.Tensor4D } {
  return tf.tidy(() => {
    const lab = rgbToLab(images);
    const l = lab.slice([0, 0, 0, 0], [-1, -1, -1, 1]).div(100);
    const ab = tf.avgPool(lab.slice([0, 0, 0, 1], [-1, -1, -1, 2]) as tf.Tensor4D, 2, 2, 'same');
    return { gray: tf.concat([l, l, l], 3) as tf.Tensor4D, ab };
  });
}

/** ab [P, 2], centres [Q, 2] -> [P] int32 index of the nearest bin centre. */
export function nearestBin(ab: tf.Tensor2D, centres: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const d = ab.square().sum(1, true).sub(tf.matMul(ab, centres, false, true).mul(2)).add(centres.square().sum(1).reshape([1, -1]));
    return tf.argMin(d, 1) as tf.Tensor1D;
  });
}

/**
 * Rebalanced per-pixel cross-entropy (Zhang et al. eq. 2 with hard targets):
 * L = sum_p w[q_p] * -log softmax(z_p)[q_p] / P. logits [P, Q], targets [P] int32, weights [Q].
 */
export function rebalancedCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const q = logits.shape[1];
    const nll = tf.oneHot(targets, q).toFloat().mul(tf.logSoftmax(logits)).sum(1).neg();
    return nll.mul(tf.gather(weights, targets)).mean() as tf.Scalar;
  });
}

/** Annealed mean (Zhang et al. eq. 5): logits [P, Q] -> ab [P, 2], the mean of the bins under softmax(z / T). */
export function annealedMean(logits: tf.Tensor2D, centres: tf.Tensor2D, temperature: number): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(tf.softmax(logits.div(temperature)), centres));
}

export interface ColorizationBatch extends StepProbe {
  /** [N, H, W, 3] the images in colour (for the preview). */
  images: tf.Tensor4D;
  /** [N, H, W, 3] L / 100 in all three channels: what the encoder sees. */
  gray: tf.Tensor4D;
  /** [N, h, w, 2] the true ab at the decoder's resolution. */
  ab: tf.Tensor4D;
}

export const colorization = defineMethod(colorizationSpec, ({ ctx, params: p, vars, encoder }) => {
  const [height, width] = ctx.inputSize;
  const outSize: [number, number] = [Math.ceil(height / 2), Math.ceil(width / 2)];
  const bins = inGamutBins(p.binSize);
  const classes = p.target === 'classes';
  const decoder = new ConvDecoder(vars, 'decoder', { inChannels: encoder.outputDim, hidden: p.decoderHidden, ups: 1, outChannels: classes ? bins.length : 2 }, ctx.initRng);
  const centres = tf.keep(tf.tensor2d(bins.flat(), [bins.length, 2]));
  const probeAugment = defaultParams(augmentParams()) as unknown as AugmentParams;

  // The training set's bin counts [Q] and mean ab [2], on the backend (no read-back in setup).
  const statsCount = Math.min(STATS_IMAGES, ctx.train.count);
  let [countsAcc, abAcc] = [tf.zeros([bins.length]) as tf.Tensor1D, tf.zeros([2]) as tf.Tensor1D];
  for (let start = 0; start < statsCount; start += CHUNK) {
    const n = Math.min(CHUNK, statsCount - start);
    const [c, s] = tf.tidy(() => {
      const { ab } = lightnessAndAb(ctx.train.images.slice([start, 0, 0, 0], [n, -1, -1, -1]));
      const flat = ab.reshape([-1, 2]) as tf.Tensor2D;
      return [countsAcc.add(tf.oneHot(nearestBin(flat, centres), bins.length).toFloat().sum(0)), abAcc.add(flat.sum(0))];
    });
    tf.dispose([countsAcc, abAcc]);
    [countsAcc, abAcc] = [c as tf.Tensor1D, s as tf.Tensor1D];
  }
  const weights = rebalanceWeights(countsAcc, bins, p.rebalanceLambda);
  const commonBin = tf.argMax(countsAcc) as tf.Scalar; // int32
  const meanAb = tf.tidy(() => abAcc.div(countsAcc.sum().maximum(1)) as tf.Tensor1D);
  tf.dispose([countsAcc, abAcc]);

  /** gray [N, H, W, 3] -> the decoder's output [N * h * w, Q or 2]. */
  const predict = (gray: tf.Tensor4D): tf.Tensor2D => {
    const out = decoder.apply(encoder.apply(gray).map, outSize);
    return out.reshape([-1, out.shape[3]]) as tf.Tensor2D;
  };
  /** The output -> ab [P, 2] as shown and scored (annealed mean; regression: tanh scaled to the ab range). */
  const abOf = (out: tf.Tensor2D): tf.Tensor2D => (classes ? annealedMean(out, centres, p.annealTemperature) : tf.tanh(out).mul(AB_RANGE) as tf.Tensor2D);
  /** The output -> the predicted bin [P]. */
  const binOf = (out: tf.Tensor2D): tf.Tensor1D => (classes ? tf.argMax(out, 1) as tf.Tensor1D : nearestBin(abOf(out), centres));

  const heldOutCount = ctx.heldOutImages ? Math.min(HELD_OUT_IMAGES, ctx.heldOutImages.shape[0]) : 0;
  const heldOutScores = async (): Promise<HeldOutScore[]> => {
    if (!ctx.heldOutImages || heldOutCount === 0) return [{ value: null, chance: null, detail: text('charts.heldOut.detail.colorization.none') }];
    let right = 0, common = 0, err = 0, meanErr = 0, pixels = 0;
    for (let start = 0; start < heldOutCount; start += CHUNK) {
      const n = Math.min(CHUNK, heldOutCount - start);
      const sums = tf.tidy(() => {
        const { gray, ab } = lightnessAndAb(ctx.heldOutImages!.slice([start, 0, 0, 0], [n, -1, -1, -1]));
        const truth = ab.reshape([-1, 2]) as tf.Tensor2D;
        const truthBin = nearestBin(truth, centres);
        const out = predict(gray);
        const dist = (x: tf.Tensor) => x.sub(truth).square().sum(1).sqrt().sum();
        return tf.stack([binOf(out).equal(truthBin).toFloat().sum(), truthBin.equal(commonBin).toFloat().sum(), dist(abOf(out)), dist(meanAb.reshape([1, 2])), tf.scalar(truth.shape[0])]);
      });
      const [r, c, e, m, px] = await sums.data();
      sums.dispose();
      right += r; common += c; err += e; meanErr += m; pixels += px;
    }
    return [{
      value: right / pixels, chance: common / pixels,
      detail: text('charts.heldOut.detail.colorization.scored', { count: heldOutCount, bins: bins.length, error: (err / pixels).toFixed(1), meanError: (meanErr / pixels).toFixed(1) }),
    }];
  };

  return {
    sampleBatch: (rng): ColorizationBatch => {
      const { images } = sampleImages(ctx.train, rng, p.batchSize);
      return { images, ...lightnessAndAb(images), probe: sampleProbeViews(ctx.train, rng, probeAugment) };
    },
    lossTerms: (b: ColorizationBatch) => {
      const out = predict(b.gray);
      const truth = b.ab.reshape([-1, 2]) as tf.Tensor2D;
      const truthBin = nearestBin(truth, centres);
      const loss = classes
        ? rebalancedCrossEntropy(out, truthBin, weights)
        : abOf(out).sub(truth).div(100).square().sum(1).mean() as tf.Scalar;
      const accuracy = binOf(out).equal(truthBin).toFloat().mean() as tf.Scalar;
      const { posSim, negSim } = probeSimilarity(encoder, b.probe);
      return { loss, extras: [posSim, negSim, accuracy] };
    },
    heldOutScores,
    dispose() {
      tf.dispose([centres, weights, commonBin, meanAb]);
    },
    preview: (b: ColorizationBatch) => {
      const n = Math.min(PREVIEW_COLUMNS, b.images.shape[0]);
      const first = (x: tf.Tensor4D) => x.slice([0, 0, 0, 0], [n, -1, -1, -1]);
      const gray = first(b.gray);
      // The predicted ab (annealed mean) upsampled to the input, under the input's own L.
      const ab = upsampleNearest2x(abOf(predict(gray)).reshape([n, outSize[0], outSize[1], 2]) as tf.Tensor4D).slice([0, 0, 0, 0], [n, height, width, 2]);
      const l = gray.slice([0, 0, 0, 0], [-1, -1, -1, 1]).mul(100);
      const predicted = labToRgb(tf.concat([l, ab], 3) as tf.Tensor4D);
      return [{
        title: text(`charts.preview.colorization.title.${p.target}`, { bins: bins.length, temperature: p.annealTemperature }),
        rows: [
          { caption: text('charts.preview.colorization.gray'), images: gray },
          { caption: text('charts.preview.colorization.prediction'), images: predicted },
          { caption: text('charts.preview.colorization.truth'), images: first(b.images) },
        ],
      }];
    },
  };
});
