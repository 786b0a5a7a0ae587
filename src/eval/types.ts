/** What an evaluation reports: plain data shared by the training worker and the UI (no tfjs). */

import type { Text } from '../shared/text';

/** The weighted kNN's k and temperature (./knn.ts; the PyTorch export's train.py uses the same). */
export const KNN_DEFAULTS = { k: 20, temperature: 0.07 } as const;

/** Positive pairs (two views of one held-out image) against negatives (views of two different images), on the encoder's output. */
export interface SimilarityProbe {
  posHist: number[];
  negHist: number[];
  posMean: number;
  negMean: number;
  /** Wang & Isola: mean squared distance of positive pairs (lower is better). */
  alignment: number;
  /** Wang & Isola: log mean Gaussian potential over pairs (lower is better). */
  uniformity: number;
}

/** One held-out score at an evaluation (spec.heldOutScores order). */
export interface HeldOutScore {
  /** null when the held-out videos cannot give it (say why in detail). */
  value: number | null;
  /** The score of guessing (0.5 for order and ranking accuracy; the expected alignment error of a random match). */
  chance: number | null;
  /** What it was measured on, or why not: a Text of 'charts.heldOut.detail.…' (a plain string in older records). */
  detail: Text | string;
}

export interface EvalResult {
  step: number;
  /** null when the dataset has no labels. */
  knnTop1: number | null;
  linearTop1: number | null;
  /** Accuracy of the method's own classifier heads on the held-out images (spec.testAccuracies order); null without labels or heads. */
  headTop1: number[] | null;
  /** The video methods' own tasks on held-out videos (spec.heldOutScores order); null for other methods (and absent in runs saved before they existed). */
  heldOutScores?: HeldOutScore[] | null;
  similarity: SimilarityProbe;
  /** Spread of the unit-normalised held-out embeddings (1 ~ spread over the sphere, 0 = collapsed). */
  spread: number;
  /** [count * dim] held-out embeddings (the map's points, in mapPoints() order). */
  embeddings: Float32Array;
  dim: number;
  ms: number;
  /** Held-out images the accuracies are computed on (absent in runs saved before it was recorded). */
  queries?: number;
}

/** An evaluation as charts, history and exports keep it (the embeddings go to the map separately). */
export type EvalPoint = Omit<EvalResult, 'embeddings'>;

export interface BaselineResult {
  /** Accuracy of the same kNN and linear probe on raw pixels (flattened, in [0, 1]). */
  rawKnnTop1: number;
  rawLinearTop1: number;
  ms: number;
  /** Held-out images the accuracies are computed on (absent in runs saved before it was recorded). */
  queries?: number;
}

export interface MapPoints {
  count: number;
  height: number;
  width: number;
  /** count * height * width * 4 RGBA thumbnails of the points. */
  rgba: Uint8ClampedArray;
  labels: Int32Array;
  classNames: string[];
  /** Video datasets: each point's clip and frame. */
  origin?: { clip: Int32Array; frame: Int32Array; clipNames: string[] };
  /** False for a run reopened from History: thumbnails are not kept there (rgba is a 1 px placeholder). */
  imagesKept?: false;
}

