/**
 * The encoder's layout as plain data (no tfjs): what ResNetEncoder builds, the model exporter
 * writes and an imported model must match. UI-safe.
 */
export type EncoderNorm = 'group' | 'none';

export interface EncoderLayout {
  width: number;
  norm: EncoderNorm;
}

/** Size of the representation h: the last stage has 4 x width channels, mean-pooled. */
export const encoderOutputDim = (layout: Pick<EncoderLayout, 'width'>): number => 4 * layout.width;
