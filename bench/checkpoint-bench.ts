/**
 * What a checkpoint costs, per method at its default params and run settings, in Node:
 *   npx tsx bench/checkpoint-bench.ts            (wasm; BACKEND=cpu for the other)
 * Image methods train on the built-in shapes; the video methods on the built-in videos they need
 * (moving shapes; the turntable for multi-view TCN). Per method: the checkpoint's size, the
 * synchronous capture (clones between two steps: the part on the step's path), capture to sealed
 * record (readback + pack + SHA-256; the IndexedDB write is measured in the browser), ms per step,
 * and the share of training time at the default interval (every 50 steps): the synchronous part,
 * and the whole cost as if it were all on the path. The record carries a progress as at step 1000.
 */
import { METHOD_IDS, needsVideo, type MethodId } from '../src/methods/catalog';
import { sealCheckpoint } from '../src/checkpoint/format';
import { DEFAULT_CHECKPOINTS } from '../src/checkpoint/types';
import { generateShapesDataset } from '../src/data/shapes';
import { generateMovingShapes } from '../src/data/movingShapes';
import { generateTurntable } from '../src/data/turntable';
import { imageViewOf } from '../src/data/imageView';
import type { ImageDataset, VideoDataset } from '../src/data/dataset';
import { nodeBackendFromEnv, startNodeBackend } from '../src/node/backend';
import { defaultRunConfig } from '../src/shared/config';
import { readCapture } from '../src/train/checkpointing';
import { RunLog } from '../src/train/runLog';
import { TrainingSession } from '../src/train/session';
import * as tf from '@tensorflow/tfjs';

const WARMUP = 3;
const TIMED = 8;
const CAPTURES = 3;
const PROGRESS_ROWS = 1000;

await startNodeBackend(nodeBackendFromEnv());
const shapes = generateShapesDataset();
let moving: VideoDataset | null = null;
let turntable: VideoDataset | null = null;

function sessionFor(methodId: MethodId): { session: TrainingSession; datasetName: string } {
  const config = { ...defaultRunConfig(methodId), evalEvery: 0 };
  if (!needsVideo(methodId)) return { session: new TrainingSession(config, shapes), datasetName: 'shapes' };
  const multiView = methodId === 'tcn' && config.params.variant !== 'single-view';
  const video = multiView ? (turntable ??= generateTurntable()) : (moving ??= generateMovingShapes());
  return { session: new TrainingSession({ ...config, datasetId: multiView ? 'turntable' : 'moving-shapes' }, imageViewOf(video) as ImageDataset, video), datasetName: multiView ? 'turntable' : 'moving-shapes' };
}

async function stepMs(session: TrainingSession, steps: number, readEvery: number): Promise<number> {
  const start = performance.now();
  let pending: tf.Tensor1D[] = [];
  for (let i = 0; i < steps; i++) {
    pending.push(session.step());
    if (pending.length >= readEvery || i === steps - 1) {
      const stacked = tf.stack(pending);
      tf.dispose(pending);
      pending = [];
      await stacked.data();
      stacked.dispose();
    }
  }
  return (performance.now() - start) / steps;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Row { method: string; data: string; mb: number; syncMs: number; sealedMs: number; msPerStep: number; syncShare: number; fullShare: number }
const rows: Row[] = [];
const every = DEFAULT_CHECKPOINTS.everySteps;
const benchStart = performance.now();

for (const methodId of METHOD_IDS) {
  const { session, datasetName } = sessionFor(methodId);
  try {
    await stepMs(session, WARMUP, 1);
    const msPerStep = await stepMs(session, TIMED, session.config.metricsEvery);
    // A progress as a run at step 1000 would carry: 1000 metric rows and one evaluation's embeddings of the held-out images.
    const log = new RunLog(session.metricNames, null);
    log.addMetrics(1, PROGRESS_ROWS, new Float32Array(PROGRESS_ROWS * session.metricNames.length), msPerStep, 0);
    const dim = session.outputDim, queries = session.config.evalQuerySize;
    log.addEvaluation({ step: PROGRESS_ROWS, knnTop1: 0.5, linearTop1: 0.5, headTop1: null, spread: 1, dim, ms: 0, embeddings: new Float32Array(queries * dim), similarity: { posHist: new Array(20).fill(0), negHist: new Array(20).fill(0), posMean: 0, negMean: 0, alignment: 0, uniformity: 0 } });
    const sync: number[] = [], sealed: number[] = [];
    let bytes = 0;
    for (let k = 0; k < CAPTURES; k++) {
      const t0 = performance.now();
      const capture = await session.capture();
      const t1 = performance.now();
      const state = await readCapture(capture);
      const record = await sealCheckpoint({
        runId: 'bench', step: session.stepCount, savedAt: Date.now(), backend: 'cpu', config: session.config, state, progress: log.progressAt(PROGRESS_ROWS),
        identity: { id: 'bench', name: 'bench', createdAt: 0, datasetRef: { id: datasetName, name: datasetName, fingerprint: '' } },
      });
      sealed.push(performance.now() - t0);
      sync.push(t1 - t0);
      bytes = record.bytes;
    }
    const syncMs = median(sync), sealedMs = median(sealed);
    rows.push({ method: methodId, data: datasetName, mb: bytes / 2 ** 20, syncMs, sealedMs, msPerStep, syncShare: syncMs / (every * msPerStep), fullShare: sealedMs / (every * msPerStep) });
    console.error(`${methodId}: done (${((performance.now() - benchStart) / 1000).toFixed(0)} s)`);
  } finally {
    session.dispose();
  }
}

const pct = (x: number) => `${(100 * x).toFixed(3)}%`;
console.log(`Checkpoint cost per method, default params and run settings, Node ${process.version} ${tf.getBackend()}, checkpoint every ${every} steps (median of ${CAPTURES} captures, ${TIMED} timed steps; progress of ${PROGRESS_ROWS} metric rows and one evaluation's embeddings)`);
console.log('| method | data | size MB | sync capture ms | capture to sealed ms | ms/step | sync share | full share if on path |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.method} | ${r.data} | ${r.mb.toFixed(2)} | ${r.syncMs.toFixed(2)} | ${r.sealedMs.toFixed(1)} | ${r.msPerStep.toFixed(0)} | ${pct(r.syncShare)} | ${pct(r.fullShare)} |`);
