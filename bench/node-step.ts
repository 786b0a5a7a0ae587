/**
 * One method's step timed in Node on wasm or cpu (its own process: one tfjs engine each).
 *   npx tsx bench/node-step.ts '{"backend":"wasm","methodId":"simclr","params":{...},...}'
 * Prints one JSON BenchResult line.
 */
import * as tf from '@tensorflow/tfjs';
import { forceConvGradients } from '../src/kernels/convGradients';
import { convGradientChoiceFor } from './stepTiming';
import { startNodeBackend } from '../src/node/backend';
import type { BenchRequest, BenchResult } from './benchProtocol';
import { timeSteps } from './stepTiming';

const req = JSON.parse(process.argv[2]) as BenchRequest;
if (req.backend !== 'wasm' && req.backend !== 'cpu') throw new Error('Node runs wasm or cpu');
await startNodeBackend(req.backend);
forceConvGradients(convGradientChoiceFor(req.convGradients));
const t = await timeSteps(req);
const result: BenchResult = { ok: true, backend: req.backend, adapter: `Node ${process.version}, ${tf.getBackend()}`, methodId: req.methodId, convGradients: req.convGradients, threads: req.backend === 'wasm' ? 1 : null, ...t };
console.log(JSON.stringify(result));
