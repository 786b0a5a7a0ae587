/**
 * "Export PyTorch": a zip with model.py (the encoder as an nn.Module and a loader), the trained
 * weights as encoder.safetensors (named as model.py's state_dict, with the layout and the run in
 * its metadata), README.md and requirements.txt. Pure: no tfjs, no DOM (model.py comes in as text).
 *
 * Not in it yet: train.py (the experiment under torchrun) and the methods' heads; the README says so.
 */
import { zipSync, strToU8 } from 'fflate';
import { encoderConvs, expectedEncoderWeights, layoutOf } from '../../models/encoderLayout';
import type { EncoderTopology, NamedWeight } from '../encoderModel';
import { safetensorsBytes, type SafeTensor } from './safetensors';
import MODEL_PY from './model.py?raw';

export { MODEL_PY };

export interface PytorchRunInfo {
  runName: string;
  params: Record<string, unknown>;
}

/** Pretext's "b2/c1/gamma" -> model.py's "encoder.b2.c1.norm.weight" (kernel -> conv.weight, bias -> conv.bias, beta -> norm.bias). */
export function torchName(pretextName: string): string {
  const at = pretextName.lastIndexOf('/');
  const conv = pretextName.slice(0, at).replace(/\//g, '.');
  const suffix = { kernel: 'conv.weight', bias: 'conv.bias', gamma: 'norm.weight', beta: 'norm.bias' }[pretextName.slice(at + 1)];
  if (!suffix) throw new Error(`No PyTorch name for the weight ${pretextName}.`);
  return `encoder.${conv}.${suffix}`;
}

/** [k, k, in, out] (TF's HWIO) to PyTorch's [out, in, k, k]. */
function hwioToOihw(data: Float32Array, k: number, inC: number, outC: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) for (let i = 0; i < inC; i++) for (let o = 0; o < outC; o++) {
    out[((o * inC + i) * k + y) * k + x] = data[((y * k + x) * inC + i) * outC + o];
  }
  return out;
}

/** The encoder's weights as model.py's state_dict entries (prefixed "encoder."), in Pretext's order. */
export function encoderStateDict(topology: EncoderTopology, weights: readonly NamedWeight[]): SafeTensor[] {
  const layout = layoutOf(topology.encoder);
  const byName = new Map(weights.map((w) => [w.name, w]));
  const convs = new Map(encoderConvs(layout.width).map((c) => [c.name, c]));
  return expectedEncoderWeights(layout).map(({ name, shape }) => {
    const w = byName.get(name);
    if (!w || w.shape.join() !== shape.join()) throw new Error(`The encoder's weight ${name} is missing or not [${shape}]: the PyTorch export needs the whole encoder.`);
    if (!name.endsWith('/kernel')) return { name: torchName(name), shape: [...shape], data: w.data };
    const { k, inC, outC } = convs.get(name.slice(0, -'/kernel'.length))!;
    return { name: torchName(name), shape: [outC, inC, k, k], data: hwioToOihw(w.data, k, inC, outC) };
  });
}

function readme(topology: EncoderTopology, run: PytorchRunInfo): string {
  const [h, w] = topology.inputShape;
  return `# ${run.runName}

The encoder of a ${topology.methodId} run trained in Pretext for ${topology.steps} steps (seed ${topology.seed})
on "${topology.trainedOn.name}" at ${h} x ${w} px.

- \`model.py\`: the encoder as a PyTorch \`nn.Module\` and \`load_encoder()\`.
- \`encoder.safetensors\`: its weights (safetensors: reading it runs no code; \`model.py\` reads it
  without the safetensors package). The metadata holds the layout, the method and its params.
- \`requirements.txt\`: what \`model.py\` needs.

## Use it

\`\`\`sh
pip install -r requirements.txt     # or Debian's python3-torch
python3 model.py encoder.safetensors
\`\`\`

\`\`\`python
import torch
from model import load_encoder
encoder = load_encoder('encoder.safetensors').eval()
images = torch.rand(8, 3, ${h}, ${w})   # [N, 3, H, W], RGB in [0, 1]
h = encoder(images)                    # [N, ${topology.outputDim}], the representation
\`\`\`

## Not in this export yet

The method's heads and \`train.py\` (the experiment under \`torchrun\`) are not exported yet: this
file has the trained encoder only.
`;
}

/** The zip's files by name. */
export function pytorchExportFiles(topology: EncoderTopology, weights: readonly NamedWeight[], run: PytorchRunInfo): Record<string, Uint8Array> {
  const metadata = {
    format: 'pretext-encoder-pytorch/1',
    encoder: JSON.stringify(layoutOf(topology.encoder)),
    method: topology.methodId,
    run: run.runName,
    params: JSON.stringify(run.params),
    inputShape: JSON.stringify(topology.inputShape),
    steps: String(topology.steps),
    seed: String(topology.seed),
    trainedOn: JSON.stringify(topology.trainedOn),
  };
  return {
    'model.py': strToU8(MODEL_PY),
    'encoder.safetensors': safetensorsBytes(encoderStateDict(topology, weights), metadata),
    'README.md': strToU8(readme(topology, run)),
    'requirements.txt': strToU8('torch>=1.13\n'),
  };
}

export function pytorchExportZip(topology: EncoderTopology, weights: readonly NamedWeight[], run: PytorchRunInfo): Uint8Array {
  return zipSync(pytorchExportFiles(topology, weights, run), { level: 6 });
}
