/**
 * "Export PyTorch": a zip with model.py (the encoder as an nn.Module and a loader), the trained
 * weights as encoder.safetensors (named as model.py's state_dict, with the layout and the run in
 * its metadata), train.py with config.json (the experiment), README.md and requirements.txt. Pure: no tfjs, no DOM (the .py files come in as text).
 *
 * train.py continues the experiment (config.json: method, params, seed) on one process or under
 * torchrun, for TRAINABLE_IN_PYTORCH; for other methods it says plainly that it does not yet.
 */
import { zipSync, strToU8 } from 'fflate';
import { USER_HELD_OUT_FRACTION } from '../../data/assemble';
import { SPLIT_SEED } from '../../data/splits';
import { KNN_DEFAULTS } from '../../eval/types';
import { isMethodId, metricNamesOf } from '../../methods/catalog';
import { encoderConvs, expectedEncoderWeights, layoutOf } from '../../models/encoderLayout';
import { RUN_SETTINGS, type RunConfig } from '../../shared/config';
import { metricsCsvColumns } from '../metricsExport';
import type { EncoderTopology, NamedWeight } from '../encoderModel';
import { safetensorsBytes, type SafeTensor } from './safetensors';
import MODEL_PY from './model.py?raw';
import TRAIN_PY from './train.py?raw';

/** The methods train.py continues (its EXPORTED_METHODS); model.py and the weights work for all. */
export const TRAINABLE_IN_PYTORCH = ['simclr', 'moco', 'supervised', 's4l', 'sla'] as const;

export interface PytorchRunInfo {
  runName: string;
  params: Record<string, unknown>;
  /**
   * The method's heads as the run kept them (EncoderWeightsMessage.heads: local names such as
   * "head/w1"); absent (a History record from before heads were kept): the file has none and
   * train.py starts new ones.
   */
  heads?: readonly NamedWeight[];
  /** The run's evaluation settings; absent: Pretext's defaults. */
  evaluation?: Partial<Pick<RunConfig, 'evalEvery' | 'evalBankSize' | 'evalQuerySize'>>;
}

/**
 * config.json: the experiment (method, params, seed, encoder layout, input size) and what train.py
 * needs to report like Pretext: csvColumns (metricsCsv's header for a run of the method, from the
 * same function, so the two cannot drift) and the kNN protocol (evalEvery, the held-out split of
 * a dropped folder, bank and query sizes, k and temperature).
 */
export function pytorchConfig(topology: EncoderTopology, run: PytorchRunInfo): Record<string, unknown> {
  const methodId = topology.methodId;
  const metricNames = isMethodId(methodId) ? metricNamesOf(methodId) : ['loss', 'posSim', 'negSim'];
  const e = run.evaluation ?? {};
  return {
    method: methodId, params: run.params, seed: topology.seed, encoder: layoutOf(topology.encoder), inputShape: topology.inputShape, run: run.runName,
    csvColumns: metricsCsvColumns(isMethodId(methodId) ? methodId : undefined, metricNames).header,
    evalEvery: e.evalEvery ?? RUN_SETTINGS.evalEvery.default,
    knn: {
      k: KNN_DEFAULTS.k, temperature: KNN_DEFAULTS.temperature,
      bankSize: e.evalBankSize ?? RUN_SETTINGS.evalBankSize.default, querySize: e.evalQuerySize ?? RUN_SETTINGS.evalQuerySize.default,
      heldOutFraction: USER_HELD_OUT_FRACTION, splitSeed: SPLIT_SEED,
    },
  };
}

/** Pretext's "b2/c1/gamma" -> model.py's "encoder.b2.c1.norm.weight" (kernel -> conv.weight, bias -> conv.bias, beta -> norm.bias). */
export function torchName(pretextName: string): string {
  const at = pretextName.lastIndexOf('/');
  const conv = pretextName.slice(0, at).replace(/\//g, '.');
  const suffix = { kernel: 'conv.weight', bias: 'conv.bias', gamma: 'norm.weight', beta: 'norm.bias' }[pretextName.slice(at + 1)];
  if (!suffix) throw new Error(`No PyTorch name for the weight ${pretextName}.`);
  return `encoder.${conv}.${suffix}`;
}

/**
 * A head weight's name in the exported file, as model.py's heads (nn.ModuleDict) name it:
 * "head/w1" -> "heads.head.fc1.weight", "head/b2" -> "heads.head.fc2.bias", "classifier/w" ->
 * "heads.classifier.weight"; deeper names keep their path ("x/l1/w" -> "heads.x.l1.weight").
 */
export function torchHeadName(pretextName: string): string {
  const parts = pretextName.split('/');
  const last = parts.pop()!;
  const dense = /^([wb])(\d*)$/.exec(last);
  const suffix = dense ? `${dense[2] ? `fc${dense[2]}.` : ''}${dense[1] === 'w' ? 'weight' : 'bias'}` : last;
  return ['heads', ...parts, suffix].join('.');
}

/** The heads as model.py's state_dict entries: a dense kernel [in, out] (x W, tfjs) becomes a Linear's weight [out, in]. */
export function headStateDict(heads: readonly NamedWeight[]): SafeTensor[] {
  return heads.map((w) => {
    const kernel = /(^|\/)w\d*$/.test(w.name) && w.shape.length === 2;
    if (!kernel) return { name: torchHeadName(w.name), shape: [...w.shape], data: w.data };
    const [inDim, outDim] = w.shape;
    const t = new Float32Array(w.data.length);
    for (let i = 0; i < inDim; i++) for (let o = 0; o < outDim; o++) t[o * inDim + i] = w.data[i * outDim + o];
    return { name: torchHeadName(w.name), shape: [outDim, inDim], data: t };
  });
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
  const { bankSize: bank, querySize: queries, k, temperature } = pytorchConfig(topology, run).knn as Record<string, number>;
  const trains = (TRAINABLE_IN_PYTORCH as readonly string[]).includes(topology.methodId);
  const headNames = [...new Set((run.heads ?? []).map((w) => w.name.split('/')[0]))];
  const headsLine = headNames.length
    ? `- the method's heads (${headNames.join(', ')}) in the same file under \`heads.\` (\`load_heads()\` in model.py); train.py starts from them.`
    : "- no heads: the run kept none (a History record saved before Pretext kept them, or a method without); train.py starts new ones and says so.";
  return `# ${run.runName}

The encoder of a ${topology.methodId} run trained in Pretext for ${topology.steps} steps (seed ${topology.seed})
on "${topology.trainedOn.name}" at ${h} x ${w} px.

- \`model.py\`: the encoder as a PyTorch \`nn.Module\` and \`load_encoder()\`; the heads of the
  methods train.py trains (\`method_heads()\`, \`load_heads()\`).
- \`encoder.safetensors\`: its weights under \`encoder.\` (safetensors: reading it runs no code;
  \`model.py\` reads it without the safetensors package). The metadata holds the layout, the method
  and its params.
${headsLine}
- \`train.py\` and \`config.json\`: the experiment (method, every param, seed), continued from these
  weights on an image folder, on one process or under torchrun (DistributedDataParallel).
- \`requirements.txt\`: what they need (torch >= 1.13, Pillow).

## Use the encoder

\`\`\`sh
pip install -r requirements.txt     # or Debian's python3-torch python3-pil
python3 model.py encoder.safetensors
\`\`\`

\`\`\`python
import torch
from model import load_encoder
encoder = load_encoder('encoder.safetensors').eval()
images = torch.rand(8, 3, ${h}, ${w})   # [N, 3, H, W], RGB in [0, 1]
h = encoder(images)                    # [N, ${topology.outputDim}], the representation
\`\`\`

## Continue the experiment

${trains ? `\`\`\`sh
python3 train.py --data path/to/folder --steps 1000                          # one process
torchrun --nproc_per_node=2 train.py --data path/to/folder --steps 1000      # two (gloo on CPU, nccl on GPU)
python3 train.py --data path/to/folder --steps 2000 --resume checkpoint.pt   # on from a checkpoint
\`\`\`

The folder holds one subfolder of images per class (as Pretext's Data tab takes). train.py holds
out the same fifth of each class that Pretext does for a dropped folder (its split, ported bit for
bit) and trains on the rest. \`batchSize\` in config.json is per process. Rank 0 writes
\`checkpoint.pt\` and \`metrics.csv\` in the columns of Pretext's metrics CSV for this method
(config.json's \`csvColumns\`): the step's metrics, and at step 0, every \`--eval-every\` steps
(config.json's \`evalEvery\`) and the last step \`knn_top1\` as Pretext measures it: the encoder's h of
the first ${bank} training images (the bank) and the first ${queries} held-out ones, cosine similarity, the
${k} nearest vote with weight exp(cos / ${temperature}). The columns train.py does not compute (the linear
probe, the similarity probe, the heads' test accuracies) are left empty.

The encoder uses GroupNorm (or no norm), never BatchNorm, and so do the heads: there are no batch
statistics to synchronise between processes, so SyncBatchNorm does not apply. S4L's and SLA's heads
read h standardised over each process's own batch, as in the browser.

torchrun 1.13 on Python 3.11 (Debian 12's) stops at start with "AttributeError: 'NoneType' object
has no attribute 'get'" (a torch bug): add \`--redirects 1 --tee 1\`.` : `train.py trains ${TRAINABLE_IN_PYTORCH.join(', ')} only: for ${topology.methodId} it stops with a message. The encoder above works as it is.`}

## Not in this export yet

- Training for methods other than ${TRAINABLE_IN_PYTORCH.join(', ')} (S4L's exemplar variant included).
- The linear probe, the similarity probe and the heads' test accuracies in metrics.csv (kNN only).
- MoCo's key encoder and queue (train.py starts the key encoder as a copy of the query encoder and a
  fresh queue), S4L's and SLA's running feature statistics (used only for test-time predictions),
  and the optimizer's state (train.py starts a new optimizer).
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
    'encoder.safetensors': safetensorsBytes([...encoderStateDict(topology, weights), ...headStateDict(run.heads ?? [])], metadata),
    'train.py': strToU8(TRAIN_PY),
    'config.json': strToU8(`${JSON.stringify(pytorchConfig(topology, run), null, 2)}\n`),
    'README.md': strToU8(readme(topology, run)),
    'requirements.txt': strToU8('torch>=1.13\nPillow\n'),
  };
}

export function pytorchExportZip(topology: EncoderTopology, weights: readonly NamedWeight[], run: PytorchRunInfo): Uint8Array {
  return zipSync(pytorchExportFiles(topology, weights, run), { level: 6 });
}
