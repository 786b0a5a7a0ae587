/** Small inputs for unit tests: the cpu backend in Node is slow, so images are 16 px. */
import { generateShapesDataset } from '../data/shapes';
import { generateMovingShapes } from '../data/movingShapes';
import { generateTurntable } from '../data/turntable';
import type { VideoDataset } from '../data/dataset';
import { defaultRunConfig, type RunConfig } from '../shared/config';
import type { MethodId } from '../methods/catalog';

export const tinyShapes = () => generateShapesDataset(48, 24, 7, 16);

/** 12 clips of 20 frames at 16 px: two held-out videos (of two classes), so every held-out task has other-video negatives. */
export const tinyMovingShapes = (): VideoDataset => generateMovingShapes({ size: 16, framesPerClip: 20, clipsPerClass: 2 });
/** 6 scenes x 3 synchronised views, 16 time steps at 16 px (one scene held out). */
export const tinyTurntable = (): VideoDataset => generateTurntable({ size: 16, frames: 16, scenesPerClass: 2 });

/** Small settings of the video methods for 16 px frames and 16-20 frame clips. */
export const SMALL_VIDEO_PARAMS: Record<string, Record<string, number | string>> = {
  tcn: { batchSize: 6, embeddingDim: 8 },
  'wang-gupta': { batchSize: 6, projectionDim: 8, patchSize: 8, trackLength: 10, tracksPerClip: 2, hardNegatives: 1, randomNegatives: 1 },
  'shuffle-learn': { batchSize: 8, window: 8, classifierHidden: 8 },
};

export function tinyConfig(methodId: MethodId, overrides: Partial<RunConfig> = {}, params: Record<string, number | string | boolean> = {}): RunConfig {
  const config = defaultRunConfig(methodId, 'shapes');
  config.params = { ...config.params, batchSize: 8, width: 4, headHidden: 16, projectionDim: 8, ...params };
  if (methodId === 'moco') config.params.queueSize = 64;
  return { ...config, evalBankSize: 24, evalQuerySize: 12, maxSteps: 4, evalEvery: 0, metricsEvery: 2, ...overrides };
}
