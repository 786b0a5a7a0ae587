/**
 * The experiment matrix: every method, every variant of a method, on the datasets it is judged
 * on, for each seed; and each cell's run config. Pure (no tfjs), so the tests can check it.
 */
import { METHOD_IDS, METHOD_SPECS, needsVideo, type MethodId } from '../../src/methods/catalog';
import { defaultRunConfig, type RunConfig } from '../../src/shared/config';
import { withParamChoice, type ParamSpecs } from '../../src/shared/params';

export const DEFAULT_SEEDS = [1, 2, 3] as const;
export const IMAGE_DATASETS = ['shapes', 'fashion-mnist'] as const;

/**
 * The choice param that selects a paper's variant of a method (the shared optimizer, schedule
 * and norm choices are settings, not variants). The test checks every spec's own choice param
 * is named here, so a new variant cannot be left out of the table silently.
 */
export const VARIANT_PARAM: Partial<Record<MethodId, string>> = {
  moco: 'version',
  dim: 'estimator',
  s4l: 'variant',
  tcn: 'variant',
};

/**
 * A method's own choice params that are settings, not paper variants: the table runs their
 * default only: TCN's loss (N-pairs by default, the paper's triplet as the option), Shuffle and
 * Learn's head input and centring (the fixes of issue 18; the options are what it did before).
 */
export const NOT_VARIANTS: Partial<Record<MethodId, readonly string[]>> = {
  tcn: ['loss'],
  'shuffle-learn': ['frameFeatures', 'tupleNorm'],
  // The table runs the paper's central hole; a random square is the option.
  inpainting: ['maskShape'],
  // Classes with rebalancing (the paper's method); regression is the simpler option.
  colorization: ['target'],
};

/**
 * Video methods' datasets, per variant. Multi-view TCN needs synchronised views (only the
 * turntable has them). Single-view TCN runs on both: its own task (cross-view alignment) can
 * only be scored on the turntable's held-out scene, while kNN on the turntable is no test (raw
 * pixels score ~99%: every scene has its own colours), so moving shapes gives its kNN figure.
 * Shuffle and Learn and Wang & Gupta train on any clips; moving shapes has classes kNN can test.
 */
const VIDEO_DATASETS: Partial<Record<MethodId, Record<string, readonly string[]>>> = {
  tcn: { 'multi-view': ['turntable'], 'single-view': ['moving-shapes', 'turntable'] },
  'shuffle-learn': { '': ['moving-shapes'] },
  'wang-gupta': { '': ['moving-shapes'] },
};

/** One run of the matrix. variant: the variant param's option ('' for a method without variants). */
export interface Cell {
  method: MethodId;
  variant: string;
  dataset: string;
  seed: number;
}

/** A row of the table: a cell without its seed. */
export type Group = Omit<Cell, 'seed'>;

export const groupKey = (g: Group) => `${g.method}|${g.variant}|${g.dataset}`;

/** The variants of a method: its variant param's options, or [''] without one. */
export function variantsOf(method: MethodId): string[] {
  const key = VARIANT_PARAM[method];
  if (!key) return [''];
  const spec = (METHOD_SPECS[method].params as ParamSpecs)[key];
  if (spec?.kind !== 'choice') throw new Error(`${method}.${key} is not a choice param`);
  return [...spec.options];
}

/** Image methods judged on some image datasets only: colorization needs colour (Fashion-MNIST is grayscale). */
const IMAGE_DATASETS_OF: Partial<Record<MethodId, readonly string[]>> = {
  colorization: ['shapes'],
};

export function datasetsOf(method: MethodId, variant: string): readonly string[] {
  if (!needsVideo(method)) return IMAGE_DATASETS_OF[method] ?? IMAGE_DATASETS;
  const own = VIDEO_DATASETS[method]?.[variant];
  if (!own) throw new Error(`no video dataset listed for ${method} ${variant || '(no variant)'}`);
  return own;
}

/** Every group of the matrix, in catalog order (the supervised baseline is one of its rows). */
export function allGroups(): Group[] {
  return METHOD_IDS.flatMap((method) => variantsOf(method).flatMap((variant) => datasetsOf(method, variant).map((dataset) => ({ method, variant, dataset }))));
}

export interface MatrixFilter {
  methods?: readonly string[];
  datasets?: readonly string[];
  seeds?: readonly number[];
}

export function buildMatrix(filter: MatrixFilter = {}): Cell[] {
  const seeds = filter.seeds?.length ? filter.seeds : DEFAULT_SEEDS;
  const groups = allGroups()
    .filter((g) => !filter.methods?.length || filter.methods.includes(g.method))
    .filter((g) => !filter.datasets?.length || filter.datasets.includes(g.dataset));
  // Seed by seed: a run cut short still has every row at one seed before any row has three.
  return seeds.flatMap((seed) => groups.map((g) => ({ ...g, seed })));
}

/** What the run settings of a matrix run may override (from the environment). */
export interface BudgetOverrides {
  /** STEPS: a quick check's budget instead of the tier's. */
  steps?: number;
  /** EVAL_EVERY: also evaluate in between (default: at step 0 and the last step only). */
  evalEvery?: number;
  backend: 'wasm' | 'cpu';
}

/**
 * The cell's config: the cpu tier's defaults for the method and dataset, with the variant chosen
 * as the UI chooses it (what the option implies included). The default option is left as the
 * tier has it, so a tier override of a param that the option implies still holds.
 */
export function cellConfig(cell: Cell, o: BudgetOverrides): RunConfig {
  const config = defaultRunConfig(cell.method, cell.dataset, 'cpu');
  const key = VARIANT_PARAM[cell.method];
  if (key && cell.variant !== config.params[key]) {
    config.params = withParamChoice(METHOD_SPECS[cell.method].params as ParamSpecs, config.params, key, cell.variant);
  }
  config.seed = cell.seed;
  if (o.steps !== undefined) config.maxSteps = o.steps;
  // Step 0 and the last step are what the table reads; every evaluation in between costs time.
  config.evalEvery = o.evalEvery ?? config.maxSteps;
  config.backend = o.backend;
  return config;
}

/** How a group is named in the table. */
export function groupLabel(g: Pick<Group, 'method' | 'variant'>): string {
  const label = METHOD_SPECS[g.method].label;
  // A label that lists its variants ("S4L (rotation / exemplar)") gives way to the one chosen.
  return g.variant ? `${label.replace(/\s*\(.*\)$/, '')} (${g.variant})` : label;
}
