/** Exposes runBench() to the Playwright driver; each call uses a fresh worker (own engine). */
import type { BenchRequest, BenchResult } from './benchProtocol';

function runBench(req: BenchRequest): Promise<BenchResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./benchWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<BenchResult>) => { worker.terminate(); resolve(e.data); };
    worker.onerror = (e) => { worker.terminate(); resolve({ ok: false, backend: req.backend, methodId: req.methodId, convGradients: req.convGradients, error: e.message }); };
    worker.postMessage(req);
  });
}

(window as unknown as { runBench: typeof runBench }).runBench = runBench;
document.getElementById('out')!.textContent = 'ready';
