/**
 * Context encoder (Pathak, Krähenbühl, Donahue, Darrell, Efros, CVPR 2016): a square of each
 * image is filled with the training set's mean colour, the encoder reads what is left, and a
 * decoder (models/decoder.ts) paints the image back from the encoder's last feature map; the
 * loss is L2 on the hole (plus, optionally, a band of context around it weighted more, as the
 * paper's code does). The paper's adversarial term is out of scope. Held-out score: the hole's
 * mean squared error on held-out images against the training set's mean image as the prediction.
 */
import * as tf from '@tensorflow/tfjs';
import { sampleImages } from '../data/samplers';
import { maskedReconstruction } from '../losses/inpainting';
import { ConvDecoder } from '../models/decoder';
import { augmentParams, type AugmentParams } from '../shared/paramGroups';
import { defaultParams } from '../shared/params';
import { createRng, type Rng } from '../shared/rng';
import { text } from '../shared/text';
import { defineMethod } from './base';
import type { StepProbe } from './batches';
import { inpaintingSpec } from './specs/inpainting';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import type { HeldOutScore } from './types';

/** A square hole: its top-left corner and side, in pixels. */
export interface Square { top: number; left: number; size: number }

/** Held-out images scored at every evaluation (the first of the run's queries), in chunks of EVAL_CHUNK. */
export const HELD_OUT_IMAGES = 256;
const EVAL_CHUNK = 64;
const HELD_OUT_SEED = 1604;
const PREVIEW_COLUMNS = 8;

export function holeSide(height: number, width: number, fraction: number): number {
  return Math.max(1, Math.round(Math.min(height, width) * fraction));
}

/** One square per image: centred, or at a uniformly random place inside the image. */
export function drawSquares(rng: Rng | null, n: number, height: number, width: number, fraction: number): Square[] {
  const size = holeSide(height, width, fraction);
  return Array.from({ length: n }, () => rng
    ? { top: Math.floor(rng.next() * (height - size + 1)), left: Math.floor(rng.next() * (width - size + 1)), size }
    : { top: Math.floor((height - size) / 2), left: Math.floor((width - size) / 2), size });
}

/**
 * The hole and the band of `overlap` px around it (clipped to the image, disjoint from the hole),
 * each [N, H, W, 1] of 0 / 1, built in JS from the squares.
 */
export function holeMasks(squares: readonly Square[], height: number, width: number, overlap: number): { hole: tf.Tensor4D; band: tf.Tensor4D } {
  const hole = new Float32Array(squares.length * height * width);
  const band = new Float32Array(squares.length * height * width);
  squares.forEach((s, i) => {
    for (let y = Math.max(0, s.top - overlap); y < Math.min(height, s.top + s.size + overlap); y++) {
      for (let x = Math.max(0, s.left - overlap); x < Math.min(width, s.left + s.size + overlap); x++) {
        const inHole = y >= s.top && y < s.top + s.size && x >= s.left && x < s.left + s.size;
        (inHole ? hole : band)[(i * height + y) * width + x] = 1;
      }
    }
  });
  const shape: [number, number, number, number] = [squares.length, height, width, 1];
  return { hole: tf.tensor4d(hole, shape), band: tf.tensor4d(band, shape) };
}

/** N images with their holes: the truth, what the encoder sees and the masks. */
export interface InpaintingBatch extends StepProbe {
  /** [N, H, W, 3] the true images. */
  images: tf.Tensor4D;
  /** [N, H, W, 3] the images with the hole filled with the mean colour. */
  masked: tf.Tensor4D;
  /** [N, H, W, 1] 1 in the hole. */
  hole: tf.Tensor4D;
  /** [N, H, W, 1] 1 in the context band the loss also counts (none by default). */
  band: tf.Tensor4D;
}

export const inpainting = defineMethod(inpaintingSpec, ({ ctx, params: p, vars, encoder }) => {
  const [height, width] = ctx.inputSize;
  const decoder = new ConvDecoder(vars, 'decoder', { inChannels: encoder.outputDim, hidden: p.decoderHidden, ups: 2, outChannels: 3 }, ctx.initRng);
  // [H, W, 3] the training set's mean image (the trivial predictor) and [3] its mean colour (the hole's fill).
  const meanImage = tf.keep(tf.mean(ctx.train.images, 0) as tf.Tensor3D);
  const meanColour = tf.keep(tf.mean(meanImage, [0, 1]) as tf.Tensor1D);
  const probeAugment = defaultParams(augmentParams()) as unknown as AugmentParams;

  /** images [N, H, W, 3], hole [N, H, W, 1] -> the images with the hole in the mean colour. */
  const maskImages = (images: tf.Tensor4D, hole: tf.Tensor4D): tf.Tensor4D =>
    tf.tidy(() => images.mul(tf.onesLike(hole).sub(hole)).add(hole.mul(meanColour)) as tf.Tensor4D);
  /** masked [N, H, W, 3] -> the decoder's image [N, H, W, 3] in [0, 1]. */
  const reconstruct = (masked: tf.Tensor4D): tf.Tensor4D => tf.sigmoid(decoder.apply(encoder.apply(masked).map, [height, width]));

  const draw = (rng: Rng | null, n: number) => drawSquares(p.maskShape === 'random' ? rng : null, n, height, width, p.maskSize);

  // The held-out holes are fixed for the run (central: the same square; random: one seeded draw).
  const heldOutCount = ctx.heldOutImages ? Math.min(HELD_OUT_IMAGES, ctx.heldOutImages.shape[0]) : 0;
  const heldOutSquares = draw(createRng(HELD_OUT_SEED), heldOutCount);
  let trivialError: number | null = null;

  /** Sums of squared error in the hole over the held-out images, of the decoder and of the mean image. */
  const heldOutScores = async (): Promise<HeldOutScore[]> => {
    if (!ctx.heldOutImages || heldOutCount === 0) return [{ value: null, chance: null, detail: text('charts.heldOut.detail.inpainting.none') }];
    let model = 0, trivial = 0, count = 0;
    for (let start = 0; start < heldOutCount; start += EVAL_CHUNK) {
      const n = Math.min(EVAL_CHUNK, heldOutCount - start);
      const sums = tf.tidy(() => {
        const truth = ctx.heldOutImages!.slice([start, 0, 0, 0], [n, -1, -1, -1]);
        const { hole, band } = holeMasks(heldOutSquares.slice(start, start + n), height, width, 0);
        band.dispose();
        const err = (pred: tf.Tensor) => pred.sub(truth).square().mul(hole).sum();
        return tf.stack([err(reconstruct(maskImages(truth, hole))), trivialError === null ? err(meanImage.expandDims(0)) : tf.scalar(0), hole.sum().mul(3)]);
      });
      const [m, t, c] = await sums.data();
      sums.dispose();
      model += m; trivial += t; count += c;
    }
    if (trivialError === null) trivialError = trivial / count;
    return [{ value: model / count, chance: trivialError, detail: text(`charts.heldOut.detail.inpainting.${p.maskShape}`, { count: heldOutCount }) }];
  };

  return {
    sampleBatch: (rng): InpaintingBatch => {
      const { images } = sampleImages(ctx.train, rng, p.batchSize);
      const { hole, band } = holeMasks(draw(rng, images.shape[0]), height, width, p.overlapPx);
      return { images, masked: maskImages(images, hole), hole, band, probe: sampleProbeViews(ctx.train, rng, probeAugment) };
    },
    lossTerms: (b: InpaintingBatch) => {
      const r = maskedReconstruction(reconstruct(b.masked), b.images, b.hole, b.band, p.overlapWeight);
      const { posSim, negSim } = probeSimilarity(encoder, b.probe);
      return { loss: r.loss, extras: [posSim, negSim, r.hole, r.context] };
    },
    heldOutScores,
    dispose() {
      tf.dispose([meanImage, meanColour]);
    },
    preview: (b: InpaintingBatch) => {
      const n = Math.min(PREVIEW_COLUMNS, b.images.shape[0]);
      const first = (x: tf.Tensor4D) => x.slice([0, 0, 0, 0], [n, -1, -1, -1]);
      const hole = first(b.hole);
      // The prediction shown inside the hole, over the visible context (what the loss judges).
      const filled = first(b.masked).mul(tf.onesLike(hole).sub(hole)).add(reconstruct(first(b.masked)).mul(hole)) as tf.Tensor4D;
      return [{
        title: text(`charts.preview.inpainting.title.${p.maskShape}`, { percent: Math.round(p.maskSize * 100) }),
        rows: [
          { caption: text('charts.preview.inpainting.masked'), images: first(b.masked) },
          { caption: text('charts.preview.inpainting.prediction'), images: filled },
          { caption: text('charts.preview.inpainting.truth'), images: first(b.images) },
        ],
      }];
    },
  };
});
