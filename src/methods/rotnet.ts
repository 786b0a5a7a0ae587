/**
 * RotNet (Gidaris, Singh, Komodakis, ICLR 2018): every image of the batch in all four rotations
 * (0, 90, 180, 270 degrees, interleaved per image as SLA and S4L-Rotation take them), one shared
 * encoder, a 4-way linear rotation head, cross-entropy. The head reads h standardised (batch
 * statistics in a step, running ones at test: models/heads.ts FeatureNorm, as SLA and S4L).
 * Held-out score: rotation accuracy on the run's held-out images in all four rotations (chance 1/4).
 */
import * as tf from '@tensorflow/tfjs';
import { interleavedRotations, ROTATIONS } from '../augment/rotate';
import { augmentView } from '../augment/views';
import { sampleImages } from '../data/samplers';
import { batchAccuracy, softmaxCrossEntropy } from '../losses/classification';
import { FeatureNorm } from '../models/heads';
import { Linear } from '../models/linear';
import { VariableSet } from '../models/variables';
import { text } from '../shared/text';
import { defineMethod } from './base';
import { rotationRows, rotationsOf, type Rotations, type StepProbe } from './batches';
import { heldOutTaskAccuracy, heldOutTaskCount } from './heldOutTask';
import { rotnetSpec } from './specs/rotnet';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import type { HeldOutScore } from './types';

/** N augmented images in four rotations ([4N] rows, rotation index r mod 4) and the step probe. */
export type RotnetBatch = Rotations & StepProbe;

export const rotnet = defineMethod(rotnetSpec, ({ ctx, params: p, vars, encoder }) => {
  const head = new Linear(vars, 'rotation', encoder.outputDim, ROTATIONS, ctx.initRng);
  const normVars = new VariableSet('rotnet-norm', false);
  const norm = new FeatureNorm(normVars, encoder.outputDim);
  const heldOutCount = heldOutTaskCount(ctx.heldOutImages);

  /** images [c, S, S, 3] -> [c, 4 * 4]: row i holds the logits of image i at rotations 0..3 in turn. */
  const rotationLogits = (images: tf.Tensor4D): tf.Tensor2D => tf.tidy(() => {
    const logits = head.apply(norm.apply(encoder.apply(interleavedRotations(images)).h)); // [4c, 4]
    return logits.reshape([images.shape[0], ROTATIONS * ROTATIONS]) as tf.Tensor2D;
  });

  const heldOutScores = async (): Promise<HeldOutScore[]> => {
    if (!ctx.heldOutImages || heldOutCount === 0) return [{ value: null, chance: 1 / ROTATIONS, detail: text('charts.heldOut.detail.rotnet.none') }];
    const value = await heldOutTaskAccuracy(ctx.heldOutImages, heldOutCount, ROTATIONS, ROTATIONS, rotationLogits, (_i, rotation) => rotation);
    return [{ value, chance: 1 / ROTATIONS, detail: text('charts.heldOut.detail.rotnet.scored', { count: heldOutCount }) }];
  };

  return {
    sampleBatch: (rng): RotnetBatch => {
      const { images } = sampleImages(ctx.train, rng, p.batchSize);
      return { ...rotationsOf(augmentView(images, p, rng)), probe: sampleProbeViews(ctx.train, rng, p) };
    },
    lossTerms: (b: RotnetBatch) => {
      const logits = head.apply(norm.train(encoder.apply(b.images).h)); // [4N, 4]
      const { posSim, negSim } = probeSimilarity(encoder, b.probe);
      return { loss: softmaxCrossEntropy(logits, b.rotations), extras: [posSim, negSim, batchAccuracy(logits, b.rotations)] };
    },
    heldOutScores,
    afterStep: () => norm.update(),
    extraVariables: () => normVars.list(),
    dispose() {
      norm.dispose();
      normVars.dispose();
    },
    preview: (b: RotnetBatch) => [{
      title: text('charts.preview.rotnet.title'),
      rows: rotationRows(b, 8, (_i, j) => text('charts.preview.rotnet.label', { index: j })),
    }],
  };
});
