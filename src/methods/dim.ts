/**
 * Deep InfoMax (Hjelm et al., ICLR 2019) with the encode-and-dot-product discriminators:
 *   local map M = the encoder's stage-2 features [N, H/2, W/2, 2w]; global feature y = fc(h) [N, D];
 *   local score  T(M_j[p], y_i) = localNet(M_j[p]) . globalNet(y_i)     -> [N, N, P]
 *   global score T(M_j,    y_i) = mapNet(flatten(avgpool(M_j))) . globalNet2(y_i) -> [N, N, 1]
 * The estimator (JSD / InfoNCE / DV, losses/dim.ts) treats j == i as positive and masks it out of
 * the negatives. Prior matching: a separate discriminator with its own optimizer learns to tell
 * uniform samples from sigmoid(y); the encoder's optimizer gets only the non-saturating
 * -log sigma(d(sigmoid(y))) term and never touches the discriminator's weights.
 */
import * as tf from '@tensorflow/tfjs';
import { dimLoss, priorDiscriminatorLoss, priorEncoderLoss } from '../losses/dim';
import { batchStandardize } from '../models/heads';
import { Linear, ResidualMlp } from '../models/linear';
import { metricsOf, minimizeWithMetrics, type LossTerms } from '../models/optimizer';
import { VariableSet } from '../models/variables';
import { sampleImages } from '../data/samplers';
import { defineMethod } from './base';
import { dimSpec } from './specs/dim';
import { text } from '../shared/text';

/** u[i][j][p] = g[i] . l[j][p]; g: [N, D], l: [N, P, D] -> [N, N, P]. */
export function dotScores(g: tf.Tensor2D, l: tf.Tensor3D, scale = 1): tf.Tensor3D {
  const [n, p, d] = l.shape;
  const scores = tf.matMul(g, l.reshape([n * p, d]), false, true).reshape([n, n, p]) as tf.Tensor3D;
  return scale === 1 ? scores : scores.mul(scale);
}

/** DIM's batch: N images [N, H, W, 3], no augmentation. */
export interface DimBatch { images: tf.Tensor4D }

/** The loss terms and sigmoid(y) [N, D], the prior discriminator's input. */
interface DimTerms extends LossTerms { priorInput: tf.Tensor2D }

export const dim = defineMethod(dimSpec, ({ ctx, params: p, vars, encoder, optimizer }) => {
  const rng = ctx.initRng;
  const localC = 2 * p.width;
  const [mh, mw] = [Math.ceil(ctx.inputSize[0] / 2), Math.ceil(ctx.inputSize[1] / 2)];
  const pooled = Math.ceil(mh / 2) * Math.ceil(mw / 2) * localC;
  const fc = new Linear(vars, 'fc', encoder.outputDim, p.projectionDim, rng);            // y
  const localNet = new ResidualMlp(vars, 'localNet', localC, p.headHidden, p.projectionDim, rng, true);
  const globalNet = new ResidualMlp(vars, 'globalNet', p.projectionDim, p.headHidden, p.projectionDim, rng);
  const mapNet = new Linear(vars, 'mapNet', pooled, p.projectionDim, rng);
  const globalNet2 = new ResidualMlp(vars, 'globalNet2', p.projectionDim, p.headHidden, p.projectionDim, rng);
  // The prior discriminator: its own variables and optimizer.
  const priorVars = new VariableSet('dim-prior');
  const prior1 = new Linear(priorVars, 'l1', p.projectionDim, p.headHidden, rng);
  const prior2 = new Linear(priorVars, 'l2', p.headHidden, 1, rng);
  const priorLogit = (x: tf.Tensor2D) => prior2.apply(tf.relu(prior1.apply(x)));
  const priorOptimizer = tf.train.adam(p.priorLearningRate);
  const trainable = vars.list();
  const priorTrainable = priorVars.list();
  const priorRng = rng.fork();

  const lossTerms = ({ images }: DimBatch): DimTerms => {
    const { h, local } = encoder.apply(images);
    const [n, lh, lw] = local.shape;
    // h standardised over the batch first: on raw h (nearly collinear across images) y was about
    // the same vector for every image, so no score could tell an image's own local features from
    // another's and the local loss only shrank every score to 0 (JSD ~0, pos = neg similarity).
    const y = fc.apply(batchStandardize(h));                                        // [N, D]
    const l = localNet.apply(local.reshape([n * lh * lw, localC])).reshape([n, lh * lw, p.projectionDim]) as tf.Tensor3D;
    const g = globalNet.apply(y);
    const scale = p.scaledScores ? 1 / Math.sqrt(p.projectionDim) : 1;
    const localScores = dotScores(g, l, scale);                                     // [N, N, P]
    const localLoss = dimLoss(localScores, p.estimator);
    let globalLoss = tf.scalar(0);
    if (p.alpha > 0) {
      const m = mapNet.apply(tf.avgPool(local, 2, 2, 'same').reshape([n, -1]) as tf.Tensor2D).reshape([n, 1, p.projectionDim]) as tf.Tensor3D;
      globalLoss = dimLoss(dotScores(globalNet2.apply(y), m, scale), p.estimator);
    }
    const squashed = tf.sigmoid(y) as tf.Tensor2D;
    const priorTerm = p.gamma > 0 ? priorEncoderLoss(priorLogit(squashed)) : tf.scalar(0);
    // pos / neg: cosine of the projected global and local features, same image vs other images.
    const unit = (x: tf.Tensor) => x.div(tf.norm(x, 2, -1, true).add(1e-12));
    const cos = dotScores(unit(g) as tf.Tensor2D, unit(l) as tf.Tensor3D);           // [N, N, P]
    const eye = tf.eye(n).reshape([n, n, 1]);
    const posSim = tf.sum(cos.mul(eye)).div(n * lh * lw) as tf.Scalar;
    const negSim = tf.sum(cos.mul(tf.onesLike(eye).sub(eye))).div(Math.max(1, n * (n - 1) * lh * lw)) as tf.Scalar;
    const loss = localLoss.mul(p.beta).add(globalLoss.mul(p.alpha)).add(priorTerm.mul(p.gamma)) as tf.Scalar;
    return { loss, extras: [posSim, negSim, localLoss, globalLoss, priorTerm, tf.scalar(0)], priorInput: squashed };
  };

  /** One step of the prior discriminator on encoder outputs (no gradient reaches the encoder). */
  const discriminatorStep = (encoded: tf.Tensor2D): tf.Scalar => {
    const uniform = tf.randomUniform(encoded.shape, 0, 1, 'float32', priorRng.seed());
    const loss = priorOptimizer.minimize(() => priorDiscriminatorLoss(priorLogit(uniform as tf.Tensor2D), priorLogit(encoded)), true, priorTrainable);
    return loss ?? tf.scalar(0);
  };

  return {
    sampleBatch: (rng2): DimBatch => ({ images: sampleImages(ctx.train, rng2, p.batchSize).images }),
    lossTerms,
    // The encoder's step, then the discriminator's on this step's sigmoid(y).
    trainStep: (batch: DimBatch) => tf.tidy(() => {
      let encoded: tf.Tensor2D | null = null;
      const metrics = minimizeWithMetrics(optimizer, trainable, () => {
        const terms = lossTerms(batch);
        encoded = tf.keep(terms.priorInput);
        return terms;
      });
      const kept = encoded as tf.Tensor2D | null;
      const discLoss = p.gamma > 0 && kept ? discriminatorStep(kept) : tf.scalar(0);
      kept?.dispose();
      // The last metric slot reports the discriminator's loss of this step.
      return tf.concat([metrics.slice(0, metrics.shape[0] - 1), discLoss.reshape([1])]) as tf.Tensor1D;
    }),
    evaluateBatch: (batch: DimBatch) => tf.tidy(() => {
      const terms = lossTerms(batch);
      const disc = priorDiscriminatorLoss(priorLogit(tf.randomUniform(terms.priorInput.shape, 0, 1, 'float32', 7) as tf.Tensor2D), priorLogit(terms.priorInput));
      return tf.concat([metricsOf(terms).slice(0, 6), disc.reshape([1])]) as tf.Tensor1D;
    }),
    preview: ({ images }: DimBatch) => {
      const n = Math.min(8, images.shape[0]);
      const [, h, w] = images.shape;
      // A local feature at the centre of the map sees about the central half of the image.
      const crop = (x: tf.Tensor4D) => tf.image.cropAndResize(x, tf.tensor2d(Array.from({ length: n }, () => [0.25, 0.25, 0.75, 0.75])), tf.range(0, n, 1, 'int32') as tf.Tensor1D, [h, w]);
      const first = images.slice([0, 0, 0, 0], [n, -1, -1, -1]);
      const shifted = tf.concat([images.slice([1, 0, 0, 0], [n - 1, -1, -1, -1]), images.slice([0, 0, 0, 0], [1, -1, -1, -1])]);
      return [{ title: text('charts.preview.dim.title'), rows: [
        { caption: text('charts.preview.dim.global'), images: first },
        { caption: text('charts.preview.dim.localSame'), images: crop(first) },
        { caption: text('charts.preview.dim.localOther'), images: crop(shifted as tf.Tensor4D) },
      ] }];
    },
    extraVariables: () => priorVars.list(),
    checkpointParts: () => ({ optimizers: { prior: priorOptimizer }, rngs: { prior: priorRng } }),
    dispose() {
      priorOptimizer.dispose();
      priorVars.dispose();
    },
  };
});
