/** What the export buttons do: build the files from a run's record and start the downloads. */
import { downloadBlob, downloadText } from '../../export/download';
import { slug } from '../../export/fileNames';
import { encoderModelFiles } from '../../export/encoderModel';
import { metricsCsv, metricsJson, resultsCsv } from '../../export/metricsExport';
import { projectorTsv } from '../../export/projector';
import { useAppStore, type RunState } from '../../store/runStore';
import { datasetRefOfRun, recordOf } from '../../store/runRecords';
import { isActive } from '../../store/runState';
import type { EncoderWeightsMessage } from '../../shared/protocol';
import { layoutOf } from '../../models/encoderLayout';
import { text, type Text } from '../../shared/text';
import { TextError } from '../../i18n/textError';

/** A file name stem from the run's full name ("SimCLR: NT-Xent temperature 0.1" -> "simclr-nt-xent-temperature-0-1"). */
export function fileStem(run: RunState): string {
  return slug(run.name);
}

export function exportMetricsCsv(run: RunState): void {
  downloadText(`${fileStem(run)}.metrics.csv`, metricsCsv(recordOf(run)), 'text/csv');
}

export function exportMetricsJson(run: RunState): void {
  downloadText(`${fileStem(run)}.metrics.json`, metricsJson(recordOf(run)), 'application/json');
}

/** The two TSV files the TensorFlow Embedding Projector loads (vectors, metadata). */
export function exportProjector(run: RunState): void {
  const embeddings = recordOf(run).embeddings;
  if (!embeddings) throw new TextError(text('compare.export.noEmbeddings'));
  const { vectors, metadata } = projectorTsv(embeddings);
  downloadText(`${fileStem(run)}.vectors.tsv`, vectors, 'text/tab-separated-values');
  downloadText(`${fileStem(run)}.metadata.tsv`, metadata, 'text/tab-separated-values');
}

/** Why a run's "Model (TF.js)" export is not available, or undefined when it is (the run has trained weights, here or in History). */
export function encoderExportUnavailable(run: RunState): Text | undefined {
  if (run.hasEncoder && run.config) return undefined;
  if (run.origin === 'imported') return text('compare.export.importedEncoder');
  if (isActive(run.phase)) return text('compare.export.weightsLater');
  return text('compare.export.noWeights');
}

/**
 * model.json and the weights file of the run's trained encoder: this session's weights, or the
 * ones History kept (a run re-opened after a reload). `find` looks them up (the app store's by default).
 */
export async function exportEncoder(run: RunState, find: (id: string) => Promise<EncoderWeightsMessage | null> = (id) => useAppStore.getState().trainedEncoder(id)): Promise<void> {
  if (!run.config) throw new TextError(text('compare.export.noOwnEncoder'));
  const encoder = await find(run.id);
  if (!encoder) throw new TextError(text('compare.export.weightsGone'));
  const { modelJson, modelJsonName, weightsBin, weightsName } = encoderModelFiles({
    version: 1, methodId: run.config.methodId, encoder: layoutOf(encoder), inputShape: encoder.inputShape,
    outputDim: encoder.outputDim, trainedOn: datasetRefOfRun(run),
    steps: run.points[run.points.length - 1]?.step ?? 0, seed: run.config.seed,
  }, encoder.weights, fileStem(run));
  downloadText(modelJsonName, modelJson, 'application/json');
  downloadBlob(weightsName, new Blob([weightsBin], { type: 'application/octet-stream' }));
}

export function exportResultsCsv(runs: RunState[]): void {
  downloadText('pretext-comparison.csv', resultsCsv(runs.map(recordOf)), 'text/csv');
}
