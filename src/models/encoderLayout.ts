/**
 * The encoder's layout as plain data (no tfjs): what ResNetEncoder builds, the model exporter
 * writes and an imported model must match. UI-safe. The one place the layout is written down:
 *   stem conv3x3(w) -> block(w) -> block(2w, stride 2) -> block(4w, stride 2) -> global mean pool
 * Each block: c1 conv3x3 and c2 conv3x3, plus a 1x1 projection (proj) when the width changes.
 */
export type EncoderNorm = 'group' | 'none';

export interface EncoderLayout {
  width: number;
  norm: EncoderNorm;
}

/** One convolution: a [k, k, inC, outC] kernel, then its norm (or bias). */
export interface EncoderConv {
  name: string;
  inC: number;
  outC: number;
  k: number;
}

/** Size of the representation h: the last stage has 4 x width channels, mean-pooled. */
export const encoderOutputDim = (layout: Pick<EncoderLayout, 'width'>): number => 4 * layout.width;

/** The encoder's convolutions in creation order: stem, then per block c1, c2 and (when the width changes) proj. */
export function encoderConvs(width: number): EncoderConv[] {
  const convs: EncoderConv[] = [{ name: 'stem', inC: 3, outC: width, k: 3 }];
  const block = (name: string, inC: number, outC: number): void => {
    convs.push({ name: `${name}/c1`, inC, outC, k: 3 }, { name: `${name}/c2`, inC: outC, outC, k: 3 });
    if (inC !== outC) convs.push({ name: `${name}/proj`, inC, outC, k: 1 });
  };
  block('b1', width, width);
  block('b2', width, 2 * width);
  block('b3', 2 * width, 4 * width);
  return convs;
}

/** The weights one conv owns, by suffix: group norm's gamma and beta, or a bias without norm. */
export function convWeightSuffixes(norm: EncoderNorm): string[] {
  return norm === 'group' ? ['kernel', 'gamma', 'beta'] : ['kernel', 'bias'];
}

/**
 * The names and shapes of the variables ResNetEncoder creates, in its creation order. Per conv:
 * "<conv>/kernel" [k, k, in, out], then "<conv>/gamma" and "<conv>/beta" [out] (group norm) or
 * "<conv>/bias" [out] (no norm).
 */
export function expectedEncoderWeights(layout: EncoderLayout): { name: string; shape: number[] }[] {
  return encoderConvs(layout.width).flatMap(({ name, inC, outC, k }) =>
    convWeightSuffixes(layout.norm).map((suffix) => ({ name: `${name}/${suffix}`, shape: suffix === 'kernel' ? [k, k, inC, outC] : [outC] })));
}
