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
import { ResNetEncoder } from '../models/encoder';
import { Linear } from '../models/linear';
import { createOptimizer, metricsOf, minimizeWithMetrics, type LossTerms } from '../models/optimizer';
import { VariableSet } from '../models/variables';
import { drawFrom, gatherLabelled, labelledPool } from './labelled';
import { rotationBatch, rotationRows, rotationsOf } from './rotationBatch';
import { slaSpec, type SlaParams } from './specs/sla';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import type { Batch, MethodImpl, MethodRun } from './types';

export const sla: MethodImpl<SlaParams> = {
  spec: slaSpec,
  create(ctx): MethodRun {
    const p = ctx.params;
    const numClasses = ctx.train.numClasses;
    const vars = new VariableSet('sla');
    const encoder = new ResNetEncoder(vars, { width: p.width, norm: p.norm }, ctx.initRng);
    const jointHead = new Linear(vars, 'joint', encoder.outputDim, numClasses * ROTATIONS, ctx.initRng);
    const sdHead = new Linear(vars, 'sd', encoder.outputDim, numClasses, ctx.initRng);
    const optimizer = createOptimizer(p);
    // The SD head only gets gradients when self-distillation is on.
    const trainable = p.selfDistillation ? vars.list() : vars.list().filter((v) => !v.name.startsWith('sla/sd/'));
    const pool = labelledPool(ctx.train.labels);

    const lossTerms = (batch: Batch): LossTerms => {
      const b = rotationsOf(batch);
      if (!b.labels || !b.probe) throw new Error('SLA needs labels');
      const h = encoder.apply(b.images).h;                          // [4N, D]
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
    };

    return {
      encoder: encoder,
      sampleBatch: (rng): Batch => {
        const indices = drawFrom(rng, pool, p.batchSize);
        const { images, labels } = gatherLabelled(ctx.train, indices);
        return rotationBatch(augmentView(images, p, rng), { labels, probe: sampleProbeViews(ctx.train, rng, p), labelValues: indices.map((i) => ctx.train.labels[i]) });
      },
      trainStep: (batch) => tf.tidy(() => minimizeWithMetrics(optimizer, trainable, () => lossTerms(batch))),
      evaluateBatch: (batch) => tf.tidy(() => metricsOf(lossTerms(batch))),
      embed: (images) => encoder.apply(images).h,
      // [N, 3]: SLA single, SLA aggregated, SLA+SD.
      classify: (images) => tf.tidy(() => {
        const h = encoder.apply(interleavedRotations(images)).h;
        const joint = jointHead.apply(h);
        const heads = [singleLogits(joint, numClasses, ROTATIONS), aggregatedLogits(joint, numClasses, ROTATIONS), sdHead.apply(unrotatedRows(h, ROTATIONS))];
        return tf.stack(heads.map((z) => tf.argMax(z, 1).toFloat()), 1) as tf.Tensor2D;
      }),
      preview: (batch) => {
        const b = rotationsOf(batch);
        const name = (i: number) => ctx.train.classNames[b.labelValues?.[i] ?? -1] ?? '?';
        return [{
          title: 'Each image in four rotations, interleaved per image; below each: (class, rotation) = joint label',
          rows: rotationRows(b, 6, (i, j) => `${name(i)}·${j * 90}° = ${(b.labelValues?.[i] ?? 0) * ROTATIONS + j}`),
        }];
      },
      variables: () => vars.list(),
      dispose() {
        optimizer.dispose();
        vars.dispose();
      },
    };
  },
};
