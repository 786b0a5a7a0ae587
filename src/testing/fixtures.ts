/** Small inputs for unit tests: the cpu backend in Node is slow, so images are 16 px. */
import { generateShapesDataset } from '../data/shapes';
import { defaultRunConfig, type RunConfig } from '../shared/config';
import type { MethodId } from '../methods/catalog';

export const tinyShapes = () => generateShapesDataset(48, 24, 7, 16);

export function tinyConfig(methodId: MethodId, overrides: Partial<RunConfig> = {}, params: Record<string, number | string | boolean> = {}): RunConfig {
  const config = defaultRunConfig(methodId, 'shapes');
  config.params = { ...config.params, batchSize: 8, width: 4, headHidden: 16, projectionDim: 8, ...params };
  if (methodId === 'moco') config.params.queueSize = 64;
  return { ...config, evalBankSize: 24, evalQuerySize: 12, maxSteps: 4, evalEvery: 0, metricsEvery: 2, ...overrides };
}
