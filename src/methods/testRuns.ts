/**
 * Method runs built directly from an implementation on the tiny test datasets (tests only): the
 * image methods on 16 px shapes, the video methods on small procedural videos with their clips
 * on the backend, as the trainer would hand them over.
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageDataset, VideoDataset } from '../data/dataset';
import { imageViewOf } from '../data/imageView';
import { uploadImages } from '../data/upload';
import { defaultParams, type AnyParamValues } from '../shared/params';
import { createRng } from '../shared/rng';
import { splitVideo } from '../video/frameStore';
import { METHOD_SPECS, type MethodId } from './catalog';
import { methodImpl } from './registry';
import type { MethodRun } from './types';

export type Params = Record<string, number | string | boolean>;

export interface TestRun {
  run: MethodRun;
  /** The params the run was created with (the spec's defaults, width 4, then `params`). */
  params: AnyParamValues;
  inputSize: [number, number];
  /** Frees the run and the uploaded images. */
  dispose(): void;
}

export function createTestRun(methodId: MethodId, data: ImageDataset | VideoDataset, params: Params = {}, seed = 1): TestRun {
  const frames = data.kind === 'video' ? imageViewOf(data) : data;
  const images = uploadImages(frames, frames.train);
  const owned: tf.Tensor[] = [images];
  // The held-out images the session would hand over (the image methods that score their own task on them).
  const heldOutImages = uploadImages(frames, frames.test);
  owned.push(heldOutImages);
  let video;
  if (data.kind === 'video') {
    const split = splitVideo(data);
    const trainFrames = uploadImages(data, { images: split.train.bytes, count: split.train.frameCount });
    const heldOutFrames = uploadImages(data, { images: split.heldOut.bytes, count: split.heldOut.frameCount });
    owned.push(trainFrames, heldOutFrames);
    video = { split, trainFrames, heldOutFrames };
  }
  const all = { ...defaultParams(METHOD_SPECS[methodId].params), width: 4, ...params };
  const inputSize: [number, number] = [data.height, data.width];
  const run = methodImpl(methodId).create({
    params: all,
    train: { images, labels: frames.train.labels, count: frames.train.count, numClasses: data.classNames.length, classNames: data.classNames },
    inputSize,
    initRng: createRng(seed),
    heldOutImages,
    ...(video && { video }),
  });
  return { run, params: all, inputSize, dispose: () => { run.dispose(); tf.dispose(owned); } };
}

/** Frees the tensors of a batch (its fields, or the tensors in an array field). */
export function disposeBatch(batch: unknown): void {
  tf.dispose(Object.values(batch as object).flat().filter((x): x is tf.Tensor => x instanceof tf.Tensor));
}

/** The metrics of one batch before `steps` training steps on it, and its loss after (the batch freed). */
export async function trainOnFixedBatch(run: MethodRun, steps = 10, seed = 4): Promise<{ before: Float32Array; after: number }> {
  const batch = run.sampleBatch(createRng(seed));
  const lossOf = async (m: tf.Tensor1D) => { const v = (await m.data())[0]; m.dispose(); return v; };
  const metrics = run.evaluateBatch(batch);
  const before = (await metrics.data()) as Float32Array;
  metrics.dispose();
  for (let i = 0; i < steps; i++) await lossOf(run.trainStep(batch));
  const after = await lossOf(run.evaluateBatch(batch));
  disposeBatch(batch);
  return { before, after };
}
