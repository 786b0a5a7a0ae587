/**
 * The encoder's layout as plain data (no tfjs): what ResNetEncoder builds, the model exporter
 * writes and an imported model must match. UI-safe. The one place the layout is written down:
 *   stem conv3x3(w) -> block(w) -> block(2w, stride 2) -> block(4w, stride 2) -> global mean pool
 * Each block: c1 conv3x3 and c2 conv3x3, plus a 1x1 projection (proj) when the width changes.
 */
import { text, type Text } from '../shared/text';

export type EncoderNorm = 'group' | 'none';

export interface EncoderLayout {
  width: number;
  norm: EncoderNorm;
  /** Group norm: each layer uses the largest divisor of its channels that is at most this (groupCount). */
  normGroups: number;
}

/** What a layout recorded before normGroups existed (an old export, a History record) used. */
export const DEFAULT_NORM_GROUPS = 8;

/** A layout from stored or imported data: a missing normGroups is DEFAULT_NORM_GROUPS (what the encoder did before it existed). */
export function layoutOf(raw: { width: number; norm: EncoderNorm; normGroups?: number }): EncoderLayout {
  return { width: raw.width, norm: raw.norm, normGroups: raw.normGroups ?? DEFAULT_NORM_GROUPS };
}

/**
 * The groups of a group-norm layer of c channels: the largest divisor of c that is at most
 * maxGroups. 1 is layer norm (one group of all channels); maxGroups >= c is instance norm.
 */
export function groupCount(c: number, maxGroups: number): number {
  for (let g = Math.min(Math.max(1, Math.floor(maxGroups)), c); g > 1; g--) if (c % g === 0) return g;
  return 1;
}

/** One stage's norm in words: "instance norm (8 groups of 1 channel)", "layer norm (1 group of 32 channels)", "8 groups of 4". */
function stageNormText(channels: number, maxGroups: number): Text {
  const g = groupCount(channels, maxGroups);
  const per = channels / g;
  if (per === 1) return text('setup.normGroups.instance', { count: g });
  if (g === 1) return text('setup.normGroups.layer', { channels });
  return text('setup.normGroups.groups', { groups: g, per });
}

/**
 * What normGroups means at a width, stage by stage (stages have width, 2 x width and 4 x width
 * channels): "At width 8: stage 1 instance norm (8 groups of 1 channel), stage 2 8 groups of 2, stage 3 8 groups of 4".
 */
export function normGroupsText(width: number, maxGroups: number): Text | null {
  if (!(Number.isInteger(width) && width > 0 && Number.isFinite(maxGroups) && maxGroups >= 1)) return null;
  const [stage1, stage2, stage3] = [width, 2 * width, 4 * width].map((c) => stageNormText(c, maxGroups));
  return text('setup.normGroups.atWidth', { width, stage1, stage2, stage3 });
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
export function expectedEncoderWeights(layout: Pick<EncoderLayout, 'width' | 'norm'> & Partial<EncoderLayout>): { name: string; shape: number[] }[] {
  return encoderConvs(layout.width).flatMap(({ name, inC, outC, k }) =>
    convWeightSuffixes(layout.norm).map((suffix) => ({ name: `${name}/${suffix}`, shape: suffix === 'kernel' ? [k, k, inC, outC] : [outC] })));
}
