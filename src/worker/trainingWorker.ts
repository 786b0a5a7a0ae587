/// <reference lib="webworker" />
/**
 * One training run per dedicated worker: its own tfjs engine and GPU device. Wires the command
 * handler (commands.ts) to this worker's messages; imports no UI.
 */
import { loadBuiltinDataset } from '../data/builtin';
import { isBuiltinDatasetId } from '../data/catalog';
import { loadDataset } from '../data/datasetCache';
import type { Dataset } from '../data/dataset';
import type { FromWorker, ToWorker } from '../shared/protocol';
import { selectBackend, watchDeviceLoss } from './backend';
import { createCommandHandler } from './commands';
import { fetchPublic } from './fetchPublic';
import { loadCheckpoints, writeCheckpoint } from '../checkpoint/checkpointDb';
import { runLockName } from '../checkpoint/types';
import { text } from '../shared/text';
import { TextError } from '../i18n/textError';

declare const self: DedicatedWorkerGlobalScope;

/** Yields to the message queue (pause / stop) without setTimeout's 4 ms clamp. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToMessages = () => new Promise<void>((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });

/** The run's dataset: sent along (a dropped one that could not be cached), built in, or from IndexedDB. */
async function resolveDataset(id: string, provided: Dataset | undefined): Promise<Dataset> {
  if (provided) return provided;
  if (isBuiltinDatasetId(id)) return loadBuiltinDataset(id, fetchPublic);
  const cached = await loadDataset(id);
  if (!cached) throw new TextError(text('messages.worker.datasetGone', { id }));
  return cached;
}

/**
 * Holds the run's Web Lock until the worker ends (the callback's promise never settles): a page
 * after a reload treats the run as interrupted only when no one holds it. Browsers without Web
 * Locks skip it.
 */
function holdRunLock(runId: string): void {
  const locks = (self.navigator as WorkerNavigator & { locks?: LockManager }).locks;
  if (!locks) return;
  void locks.request(runLockName(runId), () => new Promise<never>(() => undefined));
}

/** The 'hang' fault: the thread spins and never answers again (the page's watchdog must notice). */
function hang(): void {
  const start = Date.now();
  // A synchronous loop no message can interrupt; the condition only keeps it from being "obviously" infinite to linters.
  while (Date.now() >= start) { /* spin */ }
}

const handle = createCommandHandler({
  post: (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer),
  selectBackend,
  watchDeviceLoss,
  resolveDataset,
  yieldToMessages,
  checkpoints: { write: writeCheckpoint, load: loadCheckpoints },
  holdRunLock,
  hang,
});

self.onmessage = (event: MessageEvent<ToWorker>) => { void handle(event.data); };
