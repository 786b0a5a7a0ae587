/**
 * A small convolutional decoder from the encoder's last feature map back to image resolution,
 * shared by the context encoder (inpainting: RGB at full resolution) and colorization (ab logits
 * at half resolution, as the paper predicts at a quarter of its input's).
 *
 *   map [N, H/4, W/4, C] -> (upsample x2 -> conv3x3 -> relu) x ups -> conv3x3 -> [N, h, w, outChannels]
 *
 * Upsampling is nearest-neighbour by broadcasting, then a convolution: tf.conv2dTranspose's
 * gradient (Conv2DBackpropInput's own gradient) would bypass the project's fast conv gradients
 * (kernels/convGradients.ts), and resizeNearestNeighbor's gradient is missing on wasm. A broadcast
 * add's gradient is a plain sum over the broadcast axes, on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../shared/rng';
import type { VariableSet } from './variables';

/** x [N, H, W, C] -> [N, 2H, 2W, C], each pixel repeated into a 2 x 2 block. */
export function upsampleNearest2x(x: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const spread = x.reshape([n, h, 1, w, 1, c]).add(tf.zeros([1, 1, 2, 1, 2, 1])); // [N, H, 2, W, 2, C]
  return spread.reshape([n, 2 * h, 2 * w, c]);
}

export interface DecoderConfig {
  /** Channels of the encoder map it reads. */
  inChannels: number;
  /** Channels after the first upsampling; each later stage halves them (at least 8). */
  hidden: number;
  /** Upsampling stages: 2 goes from H/4 back to H, 1 to H/2. */
  ups: number;
  outChannels: number;
}

export class ConvDecoder {
  private readonly layers: { name: string; inC: number; outC: number }[] = [];

  constructor(private readonly vars: VariableSet, name: string, readonly config: DecoderConfig, rng: Rng) {
    let c = config.inChannels;
    for (let i = 0; i < config.ups; i++) {
      const out = Math.max(8, Math.round(config.hidden / 2 ** i));
      this.layers.push({ name: `${name}/up${i}`, inC: c, outC: out });
      c = out;
    }
    this.layers.push({ name: `${name}/out`, inC: c, outC: config.outChannels });
    for (const l of this.layers) {
      vars.he(`${l.name}/kernel`, [3, 3, l.inC, l.outC], 9 * l.inC, rng);
      vars.zeros(`${l.name}/bias`, [l.outC]);
    }
  }

  private conv(x: tf.Tensor4D, layer: { name: string }): tf.Tensor4D {
    const y = tf.conv2d(x, this.vars.get(`${layer.name}/kernel`) as tf.Tensor4D, 1, 'same');
    return y.add(this.vars.get(`${layer.name}/bias`)) as tf.Tensor4D;
  }

  /**
   * map [N, h, w, inChannels] -> [N, size[0], size[1], outChannels] (no activation on the output).
   * size: the resolution wanted; the upsampled map is cropped to it (an odd input size makes the
   * encoder's map round up: 28 -> 14 -> 7 -> 14 -> 28, but 30 -> 15 -> 8 -> 16 -> 32).
   */
  apply(map: tf.Tensor4D, size: readonly [number, number]): tf.Tensor4D {
    let x = map;
    for (const layer of this.layers.slice(0, -1)) x = tf.relu(this.conv(upsampleNearest2x(x), layer));
    x = this.conv(x, this.layers[this.layers.length - 1]);
    const [, h, w] = x.shape;
    return h === size[0] && w === size[1] ? x : x.slice([0, 0, 0, 0], [-1, size[0], size[1], -1]);
  }
}

/** The resolution a decoder with `ups` stages gives for an input of `inputSize` (the encoder's map is ceil(H/4)). */
export function decodedSize(inputSize: readonly [number, number], ups: number): [number, number] {
  const scale = 2 ** (2 - ups);
  return [Math.ceil(inputSize[0] / scale), Math.ceil(inputSize[1] / scale)];
}
