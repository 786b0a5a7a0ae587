/** What the export buttons do: build the files from a run's record and start the downloads. */
import { downloadBlob, downloadText } from '../../export/download';
import { slug } from '../../export/fileNames';
import { encoderModelFiles } from '../../export/encoderModel';
import { metricsCsv, metricsJson, resultsCsv } from '../../export/metricsExport';
import { projectorTsv } from '../../export/projector';
import { encoderOf, type RunState } from '../../store/runStore';
import { recordOf } from '../../store/runRecords';

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
  if (!embeddings) throw new Error('This run has no embeddings yet (they come with the first evaluation).');
  const { vectors, metadata } = projectorTsv(embeddings);
  downloadText(`${fileStem(run)}.vectors.tsv`, vectors, 'text/tab-separated-values');
  downloadText(`${fileStem(run)}.metadata.tsv`, metadata, 'text/tab-separated-values');
}

/** model.json and the weights file of the run's trained encoder (this session's runs only). */
export function exportEncoder(run: RunState): void {
  const encoder = encoderOf(run.id);
  if (!encoder || !run.config) throw new Error('The trained weights are kept only for runs that finished in this session.');
  const { modelJson, modelJsonName, weightsBin, weightsName } = encoderModelFiles({
    version: 1, methodId: run.config.methodId, encoder: { width: encoder.width, norm: encoder.norm }, inputShape: encoder.inputShape,
    outputDim: encoder.outputDim, trainedOn: run.datasetRef ?? { id: run.config.datasetId, name: run.config.datasetId, fingerprint: '' },
    steps: run.points[run.points.length - 1]?.step ?? 0, seed: run.config.seed,
  }, encoder.weights, fileStem(run));
  downloadText(modelJsonName, modelJson, 'application/json');
  downloadBlob(weightsName, new Blob([weightsBin], { type: 'application/octet-stream' }));
}

export function exportResultsCsv(runs: RunState[]): void {
  downloadText('pretext-comparison.csv', resultsCsv(runs.map(recordOf)), 'text/csv');
}
