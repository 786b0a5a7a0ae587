import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { tinyConfig, tinyShapes } from '../testing/fixtures';
import type { CheckpointSettings, CheckpointWriteResult, StoredCheckpoint } from '../checkpoint/types';
import { Checkpointer } from './checkpointer';
import { TrainingLoop } from './loop';
import { RunLog } from './runLog';
import { TrainingSession } from './session';

const dataset = tinyShapes();
const IDENTITY = { id: 'r', name: 'r', createdAt: 0, datasetRef: { id: 'shapes', name: 'shapes', fingerprint: '' } };

/** A loop over a tiny SimCLR run with a checkpointer whose writes go to `write`. */
function checkpointedRun(settings: CheckpointSettings, write: (c: StoredCheckpoint) => Promise<CheckpointWriteResult>, maxSteps: number, yieldMs = 5) {
  const session = new TrainingSession(tinyConfig('simclr', { maxSteps, metricsEvery: 1 }), dataset);
  const log = new RunLog(session.metricNames, null);
  const written: { step: number; numTensors: number; kept: number[] }[] = [];
  const checkpointer = new Checkpointer({
    session, log, settings, base: { runId: 'r', identity: IDENTITY, config: session.config, backend: 'cpu' },
    write: (c) => write(c),
    written: (step, _bytes, _ms, kept) => written.push({ step, numTensors: tf.memory().numTensors, kept }),
    failed: (step, message) => { throw new Error(`step ${step}: ${message}`); },
  });
  const loop = new TrainingLoop(session, {
    metrics: (m) => log.addMetrics(m.firstStep, m.rows, m.values, m.msPerStep, 0),
    evaluation: () => undefined,
    phase: () => undefined,
  }, () => new Promise((r) => setTimeout(r, yieldMs)), checkpointer);
  return { session, loop, checkpointer, written };
}

const accept = async (c: StoredCheckpoint): Promise<CheckpointWriteResult> => ({ written: true, bytes: c.bytes });

describe('checkpoints in the training loop', () => {
  it('keeps tf.memory().numTensors flat across checkpoints (the clones are freed after readback)', async () => {
    const { session, loop, checkpointer, written } = checkpointedRun({ everySteps: 1, everySeconds: 0, keep: 2 }, accept, 8, 20);
    await loop.run();
    await checkpointer.settle();
    expect(written.length).toBeGreaterThanOrEqual(5);
    expect(new Set(written.map((w) => w.numTensors)).size).toBe(1);
    expect(written.at(-1)?.kept).toEqual([written.at(-1)!.step, written.at(-2)!.step]);
    session.dispose();
  });

  it('a checkpoint due while the previous one is still writing waits for the next due point', async () => {
    let release: (() => void) | null = null;
    const steps: number[] = [];
    const slow = (c: StoredCheckpoint) => {
      steps.push(c.step);
      // The first write lands only once the run is 3 steps further.
      return c.step === 1 ? new Promise<CheckpointWriteResult>((r) => { release = () => r({ written: true, bytes: c.bytes }); }) : accept(c);
    };
    const { session, loop, checkpointer, written } = checkpointedRun({ everySteps: 1, everySeconds: 0, keep: 2 }, slow, 7);
    const run = loop.run();
    while (session.stepCount < 4) await new Promise((r) => setTimeout(r, 1));
    release!();
    await run;
    await checkpointer.settle();
    expect(steps[0]).toBe(1);
    expect(steps[1]).toBeGreaterThanOrEqual(4); // 2 and 3 were due while step 1 was still writing
    expect(written.map((w) => w.step)).toEqual(steps);
    expect(steps).not.toContain(7); // none at the end of a completed run
    session.dispose();
  });

  it('a checkpoint is also due when everySeconds have passed, whatever the step', async () => {
    const steps: number[] = [];
    const { session, loop, checkpointer } = checkpointedRun({ everySteps: 1000, everySeconds: 0.05, keep: 1 }, async (c) => { steps.push(c.step); return accept(c); }, 12, 30);
    await loop.run();
    await checkpointer.settle();
    expect(steps.length).toBeGreaterThanOrEqual(2);
    session.dispose();
  });

  it('a checkpoint at step S holds exactly the metric rows 1..S', async () => {
    const records: StoredCheckpoint[] = [];
    const { session, loop, checkpointer } = checkpointedRun({ everySteps: 3, everySeconds: 0, keep: 2 }, async (c) => { records.push(c); return accept(c); }, 8, 20);
    await loop.run();
    await checkpointer.settle();
    expect(records.map((r) => [r.step, r.progress.points.map((p) => p.step)])).toEqual([[3, [1, 2, 3]], [6, [1, 2, 3, 4, 5, 6]]]);
    session.dispose();
  });
});
