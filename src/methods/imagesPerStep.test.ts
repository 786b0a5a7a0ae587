/**
 * Each spec's imagesPerStep (the throughput figure) against the rows of the tensors the method's
 * sampled batch sends through the encoder in one training forward pass (the step probe's views
 * are a measurement, not counted: see the specs).
 */
import { describe, expect, it } from 'vitest';
import { SMALL_VIDEO_PARAMS, tinyMovingShapes, tinyShapes, tinyTurntable } from '../testing/fixtures';
import { createRng } from '../shared/rng';
import type { ImageDataset, VideoDataset } from '../data/dataset';
import { imagesPerStep, METHOD_IDS, type MethodId } from './catalog';
import type { PatchGrid, TwoViews, FrameTriplet } from './batches';
import type { DimBatch } from './dim';
import type { SlaBatch } from './sla';
import type { S4lExemplarBatch, S4lRotationBatch } from './s4l';
import type { SupervisedBatch } from './supervised';
import type { WangGuptaBatch } from './wangGupta';
import type { InpaintingBatch } from './inpainting';
import type { ColorizationBatch } from './colorization';
import type { RotnetBatch } from './rotnet';
import type { JigsawBatch } from './jigsaw';
import type { RelativePositionBatch } from './relativePosition';
import { createTestRun, disposeBatch, type Params } from './testRuns';

const shapes = tinyShapes(), movingShapes = tinyMovingShapes(), turntable = tinyTurntable();
const rows = (...xs: ({ shape: number[] } | undefined)[]) => xs.reduce((n, x) => n + (x?.shape[0] ?? 0), 0);

/** [name, method, data, params, the encoder rows of one sampled batch]. */
const CASES: [string, MethodId, ImageDataset | VideoDataset, Params, (batch: unknown) => number][] = [
  ['SimCLR', 'simclr', shapes, { batchSize: 6 }, (b) => rows(...(b as TwoViews).views)],
  ['MoCo', 'moco', shapes, { batchSize: 6, queueSize: 16, projectionDim: 8 }, (b) => rows(...(b as TwoViews).views)],
  ['CPC', 'cpc', shapes, { batchSize: 3, patchSize: 4, patchStride: 2, contextDim: 8 }, (b) => rows((b as PatchGrid).patches)],
  ['DIM', 'dim', shapes, { batchSize: 5, headHidden: 16, projectionDim: 8 }, (b) => rows((b as DimBatch).images)],
  ['SLA + SD', 'sla', shapes, { batchSize: 5 }, (b) => rows((b as SlaBatch).images)],
  ['S4L rotation', 's4l', shapes, { batchSize: 5, labelledBatch: 3, variant: 'rotation' }, (b) => rows((b as S4lRotationBatch).images)],
  ['S4L exemplar', 's4l', shapes, { batchSize: 5, labelledBatch: 3, variant: 'exemplar', exemplarViews: 3, projectionDim: 8 }, (b) => rows(...(b as S4lExemplarBatch).views)],
  ['supervised', 'supervised', shapes, { batchSize: 7 }, (b) => rows((b as SupervisedBatch).images)],
  ['TCN multi-view', 'tcn', turntable, { ...SMALL_VIDEO_PARAMS.tcn, variant: 'multi-view' }, (b) => rows(...(b as FrameTriplet).frames)],
  ['TCN single-view', 'tcn', movingShapes, { ...SMALL_VIDEO_PARAMS.tcn, variant: 'single-view' }, (b) => rows(...(b as FrameTriplet).frames)],
  ['Wang & Gupta', 'wang-gupta', movingShapes, { ...SMALL_VIDEO_PARAMS['wang-gupta'], randomNegatives: 2 }, (b) => { const w = b as WangGuptaBatch; return rows(w.first, w.last, w.others); }],
  ['Wang & Gupta, no random negatives', 'wang-gupta', movingShapes, { ...SMALL_VIDEO_PARAMS['wang-gupta'], randomNegatives: 0 }, (b) => { const w = b as WangGuptaBatch; return rows(w.first, w.last, w.others); }],
  ['Shuffle and Learn', 'shuffle-learn', movingShapes, SMALL_VIDEO_PARAMS['shuffle-learn'], (b) => rows(...(b as FrameTriplet).frames)],
  ['Context encoder', 'inpainting', shapes, { batchSize: 5 }, (b) => rows((b as InpaintingBatch).masked)],
  ['Colorization', 'colorization', shapes, { batchSize: 5 }, (b) => rows((b as ColorizationBatch).gray)],
  ['RotNet', 'rotnet', shapes, { batchSize: 5 }, (b) => rows((b as RotnetBatch).images)],
  ['Jigsaw', 'jigsaw', shapes, { batchSize: 5, gap: 1, permutations: 8 }, (b) => rows((b as JigsawBatch).tiles)],
  ['Relative position', 'relative-position', shapes, { batchSize: 5, gap: 1 }, (b) => rows((b as RelativePositionBatch).tiles)],
];

describe.each(CASES)('%s: images per step', (_name, methodId, data, params, encoderRows) => {
  it('equal the rows of the sampled batch that pass the encoder in a training step', () => {
    const { run, params: all, inputSize, dispose } = createTestRun(methodId, data, params);
    const batch = run.sampleBatch(createRng(2));
    const expected = encoderRows(batch);
    expect(imagesPerStep(methodId, all, inputSize)).toBe(expected);
    disposeBatch(batch);
    dispose();
  });
});

it('every method has a case above; CPC without the image size counts its N images', () => {
  expect(new Set(CASES.map((c) => c[1]))).toEqual(new Set(METHOD_IDS));
  expect(imagesPerStep('cpc', { batchSize: 3, patchSize: 4, patchStride: 2 })).toBe(3);
  expect(imagesPerStep('cpc', { batchSize: 3, patchSize: 4, patchStride: 2 }, [16, 12])).toBe(3 * 7 * 5);
});
