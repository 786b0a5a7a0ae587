/**
 * An imported encoder evaluated on a dataset: a bare ResNetEncoder built from the model's layout,
 * its weights loaded, and an Evaluator over it. No method, nothing trains.
 */
import type { ImageDataset } from '../data/dataset';
import { ResNetEncoder } from '../models/encoder';
import { VariableSet } from '../models/variables';
import type { EvaluationSettings, ImportedEncoder } from '../shared/protocol';
import { createRng } from '../shared/rng';
import { EvalSplit } from './evalSplit';
import { bareEncoder, Evaluator } from './evaluator';
import { probeAugment } from './session';

export class EncoderEvaluation {
  readonly split: EvalSplit;
  readonly evaluator: Evaluator;
  private readonly vars = new VariableSet('imported', false);

  constructor(settings: Pick<EvaluationSettings, 'seed' | 'evalBankSize' | 'evalQuerySize'>, dataset: ImageDataset, imported: Pick<ImportedEncoder, 'layout' | 'weights'>) {
    // The seeded initial weights are overwritten at once; creating them gives the variables their shapes.
    const encoder = new ResNetEncoder(this.vars, imported.layout, createRng(settings.seed));
    try {
      encoder.loadWeightData(imported.weights);
    } catch (e) {
      this.vars.dispose();
      throw e;
    }
    this.split = new EvalSplit(dataset, settings);
    // No method, so no augmentations of its own: the similarity probe uses the defaults.
    this.evaluator = new Evaluator(this.split, bareEncoder(encoder), { seed: settings.seed, augment: probeAugment() });
  }

  get hasLabels(): boolean {
    return this.split.hasLabels;
  }

  dispose(): void {
    this.split.dispose();
    this.vars.dispose();
  }
}
