/// <reference lib="webworker" />
/** Times training steps of one method on one backend, in a dedicated worker like a real run. */
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { forceConvGradients } from '../src/kernels/convGradients';
import { convGradientChoiceFor } from './stepTiming';
import { selectBackend } from '../src/worker/backend';
import type { BenchRequest, BenchResult } from './benchProtocol';
import { timeSteps } from './stepTiming';

declare const self: DedicatedWorkerGlobalScope;

async function run(req: BenchRequest): Promise<BenchResult> {
  if (req.threads !== undefined) setThreadsCount(req.threads); // before the wasm backend starts
  const info = await selectBackend(req.backend);
  forceConvGradients(convGradientChoiceFor(req.convGradients));
  const t = await timeSteps(req);
  const threads = info.backend === 'wasm' ? Number(/(\d+) thread/.exec(info.adapter)?.[1] ?? 1) : null;
  return { ok: true, backend: info.backend, adapter: info.adapter, methodId: req.methodId, convGradients: req.convGradients, threads, ...t };
}

self.onmessage = (e: MessageEvent<BenchRequest>) => {
  run(e.data).then(
    (r) => self.postMessage(r),
    (err: unknown) => self.postMessage({ ok: false, backend: e.data.backend, methodId: e.data.methodId, convGradients: e.data.convGradients, error: err instanceof Error ? err.message : String(err) } satisfies BenchResult),
  );
};
