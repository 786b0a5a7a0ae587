/**
 * Every export of a run through the UI in real Chromium (real downloads), parsed back: CSV, JSON,
 * Projector TSV, the model, a chart PNG, the results table; the exported encoder imported again
 * and evaluated on another dataset.
 */
import { expect, test } from './appTest';
import { TINY } from './pages/appPage';
import { downloadOf, downloadsOf, parseCsv, readDownload as read } from './helpers/downloads';
import { planTwoRuns, runBothAtOnce } from './helpers/twoRuns';
import * as ort from 'onnxruntime-web';
import { unzipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { torchPython } from '../src/testing/torchPython';
import { parseEncoderModel } from '../src/export/encoderModel';

test('a SimCLR run exported as CSV, JSON, Projector TSV, model, chart PNG and results table; the model imported and evaluated again', async ({ app, page }) => {
  await app.open();
  await planTwoRuns(app);
  await runBothAtOnce(app);
  const { compare, history } = app;

  // --- Exports of the SimCLR run: CSV, JSON, Projector TSV, the model, a chart PNG, the table.
  const simclr = compare.row('SimCLR');
  const csv = await downloadOf(page, () => compare.rowAction(simclr, 'Metrics CSV'));
  // Files are named from the run's whole name (its params' labels), not a key or a cut name.
  expect(csv.suggestedFilename()).toBe('simclr-nt-xent-temperature-0-2.metrics.csv');
  const table = parseCsv((await read(csv)).toString());
  expect(table[0].slice(0, 3)).toEqual(['step', 'wall_s', 'loss']);
  expect(table.map((r) => r[0])).toEqual(['step', '0', '1', '2', '3']);
  expect(Number(table[3][2])).toBeGreaterThan(0); // a loss at step 2
  const json = JSON.parse((await read(await downloadOf(page, () => compare.rowAction(simclr, 'Metrics JSON')))).toString());
  expect(json.format).toBe('pretext-run');
  expect(json.config.params.temperature).toBe(0.2);
  expect(json.points).toHaveLength(3);
  const [vectors, metadata] = await downloadsOf(page, 2, () => compare.rowAction(simclr, 'Projector TSV'));
  const vectorLines = (await read(vectors)).toString().trim().split('\n');
  const metadataLines = (await read(metadata)).toString().trim().split('\n');
  expect(vectorLines).toHaveLength(TINY.evalQuerySize);
  expect(vectorLines[0].split('\t').length).toBe(4 * TINY.width); // h has 4 x width dimensions
  expect(metadataLines[0]).toBe('label\tclass_index');
  expect(metadataLines).toHaveLength(TINY.evalQuerySize + 1);
  const modelFiles = await downloadsOf(page, 2, () => compare.rowAction(simclr, 'Model (TF.js)'));
  const modelJson = modelFiles.find((d) => d.suggestedFilename().endsWith('.json'))!;
  const weights = modelFiles.find((d) => d.suggestedFilename().endsWith('.bin'))!;
  const modelJsonText = (await read(modelJson)).toString();
  const weightBytes = await read(weights);
  const parsed = parseEncoderModel(modelJsonText, weightBytes.buffer.slice(weightBytes.byteOffset, weightBytes.byteOffset + weightBytes.byteLength));
  expect(parsed.ok && parsed.topology.encoder.width).toBe(TINY.width);
  expect(parsed.ok && parsed.topology.steps).toBe(3);
  // The ONNX model runs in onnxruntime (here its wasm build in Node): h for a TINY-size image.
  const onnxFile = await downloadOf(page, () => compare.rowAction(simclr, 'Model (ONNX)'));
  expect(onnxFile.suggestedFilename()).toBe('simclr-nt-xent-temperature-0-2.onnx');
  const session = await ort.InferenceSession.create(new Uint8Array(await read(onnxFile)));
  const size = 32; // any size runs (H and W are symbolic); 32 px is the built-in shapes'
  const out = await session.run({ images: new ort.Tensor('float32', new Float32Array(size * size * 3).fill(0.5), [1, size, size, 3]) });
  expect(out.h.dims).toEqual([1, 4 * TINY.width]);
  expect([...(out.h.data as Float32Array)].every(Number.isFinite)).toBe(true);
  await session.release();
  // The PyTorch zip: model.py loads its weights in real PyTorch and embeds (h has 4 x width dimensions).
  const torchZip = await downloadOf(page, () => compare.rowAction(simclr, 'Model (PyTorch)'));
  expect(torchZip.suggestedFilename()).toBe('simclr-nt-xent-temperature-0-2.pytorch.zip');
  const torchFiles = unzipSync(new Uint8Array(await read(torchZip)));
  expect(Object.keys(torchFiles).sort()).toEqual(['README.md', 'config.json', 'encoder.safetensors', 'model.py', 'requirements.txt', 'train.py']);
  // The weights file holds the method's heads beside the encoder (SimCLR's projection MLP): the safetensors header names them.
  const tensors = Buffer.from(torchFiles['encoder.safetensors']);
  const tensorNames = Object.keys(JSON.parse(tensors.subarray(8, 8 + Number(tensors.readBigUInt64LE(0))).toString()));
  expect(tensorNames.filter((n) => n.startsWith('heads.')).length).toBeGreaterThan(0);
  expect(tensorNames).toContain('encoder.stem.conv.weight');
  const torchDir = mkdtempSync(join(tmpdir(), 'pretext-e2e-torch-'));
  for (const [name, bytes] of Object.entries(torchFiles)) writeFileSync(join(torchDir, name), bytes);
  const printed = execFileSync(torchPython(), ['model.py', 'encoder.safetensors'], { cwd: torchDir }).toString();
  rmSync(torchDir, { recursive: true, force: true });
  // h, then the projection head's z from h (the exported heads run in torch too).
  expect(printed.trim()).toMatch(new RegExp(`^h: \\(2, ${4 * TINY.width}\\)\nhead: \\(2, \\d+\\)$`));
  const pngDownload = await downloadOf(page, () => compare.lossChart.pngButton.click());
  expect(pngDownload.suggestedFilename()).toBe('comparison.training-loss.png');
  const png = await read(pngDownload);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBeGreaterThan(300); // width in the IHDR chunk
  const results = parseCsv((await read(await downloadOf(page, () => compare.exportResultsCsv.click()))).toString());
  expect(results).toHaveLength(3);
  expect(results[0][0]).toBe('name');

  // --- The same exports from the Training tab's Export menu (the run it shows) and, after a
  // reload (this session's weights gone), from History's, which reads the encoder it kept.
  await compare.viewButton(simclr).click();
  await expect(app.runExportMenu).toHaveAccessibleName(/^Export SimCLR/);
  const trainingOnnx = await downloadOf(page, () => app.runExportAction('Model (ONNX)'));
  expect(trainingOnnx.suggestedFilename()).toBe('simclr-nt-xent-temperature-0-2.onnx');
  expect((await read(trainingOnnx)).equals(await read(onnxFile))).toBe(true);
  await app.showTab('history');
  await expect(history.rows).toHaveCount(2);
  await app.reload();
  await app.showTab('history');
  const historyZip = await downloadOf(page, () => history.exportAction(history.rowStartingWith('SimCLR'), 'Model (PyTorch)'));
  expect(historyZip.suggestedFilename()).toBe('simclr-nt-xent-temperature-0-2.pytorch.zip');
  const historyFiles = unzipSync(new Uint8Array(await read(historyZip)));
  expect(Buffer.from(historyFiles['encoder.safetensors']).equals(Buffer.from(torchFiles['encoder.safetensors']))).toBe(true);
  await expect(page.getByTestId('export-help')).toContainText('Model (PyTorch)');

  // --- The exported encoder, imported again and evaluated on another dataset.
  await app.chooseDataset('fashion-mnist');
  await app.showTab('history');
  await history.importEncoder([
    { name: modelJson.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(modelJsonText) },
    { name: weights.suggestedFilename(), mimeType: 'application/octet-stream', buffer: weightBytes },
  ]);
  await app.expectPhase('completed');
  await expect(app.accuracySummary).toContainText('kNN top-1');
  await expect(app.runNotice).toContainText('Evaluating an imported encoder');
  // A file that is not an exported encoder is refused with what is wrong.
  await app.showTab('history');
  await history.importEncoder([
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"layers-model","modelTopology":{}}') },
    { name: 'model.weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(8) },
  ]);
  await expect(history.encoderMessage).toContainText('model.json:');
});
