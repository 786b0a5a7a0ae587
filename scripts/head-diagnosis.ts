/**
 * Why a method's classifier head lags a linear probe on the same features: trains a run, then on
 * the held-out split compares the heads' accuracy with (a) the standard linear probe (standardised
 * features, 150 full-batch Adam steps, lr 0.05), (b) a linear head refitted on the bank's features
 * as the method's head is trained (Adam at the run's lr, minibatches of the method's labelled batch
 * size, as many steps as the run), on raw and on standardised features. Prints the features' spread.
 *   STEPS=300 DATASETS=fashion-mnist npx tsx scripts/head-diagnosis.ts sla
 */
import * as tf from '@tensorflow/tfjs';
import { imageViewOf } from '../src/data/imageView';
import { isMethodId } from '../src/methods/catalog';
import { nodeBackendFromEnv, startNodeBackend } from '../src/node/backend';
import { defaultRunConfig } from '../src/shared/config';
import { TrainingSession } from '../src/train/session';
import { accuracy } from '../src/eval/knn';
import { LINEAR_PROBE_DEFAULTS, linearProbeJs } from '../src/eval/linearProbe';
import { createRng } from '../src/shared/rng';
import { loadBuiltinInNode } from './lib/nodeDatasets';

await startNodeBackend(nodeBackendFromEnv());
const [entry = 'sla'] = process.argv.slice(2);
const [method, own = ''] = entry.split(':');
if (!isMethodId(method)) throw new Error(`unknown method ${method}`);
const datasetId = process.env.DATASETS ?? 'fashion-mnist';
const steps = Number(process.env.STEPS ?? 300);
const raw = await loadBuiltinInNode(datasetId);
const config = defaultRunConfig(method, datasetId);
config.params = { ...config.params, ...Object.fromEntries(own.split(';').filter(Boolean).map((kv) => { const [k, v] = kv.split('='); return [k, Number.isNaN(Number(v)) ? (v === 'true' ? true : v === 'false' ? false : v) : Number(v)]; })) };
config.maxSteps = steps;
config.seed = Number(process.env.SEED ?? 1);
const session = new TrainingSession(config, imageViewOf(raw));
for (let s = 0; s < steps; s++) session.step().dispose();
const split = session.evaluator.split;
const bank = session.evaluator.embedAll(split.bankImages), query = session.evaluator.embedAll(split.queryImages);
const [bx, qx] = [await bank.data() as Float32Array, await query.data() as Float32Array];
const dim = bank.shape[1];
const heads = await session.evaluator.headAccuracies();
const probe = accuracy(linearProbeJs(bx, split.bankLabelValues, qx, dim, { ...LINEAR_PROBE_DEFAULTS, numClasses: split.numClasses }), split.queryLabels);
// spread: mean over dims of std / |mean| across the bank
const n = bank.shape[0];
let ratio = 0;
for (let k = 0; k < dim; k++) { let m = 0, v = 0; for (let i = 0; i < n; i++) m += bx[i * dim + k] / n; for (let i = 0; i < n; i++) v += (bx[i * dim + k] - m) ** 2 / n; ratio += Math.sqrt(v) / (Math.abs(m) + 1e-9) / dim; }
const refit = (standardise: boolean, lr: number) => tf.tidy(() => {
  let [b, q] = [bank, query];
  if (standardise) { const { mean, variance } = tf.moments(bank, 0); const sd = tf.sqrt(variance).add(1e-6); b = bank.sub(mean).div(sd); q = query.sub(mean).div(sd); }
  const rng = createRng(5);
  const w = tf.variable(tf.randomNormal([dim, split.numClasses], 0, Math.sqrt(2 / dim), 'float32', 3)), bias = tf.variable(tf.zeros([split.numClasses]));
  const opt = tf.train.adam(lr);
  const batch = Number(config.params.labelledBatch ?? config.params.batchSize ?? 16);
  const y = tf.tensor1d(split.bankLabelValues, 'int32');
  for (let s = 0; s < steps; s++) {
    const idx = tf.tensor1d(Int32Array.from({ length: batch }, () => rng.int(n)), 'int32');
    opt.minimize(() => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.gather(y, idx), split.numClasses), tf.gather(b, idx).matMul(w).add(bias)) as tf.Scalar, false, [w, bias]);
  }
  const pred = tf.argMax(q.matMul(w).add(bias), 1).dataSync();
  opt.dispose();
  return accuracy(Int32Array.from(pred), split.queryLabels);
});
console.log(`${entry} ${datasetId} seed ${config.seed} ${steps} steps: heads ${heads?.map((h) => (h * 100).toFixed(1)).join('/')} | linear probe ${(probe * 100).toFixed(1)} | refit head raw lr ${config.params.learningRate}: ${(refit(false, Number(config.params.learningRate)) * 100).toFixed(1)}, standardised: ${(refit(true, Number(config.params.learningRate)) * 100).toFixed(1)}, raw lr x10: ${(refit(false, 10 * Number(config.params.learningRate)) * 100).toFixed(1)} | feature std/|mean| ${ratio.toFixed(3)}`);
