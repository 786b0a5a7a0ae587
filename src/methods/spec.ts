/**
 * What the UI and the URL codec know about a method: no tfjs here, so the main thread can
 * import it. The training side pairs each spec with a MethodImpl (./types.ts).
 */
import type { AnyParamValues, ParamSpecs } from '../shared/params';

/** What a method needs from a dataset (checked by ./requirements.ts). */
/** colorImages: images with colour (a one-channel dataset has no colour to predict). */
export type DataNeed = 'images' | 'labelledImages' | 'colorImages' | 'video';

export interface PaperRef {
  title: string;
  authors: string;
  venue: string;
  url: string;
}

/** What an extra metric measures, so metrics of different scales never share an axis. */
export type MetricUnit = 'loss' | 'fraction' | 'cosine' | 'logit' | 'value';

export interface MethodSpec<S extends ParamSpecs = ParamSpecs> {
  id: string;
  label: string;
  paper: PaperRef;
  /** One sentence a user reads before choosing. */
  summary: string;
  needs: DataNeed;
  /**
   * Where the method menus list it: 'context' for the article's context-based pretexts (section
   * 1.1: rotation, patch position, jigsaw, colorization, inpainting); absent: by what it needs
   * (image or video methods).
   */
  family?: 'context';
  params: S;
  /** Metrics each step reports after loss, pos and neg similarity, in this order. */
  extraMetrics: readonly string[];
  /** Chart labels of extra metrics whose name alone does not say what they are. */
  metricLabels?: Readonly<Record<string, string>>;
  /** The unit of extra metrics whose name does not end in Loss (a loss) or Accuracy (a fraction); metrics of one unit share a chart axis. */
  metricUnits?: Readonly<Record<string, MetricUnit>>;
  /**
   * Images the encoder sees in one training step (for the throughput figure); absent: batchSize.
   * inputSize: [height, width] of the model input, for methods whose count depends on it (CPC's
   * patches). Method syntax on purpose: a spec's own narrower params type satisfies it.
   */
  imagesPerStep?(params: AnyParamValues, inputSize?: readonly [number, number]): number;
  /** How pos / neg similarity are defined for this method (shown under the chart). */
  similarityNote: string;
  /** Names of the method's own classifier heads scored on held-out images at every evaluation (MethodRun.classify). */
  testAccuracies?: readonly string[];
  /** The video methods' own tasks scored on held-out videos at every evaluation (MethodRun.heldOutScores). */
  heldOutScores?: readonly HeldOutScoreSpec[];
}

/** A score of a method's own task on held-out videos (alignment error, order or ranking accuracy). */
export interface HeldOutScoreSpec {
  name: string;
  /** Alignment error is better low; accuracies high. */
  better: 'higher' | 'lower';
  /** How it reads: 'fraction' (an accuracy or a fraction of the chance error: shown as %; the default) or 'value' (an error in its own unit, e.g. a mean squared error: shown as a number). */
  unit?: 'fraction' | 'value';
  /** What HeldOutScore.chance holds: the score of guessing ('chance', the default) or of a trivial predictor ('trivial': the mean image, the most common bin). */
  reference?: 'chance' | 'trivial';
  /** What is measured, shown under the chart. */
  help: string;
}

/** The three metrics every method reports, first in every metrics vector. */
export const CORE_METRICS = ['loss', 'posSim', 'negSim'] as const;

/** The similarity note of every image method whose pos / neg come from the step's universal probe (./stepProbe.ts), not from its own loss. */
export const UNIVERSAL_PROBE_NOTE = 'Universal probe: pos = cosine of two augmented views of the same training image, neg = of different images (encoder output h, 16 images per step).';
