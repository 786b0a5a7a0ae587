/** Shared by the two-view methods (SimCLR, MoCo): the batch sampler and the preview panel. */
import * as tf from '@tensorflow/tfjs';
import { augmentView } from '../augment/views';
import { sampleImages } from '../data/samplers';
import type { AugmentParams } from '../shared/paramGroups';
import type { Rng } from '../shared/rng';
import type { Batch, MethodContext, PreviewPanel } from './types';

/** N images, two independent views each: views[0], views[1] are [N, H, W, 3]. */
export function sampleTwoViews(ctx: MethodContext, rng: Rng, batchSize: number, aug: AugmentParams): Batch {
  const { images } = sampleImages(ctx.train, rng, batchSize);
  const v1 = augmentView(images, aug, rng);
  const v2 = augmentView(images, aug, rng);
  images.dispose();
  return { kind: 'views', views: [v1, v2] };
}

export function twoViewsOf(batch: Batch): [tf.Tensor4D, tf.Tensor4D] {
  if (batch.kind !== 'views' || batch.views.length < 2) throw new Error(`expected two views, got a ${batch.kind} batch`);
  return [batch.views[0], batch.views[1]];
}

export function twoViewsPreview(batch: Batch, count: number, names: [string, string]): PreviewPanel[] {
  const [v1, v2] = twoViewsOf(batch);
  const n = Math.min(count, v1.shape[0]);
  return [{
    title: 'Two views of the same images (columns = images)',
    rows: [
      { caption: names[0], images: v1.slice([0, 0, 0, 0], [n, -1, -1, -1]) },
      { caption: names[1], images: v2.slice([0, 0, 0, 0], [n, -1, -1, -1]) },
    ],
  }];
}
