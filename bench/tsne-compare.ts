/**
 * npx tsx bench/tsne-compare.ts: the map worker's own exact t-SNE (src/eval/tsne.ts) against the
 * @keckelt/tsne package (a TypeScript port of Karpathy's tsnejs), same data, perplexity 30,
 * learning rate 200, 500 iterations: time, final KL(P||Q) (computed by one function for both) and
 * nearest-neighbour label purity on the map. Data: 1,000 points in 32-D from 10 Gaussian
 * clusters whose spreads vary (some overlap), L2-normalised like the encoder's embeddings.
 */
import { TSNE } from '@keckelt/tsne';
import { createRng, gaussian } from '../src/shared/rng';
import { jointProbabilities, neighbourPurity, squaredDistances, Tsne } from '../src/eval/tsne';

const N = Number(process.env.N ?? 1000), DIM = 32, CLASSES = 10, ITERATIONS = 500;
const rng = createRng(5);
const centres = Array.from({ length: CLASSES }, () => Array.from({ length: DIM }, () => gaussian(rng)));
const labels = Int32Array.from({ length: N }, (_, i) => i % CLASSES);
const x = new Float32Array(N * DIM);
for (let i = 0; i < N; i++) {
  const spread = 0.4 + 0.12 * labels[i];
  let norm = 0;
  for (let k = 0; k < DIM; k++) { x[i * DIM + k] = centres[labels[i]][k] + spread * gaussian(rng); norm += x[i * DIM + k] ** 2; }
  for (let k = 0; k < DIM; k++) x[i * DIM + k] /= Math.sqrt(norm);
}
const p = jointProbabilities(squaredDistances(x, N, DIM), N, 30);
function kl(coords: ArrayLike<number>): number {
  let z = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (i !== j) z += 1 / (1 + (coords[2 * i] - coords[2 * j]) ** 2 + (coords[2 * i + 1] - coords[2 * j + 1]) ** 2);
  let s = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
    if (i === j) continue;
    const q = 1 / (1 + (coords[2 * i] - coords[2 * j]) ** 2 + (coords[2 * i + 1] - coords[2 * j + 1]) ** 2) / z;
    s += p[i * N + j] * Math.log(p[i * N + j] / q);
  }
  return s;
}

const rows: string[] = [];
{
  const t0 = performance.now();
  const t = new Tsne({ perplexity: 30, learningRate: 200 });
  t.setData(x, N, DIM);
  const setup = performance.now() - t0;
  for (let i = 0; i < ITERATIONS; i++) t.step();
  const ms = performance.now() - t0;
  const y = t.solution();
  rows.push(`| own (src/eval/tsne.ts) | ${setup.toFixed(0)} | ${((ms - setup) / ITERATIONS).toFixed(1)} | ${(ms / 1000).toFixed(1)} | ${kl(y).toFixed(3)} | ${neighbourPurity(y, labels).toFixed(3)} |`);
}
{
  const t0 = performance.now();
  const t = new TSNE({ perplexity: 30, epsilon: 200, dim: 2 });
  const rowsX = Array.from({ length: N }, (_, i) => Array.from(x.subarray(i * DIM, (i + 1) * DIM)));
  t.initDataRaw(rowsX);
  const setup = performance.now() - t0;
  for (let i = 0; i < ITERATIONS; i++) t.step();
  const ms = performance.now() - t0;
  const y = (t.getSolution() as number[][]).flat();
  rows.push(`| @keckelt/tsne 1.0.2 | ${setup.toFixed(0)} | ${((ms - setup) / ITERATIONS).toFixed(1)} | ${(ms / 1000).toFixed(1)} | ${kl(y).toFixed(3)} | ${neighbourPurity(y, labels).toFixed(3)} |`);
}
console.log(`t-SNE, ${N} points, ${DIM}-D, ${CLASSES} clusters, perplexity 30, learning rate 200, ${ITERATIONS} iterations, Node ${process.version}:\n`);
console.log('| implementation | setup ms (P) | ms / iteration | total s | KL(P||Q) | 1-NN label purity on the map |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
