/**
 * A small ResNet-style encoder for 28-64 px inputs:
 *   stem conv3x3(w) -> block(w) -> block(2w, stride 2) -> block(4w, stride 2) -> global mean pool
 * Each block: conv3x3 - norm - relu - conv3x3 - norm, plus a (projected) shortcut, then relu.
 * Norm is group norm (no batch statistics, so samples of a batch never see each other: MoCo's
 * single-device BN leak cannot happen) or none (convs get a bias instead).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../shared/rng';
import { VariableSet } from './variables';
import { groupNormKernel, hasGroupNormKernel } from '../kernels/groupNormKernel';
import type { NamedWeightData } from '../shared/protocol';
import { convWeightSuffixes, encoderConvs, encoderOutputDim, groupCount, layoutOf, type EncoderConv, type EncoderLayout } from './encoderLayout';

const GROUP_NORM_EPS = 1e-5;

/** The layout (models/encoderLayout.ts) is the encoder's whole configuration. */
export type EncoderConfig = EncoderLayout;

export interface EncoderOutput {
  /** [N, 4w] the representation h. */
  h: tf.Tensor2D;
  /** [N, H/2, W/2, 2w] the local feature map after the second stage (for local objectives). */
  local: tf.Tensor4D;
  /**
   * [N, H/4, W/4, 4w] the last stage's map, before h pools it over space: where things are in the
   * image (a sprite's position), which the mean pool of h all but removes.
   */
  map: tf.Tensor4D;
}

export { groupCount };

/**
 * Group norm over [N, H, W, C] with per-channel gamma / beta, as one op with a closed-form
 * gradient: autodiff through moments, sub, rsqrt and mul runs about twice as many full-size
 * kernels, and on wasm those small elementwise kernels, not the convolutions, dominate a step.
 *   xhat = (x - mean_g) / sqrt(var_g + eps),  y = gamma * xhat + beta
 *   dx = rstd * (g - mean_g(g) - xhat * mean_g(g * xhat)),  g = dy * gamma
 * (means over each sample's group: H, W and the group's channels). On wasm and cpu one fused
 * kernel does this (kernels/groupNormKernel.ts); webgpu and webgl run the ops below.
 */
export function groupNorm(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, groups: number): tf.Tensor4D {
  return hasGroupNormKernel() ? groupNormKernel(x, gamma, beta, groups, GROUP_NORM_EPS) : groupNormOps(x, gamma, beta, groups);
}

/** The same in tf ops with the closed-form gradient (webgpu, webgl). */
export function groupNormOps(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, groups: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const grouped = [n, h, w, groups, c / groups];
  const axes = [1, 2, 4];
  const op = tf.customGrad((xIn, gIn, bIn, save) => {
    const xg = (xIn as tf.Tensor).reshape(grouped);
    const { mean, variance } = tf.moments(xg, axes, true);   // [N, 1, 1, G, 1]
    const rstd = tf.rsqrt(variance.add(GROUP_NORM_EPS));
    const xhat = xg.sub(mean).mul(rstd);                        // [N, H, W, G, C/G]
    (save as tf.GradSaveFunc)([xhat, rstd, gIn as tf.Tensor]);
    const value = xhat.reshape([n, h, w, c]).mul(gIn as tf.Tensor).add(bIn as tf.Tensor);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, r, gm] = saved;
        const xhFlat = xh.reshape([n, h, w, c]);
        const dGamma = dy.mul(xhFlat).sum([0, 1, 2]);
        const dBeta = dy.sum([0, 1, 2]);
        const g = dy.mul(gm).reshape(grouped);
        const dx = g.sub(g.mean(axes, true)).sub(xh.mul(g.mul(xh).mean(axes, true))).mul(r);
        return [dx.reshape([n, h, w, c]), dGamma.reshape(gm.shape), dBeta.reshape(gm.shape)];
      },
    };
  });
  return op(x, gamma, beta) as tf.Tensor4D;
}

export class ResNetEncoder {
  readonly outputDim: number;
  private readonly convs = new Map<string, EncoderConv>();

  /**
   * rng: create seeded weights in `vars`; null: use the weights already in `vars` (a frozen copy
   * made by frozenCopy, e.g. MoCo's key encoder).
   */
  readonly config: EncoderConfig;

  constructor(readonly vars: VariableSet, config: EncoderConfig, rng: Rng | null) {
    // A layout from before normGroups existed (stored, imported) means what the encoder did then.
    this.config = layoutOf(config);
    this.outputDim = encoderOutputDim(config);
    // Creation order (and so the seeded draws) follows the layout's conv list.
    for (const conv of encoderConvs(config.width)) this.conv(conv, rng);
  }

  private conv(spec: EncoderConv, rng: Rng | null): void {
    const { name, inC, outC, k } = spec;
    this.convs.set(name, spec);
    if (!rng) return;
    this.vars.he(`${name}/kernel`, [k, k, inC, outC], k * k * inC, rng);
    if (this.config.norm === 'group') {
      this.vars.ones(`${name}/gamma`, [outC]);
      this.vars.zeros(`${name}/beta`, [outC]);
    } else {
      this.vars.zeros(`${name}/bias`, [outC]);
    }
  }

  private v(name: string): tf.Variable {
    return this.vars.get(name);
  }

  /** conv -> norm (no activation). */
  private convNorm(x: tf.Tensor4D, name: string, stride: number): tf.Tensor4D {
    const spec = this.convs.get(name)!;
    const y = tf.conv2d(x, this.v(`${name}/kernel`) as tf.Tensor4D, stride, 'same');
    if (this.config.norm === 'group') {
      return groupNorm(y, this.v(`${name}/gamma`), this.v(`${name}/beta`), groupCount(spec.outC, this.config.normGroups));
    }
    return y.add(this.v(`${name}/bias`)) as tf.Tensor4D;
  }

  private residual(x: tf.Tensor4D, name: string, stride: number): tf.Tensor4D {
    const y = this.convNorm(tf.relu(this.convNorm(x, `${name}/c1`, stride)), `${name}/c2`, 1);
    const shortcut = this.convs.has(`${name}/proj`) ? this.convNorm(x, `${name}/proj`, stride) : x;
    return tf.relu(y.add(shortcut));
  }

  /** The weights by local name, in creation order (the export format lists them in this order). */
  namedWeights(): { name: string; tensor: tf.Variable }[] {
    return this.weightNames().map((name) => ({ name, tensor: this.vars.get(name) }));
  }

  /** The encoder's own variables (its VariableSet may also hold a method's heads), in creation order. */
  private weightNames(): string[] {
    const perConv = convWeightSuffixes(this.config.norm);
    return [...this.convs.keys()].flatMap((conv) => perConv.map((w) => `${conv}/${w}`));
  }

  /**
   * Overwrites every weight with an imported one of the same name and shape (an exported encoder
   * evaluated on another dataset). Throws, naming the weight, on any mismatch.
   */
  loadWeights(weights: ReadonlyMap<string, tf.Tensor>): void {
    const names = this.weightNames();
    const missing = names.filter((n) => !weights.has(n));
    const extra = [...weights.keys()].filter((n) => !names.includes(n));
    if (missing.length || extra.length) throw new Error(`The imported weights do not fit this encoder: missing ${missing.join(', ') || 'none'}; unexpected ${extra.join(', ') || 'none'}.`);
    for (const name of names) {
      const v = this.vars.get(name), w = weights.get(name)!;
      if (v.shape.join() !== w.shape.join()) throw new Error(`Imported weight ${name} has shape [${w.shape}], the encoder needs [${v.shape}].`);
      v.assign(w);
    }
  }

  /** The weights read back (for the TF.js model export), in creation order. */
  async readWeights(): Promise<NamedWeightData[]> {
    const named = this.namedWeights();
    const data = await Promise.all(named.map((w) => w.tensor.data() as Promise<Float32Array>));
    return named.map((w, i) => ({ name: w.name, shape: w.tensor.shape.slice(), data: data[i] }));
  }

  /** loadWeights from read-back data (an imported model's weights); throws on a mismatch. */
  loadWeightData(weights: readonly NamedWeightData[]): void {
    const tensors = new Map(weights.map((w) => [w.name, tf.tensor(w.data, w.shape)] as const));
    try {
      this.loadWeights(tensors);
    } finally {
      tf.dispose([...tensors.values()]);
    }
  }

  /** images: [N, H, W, 3] in [0, 1]. */
  apply(images: tf.Tensor4D): EncoderOutput {
    const x = images.mul(2).sub(1) as tf.Tensor4D;
    const stem = tf.relu(this.convNorm(x, 'stem', 1));
    const s1 = this.residual(stem, 'b1', 1);
    const s2 = this.residual(s1, 'b2', 2);
    const s3 = this.residual(s2, 'b3', 2);
    return { h: tf.mean(s3, [1, 2]) as tf.Tensor2D, local: s2, map: s3 };
  }
}
