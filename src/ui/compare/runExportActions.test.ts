/** The export menu items every place shows (results row, Training tab, History): which can run, why the others cannot, and that choosing one loads the run first. */
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/i18n';
import { englishText } from '../../i18n/render';
import { TextError } from '../../i18n/textError';
import { text } from '../../shared/text';
import type { HistoryEntry } from '../../history/historyDb';
import { exportableEntry, runExportActions } from './runExportActions';

const t = i18n.getFixedT('en');
const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  points: [{ step: 1, wall: 0.1, loss: 2 }], evals: [], hasEmbeddings: false, hasEncoder: true,
  config: { methodId: 'simclr' }, imported: null, ...over,
} as unknown as HistoryEntry);
const items = (e: HistoryEntry, load = vi.fn(), attempt = vi.fn()) =>
  runExportActions(exportableEntry(e), load, t, englishText, attempt);

describe('the export menu items', () => {
  it('lists the six exports with what each file is for; a History run with an encoder can export every model format', () => {
    const list = items(entry({}));
    expect(list.map((a) => a.label)).toEqual(['Metrics CSV', 'Metrics JSON', 'Projector TSV', 'Model (TF.js)', 'Model (ONNX)', 'Model (PyTorch)']);
    expect(list.map((a) => a.disabledWhy)).toEqual([undefined, undefined, expect.stringMatching(/^No embeddings yet/), undefined, undefined, undefined]);
    expect(list.find((a) => a.label === 'Model (ONNX)')?.title).toMatch(/onnxruntime/);
  });

  it('says why the model exports cannot run for a History run without weights, or an imported encoder', () => {
    const noWeights = items(entry({ hasEncoder: false })).filter((a) => a.label.startsWith('Model'));
    expect(noWeights.map((a) => a.disabledWhy)).toEqual(Array(3).fill(englishText(text('compare.export.noWeights'))));
    const imported = items(entry({ config: undefined, imported: { trainedBy: 'moco' } as HistoryEntry['imported'] })).filter((a) => a.label.startsWith('Model'));
    expect(imported.map((a) => a.disabledWhy)).toEqual(Array(3).fill(englishText(text('compare.export.importedEncoder'))));
    expect(items(entry({ points: [], evals: [] }))[0].disabledWhy).toBe('No metrics yet');
  });

  it('choosing an item loads the run (a History record is read only then) and reports what fails', async () => {
    const gone = new TextError(text('history.errors.gone'));
    const load = vi.fn(async () => { throw gone; });
    const failures: unknown[] = [];
    const attempt = (f: () => void | Promise<void>) => { void (async () => { try { await f(); } catch (e) { failures.push(e); } })(); };
    const pytorch = runExportActions(exportableEntry(entry({})), load, t, englishText, attempt).find((a) => a.label === 'Model (PyTorch)')!;
    expect(load).not.toHaveBeenCalled();
    pytorch.onSelect();
    await vi.waitFor(() => expect(failures).toEqual([gone]));
    expect(load).toHaveBeenCalledTimes(1);
  });
});
