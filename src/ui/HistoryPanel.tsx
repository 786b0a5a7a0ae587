/**
 * The History tab: runs kept in IndexedDB across reloads (rename, delete, open into the
 * comparison, evaluate a kept encoder on the draft's dataset), storage use, and importing an
 * exported encoder to evaluate it on another dataset.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAppStore } from '../store/runStore';
import { parseEncoderModel } from '../export/encoderModel';
import { layoutOf } from '../models/encoderLayout';
import { datasetRefOf } from '../store/runStore';
import { pct } from './format';
import { isMethodId } from '../methods/catalog';
import { useText } from '../i18n/render';
import { errorMessage } from '../i18n/textError';
import { datasetName, methodLabel } from '../i18n/content';
import { formatDateTime, formatFixed, formatInteger, formatPercent } from '../i18n/format';
import { text, type Text } from '../shared/text';
import { RowMenu } from './compare/RowMenu';
import { ExportHelp } from './compare/ExportHelp';
import { exportableEntry, runExportActions } from './compare/runExportActions';

const mb = (t: TFunction, bytes: number) => t('history.storage.mb', { mb: formatFixed(bytes / 2 ** 20, 1) });
/** A method by its label where it is one of ours (an imported file may name another). */
const methodName = (id: string) => (isMethodId(id) ? methodLabel(id) : id);

function StorageLine() {
  const { t } = useTranslation();
  const use = useAppStore((s) => s.history.use);
  if (!use) return <p className="muted" data-testid="storage-use">{t('history.storage.unknown')}</p>;
  const share = use.quota > 0 ? use.usage / use.quota : 0;
  return (
    <div data-testid="storage-use" data-usage={use.usage} data-quota={use.quota}>
      <span>
        {t('history.storage.line', {
          used: mb(t, use.usage), quota: mb(t, use.quota), percent: formatPercent(share, 1), history: mb(t, use.historyBytes),
          checkpoints: use.checkpointBytes === null ? t('history.storage.checkpointsUnknown') : mb(t, use.checkpointBytes),
        })}
      </span>
      <progress aria-label={t('history.storage.aria')} value={share} max={1} />
    </div>
  );
}

function ImportEncoder({ onEvaluate }: { onEvaluate: () => void }) {
  const { t } = useTranslation();
  const tx = useText();
  const inputId = useId();
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: Text } | null>(null);
  const draftDataset = useAppStore((s) => s.draft.datasetId);
  const onFiles = async (files: FileList | null) => {
    const list = [...(files ?? [])];
    const json = list.find((f) => f.name.endsWith('.json'));
    const bin = list.find((f) => f.name.endsWith('.bin'));
    if (!json || !bin) {
      const got = list.map((f) => f.name).join(', ') || text('history.import.nothing');
      setMessage({ kind: 'error', text: text('history.import.bothFiles', { files: got }) });
      return;
    }
    const parsed = parseEncoderModel(await json.text(), await bin.arrayBuffer());
    if (!parsed.ok) { setMessage({ kind: 'error', text: text('history.import.fileError', { file: json.name, error: parsed.error }) }); return; }
    const topology = parsed.topology;
    const target = datasetName(draftDataset, datasetRefOf(draftDataset).name);
    // Kept with the run (its record, the worker's notice) as text in the page's language.
    const description = t('history.import.description', {
      method: topology.methodId, width: topology.encoder.width, steps: topology.steps,
      datasetName: datasetName(topology.trainedOn.id, topology.trainedOn.name),
    });
    const name = t('history.import.runName', { file: json.name.replace(/\.json$/, ''), datasetName: target });
    useAppStore.getState().evaluateImported({ description, trainedBy: topology.methodId, layout: layoutOf(topology.encoder), weights: parsed.weights }, name);
    setMessage({ kind: 'ok', text: text('history.import.evaluating', { file: json.name, description, datasetName: target }) });
    onEvaluate();
  };
  return (
    <section className="import-encoder" aria-label={t('history.import.aria')}>
      <h3>{t('history.import.title')}</h3>
      <p className="muted">{t('history.import.help')}</p>
      <label htmlFor={inputId} className="file-button">{t('history.import.choose')}</label>
      <input id={inputId} className="visually-hidden" type="file" multiple accept=".json,.bin" data-testid="import-encoder-input"
        onChange={(e) => { void onFiles(e.target.files); e.target.value = ''; }} />
      {message && <p className={message.kind === 'error' ? 'error' : 'muted'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="import-encoder-message">{tx(message.text)}</p>}
    </section>
  );
}

export function HistoryPanel({ onOpen, onEvaluate }: { onOpen: () => void; onEvaluate: () => void }) {
  const { t } = useTranslation();
  const tx = useText();
  const history = useAppStore((s) => s.history);
  const openIds = useAppStore((s) => s.runs.map((r) => r.id).join(','));
  const draftDataset = useAppStore((s) => s.draft.datasetId);
  const { refreshHistory, openFromHistory, renameInHistory, deleteFromHistory, evaluateFromHistory, historyRun } = useAppStore.getState();
  const [error, setError] = useState<Text | string | null>(null);
  const target = datasetName(draftDataset, datasetRefOf(draftDataset).name);
  useEffect(() => { void refreshHistory(); }, [refreshHistory]);
  const attempt = async (f: () => Promise<void>) => { try { setError(null); await f(); } catch (e) { setError(errorMessage(e)); } };
  const shownError = error ?? history.error;

  return (
    <div className="history-panel" data-testid="history-panel">
      <section aria-label={t('history.panel.aria')}>
        <h2>{t('history.panel.title')}</h2>
        <p className="muted">{t('history.panel.intro')}</p>
        <StorageLine />
        {shownError && <p className="error" role="alert" data-testid="history-error">{tx(shownError)}</p>}
        {!history.loaded ? <p className="muted">{t('history.panel.reading')} <progress aria-label={t('history.panel.readingAria')} /></p>
          : history.entries.length === 0 ? <p className="muted" data-testid="history-empty">{t('history.panel.empty')}</p> : (
          <table className="results-table history-table" data-testid="history-table">
            <thead>
              <tr>
                <th>{t('history.table.name')}</th><th>{t('history.table.when')}</th><th>{t('history.table.method')}</th><th>{t('history.table.dataset')}</th>
                <th>{t('history.table.steps')}</th><th>{t('history.table.scores')}</th><th>{t('history.table.size')}</th><th>{t('history.table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {history.entries.map((e) => {
                const last = e.evals[e.evals.length - 1];
                return (
                  <tr key={e.id} data-testid="history-row" data-run-name={e.name}>
                    <td>
                      <input className="run-name" aria-label={t('history.table.renameAria', { name: e.name })} defaultValue={e.name} key={e.name} data-testid="history-name"
                        onBlur={(ev) => { if (ev.target.value.trim() !== e.name) void attempt(() => renameInHistory(e.id, ev.target.value)); }}
                        onKeyDown={(ev) => { if (ev.key === 'Enter') ev.currentTarget.blur(); }} />
                    </td>
                    <td>{formatDateTime(e.createdAt)}</td>
                    <td data-testid="history-method">
                      {e.config ? methodName(e.config.methodId) : e.imported ? t('history.table.imported', { method: methodName(e.imported.trainedBy) }) : ''}
                    </td>
                    <td>{datasetName(e.dataset.id, e.dataset.name)}</td>
                    <td>{t('history.table.stepsCell', { steps: formatInteger(e.steps), status: t(`compare.phase.${e.status}`, { defaultValue: e.status }) })}</td>
                    <td>{pct(last?.knnTop1)} / {pct(last?.linearTop1)}</td>
                    <td>{mb(t, e.bytes)}</td>
                    <td className="row-actions">
                      <button type="button" className="secondary small" data-testid="history-open" onClick={() => void attempt(async () => { await openFromHistory(e.id); onOpen(); })}>
                        {openIds.includes(e.id) ? t('history.table.show') : t('history.table.open')}
                      </button>
                      {e.hasEncoder && (
                        <button type="button" className="secondary small" data-testid="history-evaluate"
                          title={t('history.table.evaluateTitle', { datasetName: target })}
                          onClick={() => void attempt(async () => { await evaluateFromHistory(e.id); onEvaluate(); })}>
                          {t('history.table.evaluate', { datasetName: target })}
                        </button>
                      )}
                      <RowMenu label={t('history.table.exportMenu', { name: e.name })} buttonText={t('history.table.export')} testId="history-export"
                        actions={runExportActions(exportableEntry(e), () => historyRun(e.id), t, tx, (f) => void attempt(async () => { await f(); }))} />
                      <button type="button" className="danger small" data-testid="history-delete"
                        onClick={() => { if (window.confirm(t('history.table.confirmDelete', { name: e.name }))) void attempt(() => deleteFromHistory(e.id)); }}>
                        {t('history.table.delete')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {history.entries.length > 0 && <ExportHelp />}
      </section>
      <ImportEncoder onEvaluate={onEvaluate} />
    </div>
  );
}
