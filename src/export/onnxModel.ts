/**
 * The trained encoder as an ONNX model (opset 17, IR version 8), so onnxruntime, Netron and the
 * converters read it. Pure: no tfjs, no DOM; the protobuf messages come from onnx-proto (the ONNX
 * schema compiled for protobufjs), not hand-written bytes.
 *
 * The graph is the encoder's forward pass (models/encoder.ts), from the same layout:
 *   input  "images" float32 [N, H, W, 3], RGB in [0, 1] (channels last, as Pretext holds images);
 *          N, H and W are symbolic (the trained size is in the metadata's "input")
 *   Transpose to NCHW, x * 2 - 1 (the encoder's own input scaling, inside the graph)
 *   stem conv3x3 -> block(w) -> block(2w, stride 2) -> block(4w, stride 2) -> mean over H, W
 *   output "h" float32 [N, 4w], the representation
 * Convs pad SAME_UPPER, which is TensorFlow's 'same' (the extra row/column at the end), so other
 * input sizes work too. Opset 17 has no GroupNormalization (opset 18's takes per-group scales,
 * ours are per channel), so group norm is its standard decomposition: reshape to [N, G, -1],
 * subtract the mean, divide by sqrt(biased variance + 1e-5), reshape back, then x gamma + beta.
 */
import { onnx } from 'onnx-proto';
import { encoderConvs, expectedEncoderWeights, groupCount, layoutOf } from '../models/encoderLayout';
import type { EncoderTopology, NamedWeight } from './encoderModel';

export const ONNX_OPSET = 17;
export const ONNX_IR_VERSION = 8;
/** The same epsilon as the encoder's group norm (models/encoder.ts). */
const GROUP_NORM_EPS = 1e-5;

/** What the model's metadata says about the run, beside the topology. */
export interface OnnxRunInfo {
  runName: string;
  /** The method's params as the run used them. */
  params: Record<string, unknown>;
}

/** Metadata keys a reader can rely on (metadata_props). */
export const ONNX_METADATA_KEYS = ['pretext.format', 'input', 'output', 'normalisation', 'run', 'method', 'params', 'steps', 'seed', 'trainedOn', 'encoder'] as const;

/** [k, k, in, out] (TF's HWIO) to ONNX's [out, in, k, k] (OIHW). */
function kernelToOihw(data: Float32Array, k: number, inC: number, outC: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) for (let i = 0; i < inC; i++) for (let o = 0; o < outC; o++) {
    out[((o * inC + i) * k + y) * k + x] = data[((y * k + x) * inC + i) * outC + o];
  }
  return out;
}

/** Builds the graph's nodes and initializers with unique names. */
class GraphBuilder {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  private count = 0;

  constant(name: string, dims: number[], values: Float32Array | number[]): string {
    const data = values instanceof Float32Array ? values : Float32Array.from(values);
    this.initializers.push({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: littleEndianBytes(data) });
    return name;
  }

  int64s(name: string, values: number[]): string {
    this.initializers.push({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, int64Data: values });
    return name;
  }

  /** One node; returns its output's name. */
  op(opType: string, inputs: string[], attributes: onnx.IAttributeProto[] = [], hint = opType.toLowerCase()): string {
    const output = `${hint}_${this.count++}`;
    this.nodes.push({ opType, input: inputs, output: [output], name: output, attribute: attributes });
    return output;
  }
}

function littleEndianBytes(data: Float32Array): Uint8Array {
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return bytes;
}

const ints = (name: string, values: number[]): onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });
const int = (name: string, value: number): onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });
const str = (name: string, value: string): onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(value) });

function floatTensorType(dims: (number | string)[]): onnx.ITypeProto {
  return {
    tensorType: {
      elemType: onnx.TensorProto.DataType.FLOAT,
      shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
    },
  };
}

/**
 * The ONNX model bytes of an encoder: the topology (layout, input size, run facts) and its
 * weights by name, as encoderModelFiles takes them. Throws when the weights do not fit the layout.
 */
export function encoderToOnnx(topology: EncoderTopology, weights: readonly NamedWeight[], run: OnnxRunInfo): Uint8Array {
  const layout = layoutOf(topology.encoder);
  const byName = new Map(weights.map((w) => [w.name, w]));
  for (const { name, shape } of expectedEncoderWeights(layout)) {
    const w = byName.get(name);
    if (!w || w.shape.join() !== shape.join() || w.data.length !== shape.reduce((a, b) => a * b, 1)) {
      throw new Error(`The encoder's weight ${name} is missing or not [${shape}]: the ONNX export needs the whole encoder.`);
    }
  }
  const g = new GraphBuilder();
  const weight = (name: string) => byName.get(name)!;
  const convSpecs = new Map(encoderConvs(layout.width).map((c) => [c.name, c]));

  // Shared constants.
  const two = g.constant('const/two', [], [2]);
  const one = g.constant('const/one', [], [1]);
  const eps = g.constant('const/eps', [], [GROUP_NORM_EPS]);

  const convNorm = (x: string, name: string, stride: number): string => {
    const spec = convSpecs.get(name)!;
    const kernel = g.constant(`${name}/kernel`, [spec.outC, spec.inC, spec.k, spec.k], kernelToOihw(weight(`${name}/kernel`).data, spec.k, spec.inC, spec.outC));
    const attrs = [ints('kernel_shape', [spec.k, spec.k]), ints('strides', [stride, stride]), str('auto_pad', 'SAME_UPPER')];
    if (layout.norm === 'none') {
      const bias = g.constant(`${name}/bias`, [spec.outC], weight(`${name}/bias`).data);
      return g.op('Conv', [x, kernel, bias], attrs, `${name}/conv`);
    }
    const y = g.op('Conv', [x, kernel], attrs, `${name}/conv`);
    // Group norm: [N, C, H, W] -> [N, G, C/G * H * W], normalised over the last axis.
    const groups = groupCount(spec.outC, layout.normGroups);
    const grouped = g.op('Reshape', [y, g.int64s(`${name}/groupedShape`, [0, groups, -1])], [], `${name}/grouped`);
    const mean = g.op('ReduceMean', [grouped], [ints('axes', [2]), int('keepdims', 1)], `${name}/mean`);
    const centred = g.op('Sub', [grouped, mean], [], `${name}/centred`);
    const variance = g.op('ReduceMean', [g.op('Mul', [centred, centred], [], `${name}/sq`)], [ints('axes', [2]), int('keepdims', 1)], `${name}/var`);
    const xhat = g.op('Div', [centred, g.op('Sqrt', [g.op('Add', [variance, eps], [], `${name}/varEps`)], [], `${name}/std`)], [], `${name}/xhat`);
    const back = g.op('Reshape', [xhat, g.op('Shape', [y], [], `${name}/shape`)], [], `${name}/ungrouped`);
    const gamma = g.constant(`${name}/gamma`, [spec.outC, 1, 1], weight(`${name}/gamma`).data);
    const beta = g.constant(`${name}/beta`, [spec.outC, 1, 1], weight(`${name}/beta`).data);
    return g.op('Add', [g.op('Mul', [back, gamma], [], `${name}/scaled`), beta], [], `${name}/norm`);
  };
  const residual = (x: string, name: string, stride: number): string => {
    const y = convNorm(g.op('Relu', [convNorm(x, `${name}/c1`, stride)], [], `${name}/relu1`), `${name}/c2`, 1);
    const shortcut = convSpecs.has(`${name}/proj`) ? convNorm(x, `${name}/proj`, stride) : x;
    return g.op('Relu', [g.op('Add', [y, shortcut], [], `${name}/sum`)], [], `${name}/out`);
  };

  const nchw = g.op('Transpose', ['images'], [ints('perm', [0, 3, 1, 2])], 'nchw');
  const scaled = g.op('Sub', [g.op('Mul', [nchw, two], [], 'times2'), one], [], 'scaled');
  const stem = g.op('Relu', [convNorm(scaled, 'stem', 1)], [], 'stem/out');
  const s3 = residual(residual(residual(stem, 'b1', 1), 'b2', 2), 'b3', 2);
  g.nodes.push({ opType: 'ReduceMean', input: [s3], output: ['h'], name: 'h', attribute: [ints('axes', [2, 3]), int('keepdims', 0)] });

  const [height, width] = topology.inputShape;
  const graph: onnx.IGraphProto = {
    name: `pretext_${topology.methodId}_encoder`,
    node: g.nodes,
    initializer: g.initializers,
    input: [{ name: 'images', type: floatTensorType(['N', 'H', 'W', 3]), docString: `RGB images, channels last, values in [0, 1]; trained at ${height} x ${width}, other sizes run too` }],
    output: [{ name: 'h', type: floatTensorType(['N', topology.outputDim]), docString: 'the representation h (global mean pool of the last stage)' }],
  };
  const metadata: Record<(typeof ONNX_METADATA_KEYS)[number], string> = {
    'pretext.format': 'pretext-encoder-onnx/1',
    input: `images: float32 [N, ${height}, ${width}, 3], NHWC, RGB in [0, 1]`,
    output: `h: float32 [N, ${topology.outputDim}]`,
    normalisation: 'none outside the model: it computes x * 2 - 1 itself',
    run: run.runName,
    method: topology.methodId,
    params: JSON.stringify(run.params),
    steps: String(topology.steps),
    seed: String(topology.seed),
    trainedOn: JSON.stringify(topology.trainedOn),
    encoder: JSON.stringify(layout),
  };
  const model: onnx.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'Pretext',
    producerVersion: '1',
    docString: `${run.runName}: the ${topology.methodId} encoder trained in Pretext (input ${metadata.input}; output ${metadata.output}).`,
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
