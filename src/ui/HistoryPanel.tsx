/**
 * The History tab: runs kept in IndexedDB across reloads (rename, delete, open into the
 * comparison, evaluate a kept encoder on the draft's dataset), storage use, and importing an
 * exported encoder to evaluate it on another dataset.
 */
import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../store/runStore';
import { parseEncoderModel } from '../export/encoderModel';
import { layoutOf } from '../models/encoderLayout';
import { datasetRefOf } from '../store/runStore';
import { pct } from './format';
import { METHOD_SPECS, type MethodId } from '../methods/catalog';

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function StorageLine() {
  const use = useAppStore((s) => s.history.use);
  if (!use) return <p className="muted" data-testid="storage-use">This browser does not report its storage use.</p>;
  const share = use.quota > 0 ? use.usage / use.quota : 0;
  return (
    <div data-testid="storage-use" data-usage={use.usage} data-quota={use.quota}>
      <span>Storage: {mb(use.usage)} of {mb(use.quota)} used ({(share * 100).toFixed(1)}%): history {mb(use.historyBytes)}, checkpoints {use.checkpointBytes === null ? 'unknown' : mb(use.checkpointBytes)}.</span>
      <progress aria-label="Browser storage used" value={share} max={1} />
    </div>
  );
}

function ImportEncoder({ onEvaluate }: { onEvaluate: () => void }) {
  const inputId = useId();
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const draftDataset = useAppStore((s) => s.draft.datasetId);
  const onFiles = async (files: FileList | null) => {
    const list = [...(files ?? [])];
    const json = list.find((f) => f.name.endsWith('.json'));
    const bin = list.find((f) => f.name.endsWith('.bin'));
    if (!json || !bin) {
      setMessage({ kind: 'error', text: `Choose both files of an exported encoder: the .json and the .weights.bin (got ${list.map((f) => f.name).join(', ') || 'nothing'}).` });
      return;
    }
    const parsed = parseEncoderModel(await json.text(), await bin.arrayBuffer());
    if (!parsed.ok) { setMessage({ kind: 'error', text: `${json.name}: ${parsed.error}` }); return; }
    const t = parsed.topology;
    const target = datasetRefOf(draftDataset);
    const description = `${t.methodId}, width ${t.encoder.width}, ${t.steps} steps on ${t.trainedOn.name}`;
    useAppStore.getState().evaluateImported({ description, trainedBy: t.methodId, layout: layoutOf(t.encoder), weights: parsed.weights }, `Imported ${json.name.replace(/\.json$/, '')} on ${target.name}`);
    setMessage({ kind: 'ok', text: `Evaluating ${json.name} (${description}) on ${target.name}.` });
    onEvaluate();
  };
  return (
    <section className="import-encoder" aria-label="Import an encoder">
      <h3>Evaluate an exported encoder</h3>
      <p className="muted">Pick the model .json and its .weights.bin (from a run's “Model” export). Its frozen features are scored by kNN and the linear probe on the dataset chosen in the setup panel.</p>
      <label htmlFor={inputId} className="file-button">Choose model files…</label>
      <input id={inputId} className="visually-hidden" type="file" multiple accept=".json,.bin" data-testid="import-encoder-input"
        onChange={(e) => { void onFiles(e.target.files); e.target.value = ''; }} />
      {message && <p className={message.kind === 'error' ? 'error' : 'muted'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="import-encoder-message">{message.text}</p>}
    </section>
  );
}

export function HistoryPanel({ onOpen, onEvaluate }: { onOpen: () => void; onEvaluate: () => void }) {
  const history = useAppStore((s) => s.history);
  const openIds = useAppStore((s) => s.runs.map((r) => r.id).join(','));
  const draftDataset = useAppStore((s) => s.draft.datasetId);
  const { refreshHistory, openFromHistory, renameInHistory, deleteFromHistory, evaluateFromHistory } = useAppStore.getState();
  const [error, setError] = useState<string | null>(null);
  const target = datasetRefOf(draftDataset).name;
  useEffect(() => { void refreshHistory(); }, [refreshHistory]);
  const attempt = async (f: () => Promise<void>) => { try { setError(null); await f(); } catch (e) { setError(e instanceof Error ? e.message : String(e)); } };

  return (
    <div className="history-panel" data-testid="history-panel">
      <section aria-label="Run history">
        <h2>History</h2>
        <p className="muted">Every finished run is kept in this browser (config, metrics, final embeddings, trained encoder), nothing is uploaded.</p>
        <StorageLine />
        {(history.error || error) && <p className="error" role="alert" data-testid="history-error">{error ?? history.error}</p>}
        {!history.loaded ? <p className="muted">Reading history… <progress aria-label="Reading history" /></p>
          : history.entries.length === 0 ? <p className="muted" data-testid="history-empty">No runs kept yet.</p> : (
          <table className="results-table history-table" data-testid="history-table">
            <thead><tr><th>Name</th><th>When</th><th>Method</th><th>Dataset</th><th>Steps</th><th>kNN / linear</th><th>Size</th><th>Actions</th></tr></thead>
            <tbody>
              {history.entries.map((e) => {
                const last = e.evals[e.evals.length - 1];
                return (
                  <tr key={e.id} data-testid="history-row" data-run-name={e.name}>
                    <td>
                      <input className="run-name" aria-label={`Rename ${e.name}`} defaultValue={e.name} key={e.name} data-testid="history-name"
                        onBlur={(ev) => { if (ev.target.value.trim() !== e.name) void attempt(() => renameInHistory(e.id, ev.target.value)); }}
                        onKeyDown={(ev) => { if (ev.key === 'Enter') ev.currentTarget.blur(); }} />
                    </td>
                    <td>{new Date(e.createdAt).toLocaleString()}</td>
                    <td data-testid="history-method">{e.config ? METHOD_SPECS[e.config.methodId]?.label ?? e.config.methodId : e.imported ? `imported (${METHOD_SPECS[e.imported.trainedBy as MethodId]?.label ?? e.imported.trainedBy})` : ''}</td>
                    <td>{e.dataset.name}</td>
                    <td>{e.steps} ({e.status})</td>
                    <td>{pct(last?.knnTop1)} / {pct(last?.linearTop1)}</td>
                    <td>{mb(e.bytes)}</td>
                    <td className="row-actions">
                      <button type="button" className="secondary small" data-testid="history-open" onClick={() => void attempt(async () => { await openFromHistory(e.id); onOpen(); })}>
                        {openIds.includes(e.id) ? 'Show' : 'Open in Compare'}
                      </button>
                      {e.hasEncoder && (
                        <button type="button" className="secondary small" data-testid="history-evaluate"
                          title={`Score this run's frozen encoder by kNN and the linear probe on ${target} (the dataset chosen in the setup panel)`}
                          onClick={() => void attempt(async () => { await evaluateFromHistory(e.id); onEvaluate(); })}>
                          Evaluate encoder on {target}
                        </button>
                      )}
                      <button type="button" className="danger small" data-testid="history-delete" onClick={() => { if (window.confirm(`Delete "${e.name}" from history? This cannot be undone.`)) void attempt(() => deleteFromHistory(e.id)); }}>Delete</button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <ImportEncoder onEvaluate={onEvaluate} />
    </div>
  );
}
