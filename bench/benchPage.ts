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

/** Own conv gradients against the stock kernels on one backend, in a fresh worker (e2e/kernels.spec.ts). */
function checkKernels(backend: string): Promise<unknown> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./kernelCheckWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e) => { worker.terminate(); resolve(e.data); };
    worker.onerror = (e) => { worker.terminate(); resolve({ backend, error: e.message }); };
    worker.postMessage(backend);
  });
}

(window as unknown as { runBench: typeof runBench; checkKernels: typeof checkKernels }).runBench = runBench;
(window as unknown as { checkKernels: typeof checkKernels }).checkKernels = checkKernels;
document.getElementById('out')!.textContent = 'ready';
