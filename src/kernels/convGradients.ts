/**
 * The gradient of conv2d through kernels every backend already runs fast.
 *
 * tfjs 4.22's Conv2DBackpropFilter is a naive loop on webgpu and webgl (one thread per filter
 * element, serial over batch x output pixels) and missing on wasm; wasm's Conv2DBackpropInput is
 * a plain loop. Both gradients are convolutions themselves:
 *
 *   dW[kh,kw,ci,co] = sum_{n,h,w} x[n, h*s+kh-pt, w*s+kw-pl, ci] * dy[n,h,w,co]
 *     = conv2d(x^T [Cin,H,W,N], dy^T [H',W',N,Cout], stride 1, dilation s) -> [Cin,KH,KW,Cout]
 *   dx = conv2d(dy dilated by s, W flipped in space with Cin/Cout swapped, stride 1)
 *
 * This replaces the registered gradient of Conv2D (one registration serves every backend); which
 * formulation each backend uses is a table measured by `npm run bench` (docs/benchmarks.md).
 */
import * as tf from '@tensorflow/tfjs';

export type FilterGradient = 'conv' | 'matmul' | 'stock';
export type InputGradient = 'conv' | 'stock';
export interface ConvGradientChoice { filter: FilterGradient; input: InputGradient }

/**
 * Per backend, from one `npm run bench` run on a 2-core machine without a GPU (docs/benchmarks.md);
 * 'stock' is tfjs's own kernel (wasm has none for the filter). webgpu keeps tfjs's naive filter
 * gradient: over SwiftShader the conv form took a SimCLR step from 11.9 s to 17.4 s and the
 * matMul form to 16.6 s (webgpu's forward Conv2D itself is the slow part there); on a real GPU
 * this is unmeasured (npm run bench:gpu prints all three).
 */
const CHOICE: Record<string, ConvGradientChoice> = {
  wasm: { filter: 'conv', input: 'conv' },
  cpu: { filter: 'conv', input: 'stock' },
  webgl: { filter: 'conv', input: 'stock' },
  webgpu: { filter: 'stock', input: 'stock' },
};
const FALLBACK: ConvGradientChoice = { filter: 'conv', input: 'stock' };

let override: ConvGradientChoice | null = null;

/** Forces one formulation on every backend (benchmarks and tests); null restores the table. */
export function forceConvGradients(choice: ConvGradientChoice | null): void {
  override = choice;
}

export function convGradientChoice(backendName: string): ConvGradientChoice {
  const choice = override ?? CHOICE[backendName] ?? FALLBACK;
  // wasm has no stock filter gradient: forcing 'stock' there would fail at the first step.
  return backendName === 'wasm' && choice.filter === 'stock' ? { ...choice, filter: 'conv' } : choice;
}

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

interface ConvGeometry {
  strides: [number, number];
  /** Padding the forward conv put on each side (bottom / right may be negative: unused rows). */
  top: number; bottom: number; left: number; right: number;
  filterHeight: number; filterWidth: number;
}

function geometry(xShape: number[], filterShape: number[], strides: number | [number, number], pad: Pad): ConvGeometry {
  const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], strides, 1, pad);
  const { top, left } = info.padInfo;
  const s = [info.strideHeight, info.strideWidth] as [number, number];
  // Rows the forward conv actually read: (out - 1) * s + k; what is left below / right is unused.
  const bottom = (info.outHeight - 1) * s[0] + info.filterHeight - info.inHeight - top;
  const right = (info.outWidth - 1) * s[1] + info.filterWidth - info.inWidth - left;
  return { strides: s, top, bottom, left, right, filterHeight: info.filterHeight, filterWidth: info.filterWidth };
}

/** Pads (positive) or crops (negative) the H and W axes of an NHWC tensor. */
function padOrCrop(x: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  const cropped = (bottom < 0 || right < 0 || top < 0 || left < 0)
    ? x.slice([0, Math.max(0, -top), Math.max(0, -left), 0], [-1, h - Math.max(0, -top) - Math.max(0, -bottom), w - Math.max(0, -left) - Math.max(0, -right), -1])
    : x;
  const [pt, pb, pl, pr] = [top, bottom, left, right].map((p) => Math.max(0, p));
  return pt || pb || pl || pr ? tf.pad(cropped, [[0, 0], [pt, pb], [pl, pr], [0, 0]]) : cropped;
}

/** dW [KH, KW, Cin, Cout] of conv2d(x [N,H,W,Cin], W, strides, pad) given dy [N,H',W',Cout]. */
export function conv2dFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: number[], strides: number | [number, number], pad: Pad): tf.Tensor4D {
  return tf.tidy(() => {
    const g = geometry(x.shape, filterShape, strides, pad);
    const xT = padOrCrop(x.transpose([3, 1, 2, 0]), g.top, g.bottom, g.left, g.right); // [Cin, H+pad, W+pad, N]
    const dyT = dy.transpose([1, 2, 0, 3]) as tf.Tensor4D;                             // [H', W', N, Cout]
    const dW = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', g.strides);                      // [Cin, KH, KW, Cout]
    return dW.transpose([1, 2, 0, 3]) as tf.Tensor4D;
  });
}

/**
 * dW as per-sample im2col matMuls summed over the batch: patches [N, H'W', KH*KW*Cin]^T times
 * dy [N, H'W', Cout] -> [N, KH*KW*Cin, Cout] -> sum over N. Each sample's product is its own set
 * of GPU workgroups, so the long reduction over N * H' * W' is split N ways; the conv form
 * above has a tiny output ([Cin, KH, KW, Cout]) that a GPU computes on a handful of threads.
 */
export function conv2dFilterGradientMatMul(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: number[], strides: number | [number, number], pad: Pad): tf.Tensor4D {
  return tf.tidy(() => {
    const g = geometry(x.shape, filterShape, strides, pad);
    const [n, outH, outW, cout] = dy.shape;
    const cin = x.shape[3];
    const [sh, sw] = g.strides;
    const padded = padOrCrop(x, g.top, g.bottom, g.left, g.right);
    const taps: tf.Tensor4D[] = [];
    for (let kh = 0; kh < g.filterHeight; kh++) {
      for (let kw = 0; kw < g.filterWidth; kw++) {
        const end = [n, kh + (outH - 1) * sh + 1, kw + (outW - 1) * sw + 1, cin];
        taps.push(sh === 1 && sw === 1
          ? padded.slice([0, kh, kw, 0], [n, outH, outW, cin])
          : tf.stridedSlice(padded, [0, kh, kw, 0], end, [1, sh, sw, 1]) as tf.Tensor4D);
      }
    }
    const patches = (taps.length === 1 ? taps[0] : tf.concat(taps, 3)).reshape([n, outH * outW, taps.length * cin]);
    const perSample = tf.matMul(patches, dy.reshape([n, outH * outW, cout]), true, false); // [N, KH*KW*Cin, Cout]
    return perSample.sum(0).reshape([g.filterHeight, g.filterWidth, cin, cout]) as tf.Tensor4D;
  });
}

/**
 * Spreads dy by the stride, s-1 zeros after every row / column: [N,H,W,C] -> [N,H*sh,W*sw,C].
 * The trailing zeros stand in for that much of the padding below / right (no slice: slices are
 * slow on wasm).
 */
function spreadByStride(dy: tf.Tensor4D, [sh, sw]: [number, number]): tf.Tensor4D {
  if (sh === 1 && sw === 1) return dy;
  const [n, h, w, c] = dy.shape;
  const spread = tf.pad(dy.reshape([n, h, 1, w, 1, c]), [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]);
  return spread.reshape([n, h * sh, w * sw, c]);
}

/** dx [N,H,W,Cin] of conv2d(x, filter [KH,KW,Cin,Cout], strides, pad) given dy [N,H',W',Cout]. */
export function conv2dInputGradient(xShape: number[], dy: tf.Tensor4D, filter: tf.Tensor4D, strides: number | [number, number], pad: Pad): tf.Tensor4D {
  return tf.tidy(() => {
    const g = geometry(xShape, filter.shape, strides, pad);
    const flipped = tf.reverse(filter, [0, 1]).transpose([0, 1, 3, 2]) as tf.Tensor4D; // [KH, KW, Cout, Cin]
    const spread = spreadByStride(dy, g.strides);
    const [sh, sw] = g.strides;
    // dx[i] = sum_k dilated[i + top - k] W[k], dilated = dy with s-1 zeros between rows: a
    // correlation with the flipped filter over dilated, padded by KH-1-top above and by whatever
    // reaches the forward conv's unused rows below (spread already ends in s-1 zero rows).
    const padded = padOrCrop(spread, g.filterHeight - 1 - g.top, g.filterHeight - 1 - g.bottom - (sh - 1), g.filterWidth - 1 - g.left, g.filterWidth - 1 - g.right - (sw - 1));
    return tf.conv2d(padded, flipped, 1, 'valid');
  });
}

let installed = false;

/** Registers the Conv2D gradient above (idempotent). */
export function installConvGradients(): void {
  if (installed) return;
  installed = true;
  const stock = tf.getGradient(tf.Conv2D);
  tf.unregisterGradient(tf.Conv2D);
  tf.registerGradient({
    kernelName: tf.Conv2D,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const { strides, pad, dataFormat, dilations } = attrs as unknown as { strides: [number, number]; pad: Pad; dataFormat: string; dilations: number | [number, number] };
      const unitDilation = [dilations].flat().every((d) => d === 1);
      const choice = convGradientChoice(tf.getBackend());
      if (dataFormat !== 'NHWC' || !unitDilation) return stock.gradFunc(dy, saved, attrs);
      const dy4 = dy as tf.Tensor4D;
      const stockGrads = choice.filter === 'stock' || choice.input === 'stock' ? stock.gradFunc(dy, saved, attrs) : null;
      return {
        x: choice.input === 'conv' ? () => conv2dInputGradient(x.shape, dy4, filter, strides, pad) : stockGrads!.x,
        filter: choice.filter === 'conv' ? () => conv2dFilterGradient(x, dy4, filter.shape, strides, pad)
          : choice.filter === 'matmul' ? () => conv2dFilterGradientMatMul(x, dy4, filter.shape, strides, pad)
          : stockGrads!.filter,
      };
    },
  });
}
