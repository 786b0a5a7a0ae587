/**
 * Trains each method on each dataset at its default config and prints kNN and linear-probe
 * accuracy on the held-out split at step 0 (random-init encoder) and at the end, beside raw
 * pixels, each method's own classifier heads and held-out video task (against chance), the
 * embeddings' spread, the share of wall time evaluation took, and the speed.
 *
 * By default in Node on the wasm backend (the same TrainingSession and TrainingLoop the worker runs):
 *   npx tsx scripts/eval-experiment.ts [simclr moco s4l:variant=exemplar;labelledPercent=10]
 * A method may carry its own params after a colon (key=value;...), applied after PARAMS.
 * Env: DATASETS (shapes,fashion-mnist), STEPS (300), EVAL_EVERY (the app's default unless set),
 * SEEDS (1; a comma list runs each), PARAMS (key=value,... overrides of the defaults),
 * BACKEND (wasm | cpu in Node). Each evaluation line also prints the training metrics' means
 * since the previous evaluation (the method's own task's accuracy among them).
 * BROWSER=1 runs the same through the real UI in headless Chromium instead
 * (scripts/eval-experiment-browser.ts; BACKEND is then a browser backend, default webgl).
 */
import { imageViewOf } from '../src/data/imageView';
import { isMethodId } from '../src/methods/catalog';
import { nodeBackendFromEnv, startNodeBackend } from '../src/node/backend';
import { defaultRunConfig } from '../src/shared/config';
import { TrainingLoop } from '../src/train/loop';
import { TrainingSession, type BaselineResult, type EvalResult } from '../src/train/session';
import { loadBuiltinInNode } from './lib/nodeDatasets';
import { englishText } from '../src/i18n/render';

if (process.env.BROWSER === '1') {
  await import('./eval-experiment-browser');
} else {
  const methods = process.argv.slice(2).length ? process.argv.slice(2) : ['simclr', 'moco'];
  const datasets = (process.env.DATASETS ?? 'shapes,fashion-mnist').split(',');
  const steps = Number(process.env.STEPS ?? 300);
  const seeds = (process.env.SEEDS ?? '1').split(',').map(Number);
  const backend = nodeBackendFromEnv();
  await startNodeBackend(backend);
  const pct = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(1)}%`);
  const parseParams = (list: string[]) => Object.fromEntries(list.filter(Boolean).map((kv) => {
    const [k, v] = kv.split('=');
    return [k, v === 'true' ? true : v === 'false' ? false : Number.isNaN(Number(v)) ? v : Number(v)];
  }));
  const results: string[] = [];
  for (const datasetId of datasets) {
    const raw = await loadBuiltinInNode(datasetId);
    const dataset = imageViewOf(raw);
    for (const entry of methods) {
      const [method, own = ''] = entry.split(':');
      if (!isMethodId(method)) throw new Error(`unknown method ${method}`);
      for (const seed of seeds) {
        const config = defaultRunConfig(method, datasetId);
        config.params = { ...config.params, ...parseParams((process.env.PARAMS ?? '').split(',')), ...parseParams(own.split(';')) };
        config.maxSteps = steps;
        config.seed = seed;
        if (process.env.EVAL_EVERY) config.evalEvery = Number(process.env.EVAL_EVERY);
        const t0 = performance.now();
        const trainer = new TrainingSession(config, dataset, raw.kind === 'video' ? raw : undefined);
        const evals: EvalResult[] = [];
        let baseline: BaselineResult | null = null;
        let msPerStep = 0;
        // The training metrics' means since the previous evaluation (loss, pos/neg sim, the method's extras).
        const names = trainer.metricNames, sums = new Float64Array(names.length);
        let rowsSinceEval = 0;
        const trainMeans = () => (rowsSinceEval === 0 ? '' : `  train ${names.map((n, k) => `${n} ${(sums[k] / rowsSinceEval).toFixed(3)}`).join(' ')}`);
        const loop = new TrainingLoop(trainer, {
          metrics: (m) => {
            msPerStep = m.msPerStep;
            for (let r = 0; r < m.rows; r++) for (let k = 0; k < names.length; k++) sums[k] += m.values[r * names.length + k];
            rowsSinceEval += m.rows;
          },
          evaluation: (r) => {
            evals.push(r);
            const scores = r.heldOutScores?.map((s) => `${pct(s.value)} (chance ${pct(s.chance)})`).join(', ');
            console.log(`${entry} ${datasetId} seed ${seed} step ${r.step}: kNN ${pct(r.knnTop1)} linear ${pct(r.linearTop1)}${r.headTop1 ? ` test ${r.headTop1.map(pct).join('/')}` : ''}${scores ? ` held-out task ${scores}` : ''}  (${((performance.now() - t0) / 1000).toFixed(0)} s)${trainMeans()}`);
            sums.fill(0);
            rowsSinceEval = 0;
          },
          phase: () => undefined,
          baseline: (b) => { baseline = b; },
        });
        const end = await loop.run();
        trainer.dispose();
        const wallS = (performance.now() - t0) / 1000;
        if (end.reason !== 'completed') console.log(`${entry} ended ${end.reason}${end.reason === 'failed' ? `: ${englishText(end.message)}` : ''}`);
        const first = evals[0], last = evals[evals.length - 1];
        const evalMs = evals.reduce((a, e) => a + e.ms, 0) + ((baseline as BaselineResult | null)?.ms ?? 0);
        const heads = last?.headTop1 ? ` test ${last.headTop1.map(pct).join(' / ')} (init ${first?.headTop1?.map(pct).join(' / ')})` : '';
        const task = last?.heldOutScores?.length ? ` held-out task ${pct(first?.heldOutScores?.[0]?.value)} -> ${pct(last.heldOutScores[0].value)} (chance ${pct(last.heldOutScores[0].chance)})` : '';
        const b = baseline as BaselineResult | null;
        results.push(`| ${entry}${heads}${task} | ${datasetId} | ${seed} | ${pct(b?.rawKnnTop1)} | ${pct(b?.rawLinearTop1)} | ${pct(first?.knnTop1)} | ${pct(first?.linearTop1)} | ${last?.step}: ${pct(last?.knnTop1)} | ${pct(last?.linearTop1)} | ${last?.spread.toFixed(2)} | ${((evalMs / 1000 / wallS) * 100).toFixed(1)}% | ${msPerStep.toFixed(0)} ms/step | ${(wallS / 60).toFixed(1)} min |`);
        console.log(results[results.length - 1]);
      }
    }
  }
  console.log(`\nNode ${process.version}, tfjs ${backend}, ${steps} steps, defaults${process.env.PARAMS ? ` (${process.env.PARAMS})` : ''}. Accuracy: kNN / linear probe on the held-out split.\n`);
  console.log('| method | dataset | seed | raw pixels kNN | raw pixels linear | random init kNN | random init linear | final kNN | final linear | spread | eval share of wall time | speed | wall |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) console.log(r);
}
