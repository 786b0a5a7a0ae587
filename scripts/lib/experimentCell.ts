/**
 * Trains one cell of the matrix in this process (the same TrainingSession and TrainingLoop the
 * app's worker runs) and reduces what the loop reported to the stored outcome: kNN / linear at
 * step 0 and at the end, raw pixels, the method's own heads and held-out tasks, and the timing.
 */
import * as tf from '@tensorflow/tfjs';
import { imageViewOf } from '../../src/data/imageView';
import { heldOutScoreSpecs, testAccuracyNames } from '../../src/methods/catalog';
import { startNodeBackend, type NodeBackend } from '../../src/node/backend';
import type { RunConfig } from '../../src/shared/config';
import { TrainingLoop } from '../../src/train/loop';
import { TrainingSession, type BaselineResult, type EvalResult } from '../../src/train/session';
import type { CellOutcome, Evaluation } from './experimentStore';
import { loadBuiltinInNode } from './nodeDatasets';
import { englishText } from '../../src/i18n/render';

/** An evaluation as the results file keeps it (no embeddings, no histograms). */
export function evaluationOf(r: EvalResult, config: RunConfig, classes: number): Evaluation {
  const heads = testAccuracyNames(config.methodId).map((name, i) => ({ name, value: r.headTop1?.[i] ?? null, chance: 1 / classes, better: 'higher' as const }));
  const specs = heldOutScoreSpecs(config.methodId);
  const video = (r.heldOutScores ?? []).map((s, i) => ({ name: specs[i]?.name ?? `task ${i + 1}`, value: s.value, chance: s.chance, better: specs[i]?.better ?? 'higher' }));
  return { step: r.step, knn: r.knnTop1, linear: r.linearTop1, tasks: [...heads, ...video] };
}

/**
 * baseline: compute raw pixels' kNN and probe too. They depend only on the dataset and the
 * evaluation sizes, not on the method or seed, and take 12-25 s: the script asks one cell per
 * dataset for them and the table shares them (experimentStats.withDatasetRaw).
 */
export async function runCell(config: RunConfig, log: (line: string) => void = () => undefined, baseline = true): Promise<CellOutcome> {
  const backend = config.backend as NodeBackend;
  await startNodeBackend(backend);
  const raw = await loadBuiltinInNode(config.datasetId);
  const dataset = imageViewOf(raw);
  const t0 = performance.now();
  const session = new TrainingSession(config, dataset, raw.kind === 'video' ? raw : undefined);
  const evals: EvalResult[] = [];
  let rawResult: BaselineResult | null = null;
  // Training time only: each metrics batch's ms/step leaves out the evaluations around it.
  let stepMs = 0;
  let steps = 0;
  const loop = new TrainingLoop(session, {
    metrics: (m) => { stepMs += m.msPerStep * m.rows; steps += m.rows; },
    evaluation: (r) => {
      evals.push(r);
      log(`step ${r.step}: kNN ${r.knnTop1?.toFixed(3)} linear ${r.linearTop1?.toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    },
    phase: () => undefined,
    ...(baseline && { baseline: (b: BaselineResult | null) => { rawResult = b; } }),
  });
  const end = await loop.run();
  session.dispose();
  const wallMs = performance.now() - t0;
  const classes = dataset.classNames.length;
  const first = evals.find((e) => e.step === 0) ?? null;
  // Only an evaluation at the last step is "final": a failed run's last one is earlier.
  const last = evals.length && evals[evals.length - 1].step === config.maxSteps ? evals[evals.length - 1] : null;
  const b = rawResult as BaselineResult | null;
  return {
    end: end.reason === 'failed' || end.reason === 'interrupted' ? { reason: end.reason, message: englishText(end.message) } : { reason: end.reason },
    steps: end.steps,
    wallMs,
    msPerStep: steps ? stepMs / steps : 0,
    init: first && evaluationOf(first, config, classes),
    final: last && evaluationOf(last, config, classes),
    raw: b && { knn: b.rawKnnTop1, linear: b.rawLinearTop1 },
    tfjs: tf.version.tfjs,
    backend,
  };
}
