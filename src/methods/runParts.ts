/**
 * The parts of a MethodRun most methods write the same way: a step is one optimizer.minimize over
 * every trainable variable of the loss the method composes, evaluation the same loss without an
 * update, the representation is the encoder's h, and disposal frees the optimizer and variables.
 */
import * as tf from '@tensorflow/tfjs';
import type { ResNetEncoder } from '../models/encoder';
import { metricsOf, minimizeWithMetrics, type LossTerms } from '../models/optimizer';
import type { VariableSet } from '../models/variables';
import type { Batch, MethodRun } from './types';

type CommonParts = Pick<MethodRun, 'encoder' | 'trainStep' | 'evaluateBatch' | 'embed' | 'variables' | 'dispose'>;

export function commonRunParts(encoder: ResNetEncoder, vars: VariableSet, optimizer: tf.Optimizer, lossTerms: (batch: Batch) => LossTerms): CommonParts {
  const trainable = vars.list();
  return {
    encoder,
    trainStep: (batch) => tf.tidy(() => minimizeWithMetrics(optimizer, trainable, () => lossTerms(batch))),
    evaluateBatch: (batch) => tf.tidy(() => metricsOf(lossTerms(batch))),
    embed: (images) => encoder.apply(images).h,
    variables: () => vars.list(),
    dispose() {
      optimizer.dispose();
      vars.dispose();
    },
  };
}
