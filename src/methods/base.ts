/**
 * defineMethod: the base work every method shares. It creates the run's variables, the encoder
 * (first, from the init rng, so every method starts from the same random-init encoder for a
 * seed by construction) and the optimizer, then lets the method build its heads and supplies the
 * default step, evaluation, embedding, variable list and disposal from the method's lossTerms.
 */
import * as tf from '@tensorflow/tfjs';
import { ResNetEncoder } from '../models/encoder';
import { createOptimizer, metricsOf, minimizeWithMetrics, type LossTerms } from '../models/optimizer';
import { VariableSet } from '../models/variables';
import { DEFAULT_NORM_GROUPS } from '../models/encoderLayout';
import type { EncoderParams, TrainingParams } from '../shared/paramGroups';
import type { AnyParamValues } from '../shared/params';
import type { Rng } from '../shared/rng';
import type { MethodSpec } from './spec';
import type { CheckpointParts, HeldOutScore, MethodContext, MethodImpl, MethodRun, ParamsOf, PreviewPanel } from './types';
export type { CheckpointParts };

/** What defineMethod has built when the method's setup runs. */
export interface MethodBase<P extends AnyParamValues> {
  ctx: MethodContext<P>;
  params: P;
  /** The run's variables: the encoder's, then whatever the setup adds (its heads). */
  vars: VariableSet;
  encoder: ResNetEncoder;
  optimizer: tf.Optimizer;
}

/**
 * What a method supplies (method syntax throughout, so a setup returning either of two variants'
 * definitions fits one batch type union).
 */
export interface MethodDefinition<B> {
  /** Draws a batch with `rng` (augmentation runs on the backend). */
  sampleBatch(rng: Rng): B;
  /** The loss and the metrics beside it ([posSim, negSim, ...spec.extraMetrics]). */
  lossTerms(batch: B): LossTerms;
  preview(batch: B): PreviewPanel[];
  /** Variables the default step updates; absent: every variable of base.vars. */
  trainable?: tf.Variable[];
  /** Overrides the default step (one optimizer.minimize of lossTerms over `trainable`). */
  trainStep?(batch: B): tf.Tensor1D;
  /** Runs after each default step's update (a FeatureNorm's running statistics). */
  afterStep?(): void;
  /** Overrides the default evaluation (lossTerms' metrics, no update). */
  evaluateBatch?(batch: B): tf.Tensor1D;
  /** Overrides the default representation (the encoder's h). */
  embed?(images: tf.Tensor4D): tf.Tensor2D;
  classify?(images: tf.Tensor4D): tf.Tensor2D;
  heldOutScores?(): Promise<HeldOutScore[]>;
  /** Variables the run owns outside base.vars (a key encoder, a queue, a second model). */
  extraVariables?(): tf.Variable[];
  /** Frees what the method made outside base.vars (before base.vars and the optimizer are freed). */
  dispose?(): void;
  /**
   * State a checkpoint keeps besides variables() and the base optimizer: the method's own
   * optimizers (DIM's prior), rng streams it draws from after setup, plain-number counters (MoCo's queue).
   */
  checkpointParts?(): CheckpointParts;
}

type SharedParams = TrainingParams & Pick<EncoderParams, 'width' | 'norm' | 'normGroups'>;

export interface DefineOptions {
  /** Prefix of the run's variable names; absent: the spec's id. */
  variablePrefix?: string;
}

export function defineMethod<S extends MethodSpec, B>(
  spec: S,
  setup: (base: MethodBase<ParamsOf<S>>) => MethodDefinition<B>,
  options: DefineOptions = {},
): MethodImpl<S> {
  return {
    spec,
    create(ctx): MethodRun<B> {
      const params = ctx.params;
      // Every spec spreads trainingParams() and the encoder's width and norm (./specs/*.ts).
      const shared = params as unknown as SharedParams;
      const vars = new VariableSet(options.variablePrefix ?? spec.id);
      const optimizer = createOptimizer(shared);
      let def: MethodDefinition<B>;
      try {
        const encoder = new ResNetEncoder(vars, { width: shared.width, norm: shared.norm, normGroups: shared.normGroups ?? DEFAULT_NORM_GROUPS }, ctx.initRng);
        def = setup({ ctx, params, vars, encoder, optimizer });
        return runOf(def, encoder, vars, optimizer);
      } catch (e) {
        // A setup that refuses the data (a message for the user) leaves nothing behind.
        optimizer.dispose();
        vars.dispose();
        throw e;
      }
    },
  };
}

const NO_COUNTERS = { save: () => ({}), load: () => undefined };

function runOf<B>(def: MethodDefinition<B>, encoder: ResNetEncoder, vars: VariableSet, optimizer: tf.Optimizer): MethodRun<B> {
  const trainable = def.trainable ?? vars.list();
  return {
    encoder,
    sampleBatch: (rng) => def.sampleBatch(rng),
    trainStep: def.trainStep
      ? (batch) => def.trainStep!(batch)
      : (batch) => tf.tidy(() => {
        const metrics = minimizeWithMetrics(optimizer, trainable, () => def.lossTerms(batch));
        def.afterStep?.();
        return metrics;
      }),
    evaluateBatch: def.evaluateBatch
      ? (batch) => def.evaluateBatch!(batch)
      : (batch) => tf.tidy(() => metricsOf(def.lossTerms(batch))),
    embed: def.embed ? (images) => def.embed!(images) : (images) => encoder.apply(images).h,
    ...(def.classify && { classify: (images: tf.Tensor4D) => def.classify!(images) }),
    ...(def.heldOutScores && { heldOutScores: () => def.heldOutScores!() }),
    preview: (batch) => def.preview(batch),
    readHeads: async () => {
      const own = new Set(encoder.namedWeights().map((w) => w.name));
      const heads = [...vars.byName].filter(([name]) => !own.has(name));
      const data = await Promise.all(heads.map(([, v]) => v.data() as Promise<Float32Array>));
      return heads.map(([name, v], i) => ({ name, shape: v.shape.slice(), data: data[i] }));
    },
    variables: () => [...vars.list(), ...(def.extraVariables?.() ?? [])],
    checkpointParts: () => {
      const own = def.checkpointParts?.() ?? {};
      if (own.optimizers && 'main' in own.optimizers) throw new Error("a method's own optimizer cannot be named 'main' (the base optimizer's name)");
      return {
        optimizers: { main: optimizer, ...own.optimizers },
        rngs: { ...own.rngs },
        counters: own.counters ?? NO_COUNTERS,
      };
    },
    dispose() {
      def.dispose?.();
      optimizer.dispose();
      vars.dispose();
    },
  };
}
