import { useEffect, useId, useRef, useState } from 'react';
import { BUILTIN_DATASETS } from '../data/catalog';
import type { DatasetSummary, ThumbnailRow } from '../data/summary';
import { itemsFromDrop, itemsFromInput } from '../importer/collectFiles';
import { useDataStore, WEBCAM_SECONDS } from '../store/dataStore';
import { isActive, useAppStore, useFocusedRun } from '../store/runStore';
import { ImageStrip } from './ImageStrip';

const INPUT_SIZES = [16, 24, 28, 32, 48, 64, 96];

/** One image from each of the first rows: a card's strip of examples. */
function sampleStrip(rows: ThumbnailRow[] | undefined, max = 8): ThumbnailRow | null {
  if (!rows?.length) return null;
  const picked = rows.slice(0, max);
  const { height, width } = picked[0];
  const bytes = height * width * 4;
  const rgba = new Uint8ClampedArray(picked.length * bytes);
  picked.forEach((r, i) => rgba.set(r.rgba.subarray(0, bytes), i * bytes));
  return { caption: '', count: picked.length, height, width, rgba };
}

function countsLine(s: DatasetSummary | undefined): string {
  if (!s) return '';
  if (s.kind === 'video' && s.video) {
    return `${s.video.clips} videos, ${s.video.frames} frames at ${s.video.fps} fps${s.video.maxViews > 1 ? `, ${s.video.maxViews} views` : ''} · ${s.classNames.length} classes · ${s.height} px`;
  }
  return `${s.trainCount} train / ${s.testCount} held-out images · ${s.classNames.length} classes · ${s.height} px`;
}

function DatasetCard({ id, name, summary, thumbnails, status, selected, disabled }: {
  id: string; name: string; summary?: DatasetSummary; thumbnails?: ThumbnailRow[]; status: string; selected: boolean; disabled: boolean;
}) {
  const strip = sampleStrip(thumbnails);
  return (
    <button
      type="button" className={`dataset-card${selected ? ' selected' : ''}`} aria-pressed={selected} disabled={disabled}
      data-testid={`dataset-card-${id}`} onClick={() => useAppStore.getState().setDataset(id)}
    >
      <span className="dataset-card-name">{name}</span>
      <span className="dataset-card-counts">{status === 'ready' ? countsLine(summary) : status}</span>
      {strip && <ImageStrip row={strip} scale={1} />}
    </button>
  );
}

function DatasetList() {
  const builtins = useDataStore((s) => s.builtins);
  const users = useDataStore((s) => s.userDatasets);
  const selected = useAppStore((s) => s.draft.datasetId);
  const locked = isActive(useFocusedRun((r) => r.phase));
  return (
    <div className="dataset-list" role="group" aria-label="Datasets">
      {BUILTIN_DATASETS.map((d) => {
        const b = builtins[d.id];
        return (
          <DatasetCard key={d.id} id={d.id} name={d.name} summary={b?.summary} thumbnails={b?.thumbnails} selected={selected === d.id} disabled={locked}
            status={b?.status === 'failed' ? `could not be loaded: ${b.error}` : b?.status === 'ready' ? 'ready' : 'generating preview…'} />
        );
      })}
      {users.map((u) => (
        <DatasetCard key={u.id} id={u.id} name={`${u.summary.name}${u.cached ? '' : ' (not cached)'}`} summary={u.summary} thumbnails={u.thumbnails}
          status="ready" selected={selected === u.id} disabled={locked} />
      ))}
    </div>
  );
}

function ImportProgress() {
  const job = useDataStore((s) => s.job);
  if (!job) return null;
  return (
    <div className="import-progress" data-testid="import-progress" role="status">
      <div className="status-line">
        <strong>{job.stage}</strong>{job.total > 0 && ` · ${job.done} of ${job.total}`} <span className="muted">{job.current}</span>
      </div>
      <progress max={job.total || 1} value={job.total ? job.done : undefined} aria-label="Import progress" />
      <button type="button" className="danger" data-testid="import-cancel" onClick={() => useDataStore.getState().cancelImport()}>Cancel import</button>
    </div>
  );
}

function ImportReportView() {
  const report = useDataStore((s) => s.report);
  if (!report) return null;
  const cls = report.status === 'loaded' ? 'ok' : report.status === 'cancelled' ? 'warning' : 'error';
  return (
    <div className={`import-report ${cls}`} data-testid="import-report" data-status={report.status} role={report.status === 'failed' ? 'alert' : 'status'}>
      <div>{report.message}</div>
      {report.status === 'loaded' && (
        <div className="muted" data-testid="decode-speed">
          {report.imagesPerSecond > 0 && `Images decoded at ${report.imagesPerSecond.toFixed(0)} per second. `}
          {report.framesPerSecond > 0 && `Video frames decoded at ${report.framesPerSecond.toFixed(1)} per second.`}
        </div>
      )}
      {report.warnings.length > 0 && <ul className="import-warnings" data-testid="import-warnings">{report.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
      {report.skipped.length > 0 && (
        <details data-testid="skipped-files">
          <summary>{report.skipped.length} file{report.skipped.length === 1 ? '' : 's'} skipped</summary>
          <ul data-testid="skipped-list">{report.skipped.slice(0, 500).map((s) => <li key={s.path}><code>{s.path}</code>: {s.reason}</li>)}</ul>
          {report.skipped.length > 500 && <p className="muted">…and {report.skipped.length - 500} more.</p>}
        </details>
      )}
    </div>
  );
}

function ImportArea() {
  const settings = useDataStore((s) => s.settings);
  const webcamSeconds = useDataStore((s) => s.webcamSeconds);
  const job = useDataStore((s) => s.job);
  const locked = isActive(useFocusedRun((r) => r.phase));
  const [over, setOver] = useState(false);
  const camera = useRef<HTMLVideoElement>(null);
  const ids = { size: useId(), fps: useId(), max: useId(), sync: useId(), seconds: useId() };
  const { setSettings, setWebcamSeconds } = useDataStore.getState();
  const busy = job !== null || locked;

  const afterImport = async (pending: Promise<string[]>) => {
    const added = await pending;
    if (added.length > 0) useAppStore.getState().setDataset(added[0]);
  };
  const onFiles = (input: HTMLInputElement) => {
    const items = itemsFromInput(input.files ?? []);
    input.value = ''; // choosing the same files again must fire change again
    void afterImport(useDataStore.getState().importFiles(items));
  };

  return (
    <div className="import-area">
      <div
        className={`drop-zone${over ? ' over' : ''}`} data-testid="drop-zone" aria-label="Drop zone for image folders, zip archives and videos"
        onDragOver={(e) => { e.preventDefault(); if (!busy) { e.dataTransfer.dropEffect = 'copy'; setOver(true); } }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (busy) return;
          void afterImport(useDataStore.getState().importFiles(itemsFromDrop(e.dataTransfer)));
        }}
      >
        <p><strong>Drop a folder of images, a .zip of one, or videos here.</strong></p>
        <p className="muted">Subfolders name the classes; loose images are unlabelled. Nothing leaves this computer.</p>
        <div className="file-buttons">
          <label className={`file-button${busy ? ' disabled' : ''}`}>
            Choose files…
            <input type="file" multiple accept="image/*,video/*,.zip,application/zip" className="visually-hidden" data-testid="file-input" disabled={busy} onChange={(e) => onFiles(e.currentTarget)} />
          </label>
          <label className={`file-button${busy ? ' disabled' : ''}`}>
            Choose a folder…
            <input type="file" className="visually-hidden" data-testid="folder-input" disabled={busy} onChange={(e) => onFiles(e.currentTarget)}
              ref={(el) => { if (el) { el.setAttribute('webkitdirectory', ''); el.setAttribute('directory', ''); } }} />
          </label>
        </div>
      </div>
      <fieldset className="import-settings" disabled={busy}>
        <legend>Decoding</legend>
        <div className="param">
          <label htmlFor={ids.size}>Input size (px, square)</label>
          <select id={ids.size} data-testid="import-size" value={settings.size} onChange={(e) => setSettings({ size: Number(e.target.value) })}>
            {INPUT_SIZES.map((s) => <option key={s} value={s}>{s} x {s}</option>)}
          </select>
        </div>
        <div className="param">
          <label htmlFor={ids.fps}>Video frames per second</label>
          <input id={ids.fps} type="number" min={1} max={30} step={1} data-testid="import-fps" value={settings.fps}
            onChange={(e) => setSettings({ fps: Math.max(1, Math.min(30, Number(e.target.value) || 1)) })} />
        </div>
        <div className="param">
          <label htmlFor={ids.max}>Most frames per video</label>
          <input id={ids.max} type="number" min={2} max={1000} step={1} data-testid="import-max-frames" value={settings.maxFramesPerVideo}
            onChange={(e) => setSettings({ maxFramesPerVideo: Math.max(2, Math.min(1000, Number(e.target.value) || 2)) })} />
        </div>
        <div className="param checkbox">
          <input id={ids.sync} type="checkbox" data-testid="import-sync" checked={settings.synchronised} onChange={(e) => setSettings({ synchronised: e.target.checked })} />
          <label htmlFor={ids.sync}>The videos are synchronised views of one scene (cut to the shortest)</label>
        </div>
        <div className="param">
          <label htmlFor={ids.seconds}>Webcam clip length (s)</label>
          <input id={ids.seconds} type="number" min={WEBCAM_SECONDS.min} max={WEBCAM_SECONDS.max} value={webcamSeconds}
            onChange={(e) => setWebcamSeconds(Math.max(WEBCAM_SECONDS.min, Math.min(WEBCAM_SECONDS.max, Number(e.target.value) || WEBCAM_SECONDS.default)))} />
        </div>
        <button type="button" className="secondary" data-testid="webcam-button" onClick={() => void afterImport(useDataStore.getState().recordWebcam(camera.current ?? undefined))}>
          Record a webcam clip
        </button>
      </fieldset>
      <video ref={camera} className="camera" hidden={job?.kind !== 'webcam'} aria-label="Webcam preview" muted playsInline />
      <ImportProgress />
      <ImportReportView />
    </div>
  );
}

/** Forgetting a dropped dataset deletes it from this browser: it asks first, in place. */
function ForgetDataset({ id, name, images, locked, onForgotten }: { id: string; name: string; images: number; locked: boolean; onForgotten: (message: string) => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="danger" data-testid="forget-dataset" disabled={locked}
        title={locked ? 'A run is using the datasets: stop it first' : undefined} onClick={() => setAsking(true)}>
        Forget this dataset
      </button>
    );
  }
  const forget = () => {
    setAsking(false);
    useAppStore.getState().setDataset('shapes');
    useDataStore.getState().forget(id).then(
      () => onForgotten(`Forgot "${name}": its ${images} images are deleted from this browser (runs in History keep their results). Drop its files again to use it. The setup panel now uses Colour shapes.`),
      (e: unknown) => onForgotten(`Could not delete "${name}" from this browser's storage: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  return (
    <div className="forget-confirm" role="group" aria-label="Forget this dataset?" data-testid="forget-confirm">
      Delete "{name}" ({images} images) from this browser? This cannot be undone; you would drop its files again.{' '}
      <button type="button" className="danger" data-testid="forget-dataset-confirm" disabled={locked} onClick={forget}>Forget it</button>{' '}
      <button type="button" className="secondary" data-testid="forget-dataset-cancel" onClick={() => setAsking(false)}>Cancel</button>
    </div>
  );
}

function DatasetDetails({ onForgotten }: { onForgotten: (message: string) => void }) {
  const id = useAppStore((s) => s.draft.datasetId);
  const builtin = useDataStore((s) => s.builtins[id]);
  const user = useDataStore((s) => s.userDatasets.find((u) => u.id === id));
  const locked = isActive(useFocusedRun((r) => r.phase));
  const summary = user?.summary ?? builtin?.summary;
  const thumbnails = user?.thumbnails ?? builtin?.thumbnails;
  if (!summary) {
    return <div className="dataset-details muted" data-testid="dataset-summary">{builtin?.status === 'failed' ? builtin.error : 'Preparing the summary…'}</div>;
  }
  return (
    <div className="dataset-details" data-testid="dataset-summary" data-dataset={summary.id}>
      <h3>{summary.name}</h3>
      <dl className="summary-grid">
        <dt>Input size</dt><dd data-testid="summary-size">{summary.height} x {summary.width} x {summary.channels === 1 ? '1 (grayscale)' : '3 (RGB)'}</dd>
        <dt>Images for training / held out</dt><dd data-testid="summary-images">{summary.trainCount} / {summary.testCount}{summary.kind === 'video' ? ' (frames)' : ''}</dd>
        <dt>Unlabelled</dt><dd data-testid="summary-unlabelled">{summary.unlabelled}</dd>
        {summary.video && (
          <>
            <dt>Videos</dt>
            <dd data-testid="summary-videos">{summary.video.clips} videos in {summary.video.scenes} scene{summary.video.scenes === 1 ? '' : 's'} (up to {summary.video.maxViews} view{summary.video.maxViews === 1 ? '' : 's'}), {summary.video.frames} frames at {summary.video.fps} fps</dd>
          </>
        )}
        <dt>Fingerprint</dt><dd><code data-testid="summary-fingerprint" title={summary.fingerprint}>{summary.fingerprint.slice(0, 16)}</code></dd>
        <dt>Source</dt><dd>{summary.source}</dd>
      </dl>
      {summary.classNames.length > 0 ? (
        <table className="class-table" data-testid="class-counts">
          <thead><tr><th scope="col">Class</th><th scope="col">Train</th><th scope="col">Held out</th></tr></thead>
          <tbody>{summary.perClass.map((c) => <tr key={c.name} data-class={c.name}><td>{c.name}</td><td>{c.train}</td><td>{c.test}</td></tr>)}</tbody>
        </table>
      ) : <p className="muted" data-testid="class-counts">No classes: every image is unlabelled (put images in one subfolder per class to label them). kNN accuracy needs labels.</p>}
      {summary.video && summary.video.tooShort.length > 0 && (
        <ul className="import-warnings" data-testid="too-short">{summary.video.tooShort.map((t) => <li key={t}>{t}</li>)}</ul>
      )}
      {user && user.notes.warnings.length > 0 && <ul className="import-warnings">{user.notes.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
      {summary.video && (
        <details>
          <summary>Videos ({summary.video.clips})</summary>
          <table className="class-table" data-testid="clip-table">
            <thead><tr><th scope="col">Video</th><th scope="col">Class</th><th scope="col">Scene / view</th><th scope="col">Frames</th><th scope="col">Seconds</th></tr></thead>
            <tbody>{summary.video.clipList.slice(0, 200).map((c) => (
              <tr key={`${c.scene}-${c.view}-${c.name}`}><td>{c.name}</td><td>{c.label ?? '—'}</td><td>{c.scene + 1} / {c.view + 1}</td><td>{c.frames}</td><td>{c.seconds.toFixed(1)}</td></tr>
            ))}</tbody>
          </table>
        </details>
      )}
      <div className="dataset-preview" data-testid="dataset-preview" aria-label="Preview grid">
        {thumbnails?.map((row) => <ImageStrip key={row.caption} row={row} scale={2} />)}
      </div>
      {user && <ForgetDataset id={user.id} name={summary.name} images={summary.trainCount + summary.testCount} locked={locked} onForgotten={onForgotten} />}
    </div>
  );
}

export function DataPanel() {
  useEffect(() => { void useDataStore.getState().init(); }, []);
  const [forgotten, setForgotten] = useState<string | null>(null);
  return (
    <section className="data-panel" aria-label="Data">
      {forgotten && (
        <div className="notice forgotten" role="status" data-testid="forgotten-message">
          {forgotten}{' '}<button type="button" className="secondary small" aria-label="Dismiss" onClick={() => setForgotten(null)}>×</button>
        </div>
      )}
      <DatasetList />
      <div className="data-columns">
        <ImportArea />
        <DatasetDetails onForgotten={setForgotten} />
      </div>
    </section>
  );
}

