/** What the export buttons do: build the files from a run's record and start the downloads. */
import { downloadBlob, downloadText } from '../../export/download';
import { slug } from '../../export/fileNames';
import { encoderModelFiles, type EncoderTopology } from '../../export/encoderModel';
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
export type FindEncoder = (id: string) => Promise<EncoderWeightsMessage | null>;
const storeEncoder: FindEncoder = (id) => useAppStore.getState().trainedEncoder(id);

/** The run's trained encoder with its topology (what both model exports write), or a TextError saying why not. */
async function trainedEncoderOf(run: RunState, find: FindEncoder): Promise<{ topology: EncoderTopology; weights: EncoderWeightsMessage['weights']; heads?: EncoderWeightsMessage['heads'] }> {
  if (!run.config) throw new TextError(text('compare.export.noOwnEncoder'));
  const encoder = await find(run.id);
  if (!encoder) throw new TextError(text('compare.export.weightsGone'));
  const topology: EncoderTopology = {
    version: 1, methodId: run.config.methodId, encoder: layoutOf(encoder), inputShape: encoder.inputShape,
    outputDim: encoder.outputDim, trainedOn: datasetRefOfRun(run),
    steps: run.points[run.points.length - 1]?.step ?? 0, seed: run.config.seed,
  };
  return { topology, weights: encoder.weights, heads: encoder.heads };
}

export async function exportEncoder(run: RunState, find: FindEncoder = storeEncoder): Promise<void> {
  const { topology, weights } = await trainedEncoderOf(run, find);
  const { modelJson, modelJsonName, weightsBin, weightsName } = encoderModelFiles(topology, weights, fileStem(run));
  downloadText(modelJsonName, modelJson, 'application/json');
  downloadBlob(weightsName, new Blob([weightsBin], { type: 'application/octet-stream' }));
}

/** <stem>.onnx: the frozen encoder for onnxruntime, Netron and converters (export/onnxModel.ts). Loaded on demand: the protobuf schema stays out of the page's first load. */
export async function exportOnnx(run: RunState, find: FindEncoder = storeEncoder): Promise<void> {
  const { topology, weights } = await trainedEncoderOf(run, find);
  const { encoderToOnnx } = await import('../../export/onnxModel');
  const bytes = encoderToOnnx(topology, weights, { runName: run.name, params: run.config?.params ?? {} });
  downloadBlob(onnxFileName(run), new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
}

/** <stem>.pytorch.zip: model.py, encoder.safetensors (the encoder and the method's heads), train.py with config.json (the run's params and evaluation settings), README.md, requirements.txt (export/pytorch). Loaded on demand. */
export async function exportPytorch(run: RunState, find: FindEncoder = storeEncoder): Promise<void> {
  const { topology, weights, heads } = await trainedEncoderOf(run, find);
  const { pytorchExportZip } = await import('../../export/pytorch/pytorchExport');
  const c = run.config;
  const bytes = pytorchExportZip(topology, weights, {
    runName: run.name, params: c?.params ?? {}, heads,
    evaluation: c ? { evalEvery: c.evalEvery, evalBankSize: c.evalBankSize, evalQuerySize: c.evalQuerySize } : undefined,
  });
  downloadBlob(`${fileStem(run)}.pytorch.zip`, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
}

export const onnxFileName = (run: RunState): string => `${fileStem(run)}.onnx`;

export function exportResultsCsv(runs: RunState[]): void {
  downloadText('pretext-comparison.csv', resultsCsv(runs.map(recordOf)), 'text/csv');
}
