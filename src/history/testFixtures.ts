/** Test helpers for history: a trained encoder's weights with the encoder's real names and shapes. */
import { expectedEncoderWeights } from '../models/encoderLayout';
import type { EncoderWeightsMessage } from '../shared/protocol';

/** A width-`width` group-norm encoder's weights, every value different (sin of its index). */
export function trainedEncoder(width = 4): EncoderWeightsMessage {
  let k = 0;
  const weights = expectedEncoderWeights({ width, norm: 'group', normGroups: 8 }).map(({ name, shape }) => ({
    name, shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.sin(k++)),
  }));
  return { width, norm: 'group', normGroups: 8, outputDim: 4 * width, inputShape: [32, 32, 3], weights };
}
