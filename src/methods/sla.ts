/**
 * SLA + SD (Lee, Hwang, Shin, ICML 2020): every labelled image in 4 rotations (interleaved per
 * image); one joint classifier over (class, rotation); aggregated inference averages z[(y, j)]
 * over the 4 rotated inputs; a C-way self-distillation head on the unrotated input learns from
 * the (detached) aggregated prediction by KL plus cross-entropy.
 */
import * as tf from '@tensorflow/tfjs';
import { interleavedRotations, ROTATIONS } from '../augment/rotate';
import { augmentView } from '../augment/views';
import { batchAccuracy, distillationKl, softmaxCrossEntropy } from '../losses/classification';
import { aggregatedLogits, jointLabels, singleLogits, unrotatedRows } from '../losses/sla';
import { stopGradient } from '../losses/stopGradient';
import { FeatureNorm } from '../models/heads';
import { Linear } from '../models/linear';
import { VariableSet } from '../models/variables';
import { defineMethod } from './base';
import { rotationRows, rotationsOf, type Labels, type Rotations, type StepProbe } from './batches';
import { drawFrom, gatherLabelled, labelledPool } from './labelled';
import { slaSpec } from './specs/sla';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import { text } from '../shared/text';

/** N labelled images in four rotations ([4N] rows), their N labels and the step probe. */
export type SlaBatch = Rotations & Labels & StepProbe;

export const sla = defineMethod(slaSpec, ({ ctx, params: p, vars, encoder }) => {
  const numClasses = ctx.train.numClasses;
  const jointHead = new Linear(vars, 'joint', encoder.outputDim, numClasses * ROTATIONS, ctx.initRng);
  const sdHead = new Linear(vars, 'sd', encoder.outputDim, numClasses, ctx.initRng);
  const pool = labelledPool(ctx.train.labels);
  // Both heads read h standardised (batch statistics in training, running ones at test): on raw h,
  // nearly collinear across images, the heads lagged a linear probe on the same features by ~30
  // points (models/heads.ts).
  const normVars = new VariableSet('sla-norm', false);
  const norm = new FeatureNorm(normVars, encoder.outputDim);

  return {
    // The SD head only gets gradients when self-distillation is on.
    trainable: p.selfDistillation ? vars.list() : vars.list().filter((v) => !v.name.startsWith('sla/sd/')),
    sampleBatch: (rng): SlaBatch => {
      const indices = drawFrom(rng, pool, p.batchSize);
      const { images, labels } = gatherLabelled(ctx.train, indices);
      return { ...rotationsOf(augmentView(images, p, rng)), labels, probe: sampleProbeViews(ctx.train, rng, p), labelValues: indices.map((i) => ctx.train.labels[i]) };
    },
    lossTerms: (b: SlaBatch) => {
      const h = norm.train(encoder.apply(b.images).h);              // [4N, D], standardised
      const joint = jointHead.apply(h);                              // [4N, C * 4]
      const targets = jointLabels(b.labels, ROTATIONS);              // [4N]
      const slaLoss = softmaxCrossEntropy(joint, targets);
      let sdLoss = tf.scalar(0);
      if (p.selfDistillation) {
        const teacher = stopGradient(aggregatedLogits(joint, numClasses, ROTATIONS)); // [N, C]
        const student = sdHead.apply(unrotatedRows(h, ROTATIONS));                   // [N, C]
        sdLoss = distillationKl(teacher, student, p.sdTemperature).add(softmaxCrossEntropy(student, b.labels));
      }
      const { posSim, negSim } = probeSimilarity(encoder, b.probe);
      return { loss: slaLoss.add(sdLoss) as tf.Scalar, extras: [posSim, negSim, slaLoss, sdLoss, batchAccuracy(joint, targets)] };
    },
    // [N, 3]: SLA single, SLA aggregated, SLA+SD.
    classify: (images) => tf.tidy(() => {
      const h = norm.apply(encoder.apply(interleavedRotations(images)).h);
      const joint = jointHead.apply(h);
      const heads = [singleLogits(joint, numClasses, ROTATIONS), aggregatedLogits(joint, numClasses, ROTATIONS), sdHead.apply(unrotatedRows(h, ROTATIONS))];
      return tf.stack(heads.map((z) => tf.argMax(z, 1).toFloat()), 1) as tf.Tensor2D;
    }),
    afterStep: () => norm.update(),
    extraVariables: () => normVars.list(),
    dispose() {
      norm.dispose();
      normVars.dispose();
    },
    preview: (b: SlaBatch) => {
      const name = (i: number) => ctx.train.classNames[b.labelValues[i] ?? -1] ?? '?';
      return [{
        title: text('charts.preview.sla.title'),
        rows: rotationRows(b, 6, (i, j) => `${name(i)}·${j * 90}° = ${(b.labelValues[i] ?? 0) * ROTATIONS + j}`),
      }];
    },
  };
});
