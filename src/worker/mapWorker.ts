/// <reference lib="webworker" />
/**
 * The map worker: lays out the held-out embeddings in 2-D while training runs, off the main
 * thread. t-SNE runs incrementally and posts its layout about ten times a second (the map
 * animates); new embeddings of the same points restart from the current layout (a warm start),
 * and a newer message always wins over the one in progress. PCA answers at once.
 */
import { normalizeRows, pca2 } from '../eval/geometry';
import { Tsne } from '../eval/tsne';
import type { FromMapWorker, ToMapWorker } from '../shared/mapProtocol';

declare const self: DedicatedWorkerGlobalScope;

/** Iterations for a fresh layout and for a warm restart. */
export const FRESH_ITERATIONS = 500;
export const WARM_ITERATIONS = 150;
const POST_EVERY_MS = 100;

const tsne = new Tsne();
let latest = 0;

const post = (m: FromMapWorker) => self.postMessage(m, [m.coords.buffer]);
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function layout(m: ToMapWorker, job: number): Promise<void> {
  const unit = normalizeRows(m.data, m.n, m.dim);
  if (m.method === 'pca') {
    post({ type: 'layout', step: m.step, method: 'pca', iteration: 1, iterations: 1, coords: pca2(unit, m.n, m.dim), msPerIteration: 0 });
    return;
  }
  const warm = tsne.size === m.n;
  tsne.setData(unit, m.n, m.dim);
  const iterations = warm ? WARM_ITERATIONS : FRESH_ITERATIONS;
  let done = 0;
  while (done < iterations) {
    const start = performance.now();
    let k = 0;
    while (done < iterations && performance.now() - start < POST_EVERY_MS) { tsne.step(); done++; k++; }
    post({ type: 'layout', step: m.step, method: 'tsne', iteration: done, iterations, coords: tsne.solution(), msPerIteration: (performance.now() - start) / k });
    await nextTask(); // lets a newer message in
    if (job !== latest) return;
  }
}

self.onmessage = (event: MessageEvent<ToMapWorker>) => {
  const job = ++latest;
  void layout(event.data, job);
};
