import { useEffect, useId, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { BUILTIN_DATASETS, isBuiltinDatasetId } from '../data/catalog';
import type { DatasetSummary, ThumbnailRow } from '../data/summary';
import { datasetName } from '../i18n/content';
import { formatFixed } from '../i18n/format';
import { useText } from '../i18n/render';
import { itemsFromDrop, itemsFromInput } from '../importer/collectFiles';
import { useDataStore, WEBCAM_SECONDS } from '../store/dataStore';
import { isActive, useAppStore, useFocusedRun } from '../store/runStore';
import { text, type Text } from '../shared/text';
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

function countsLine(t: TFunction, s: DatasetSummary | undefined): string {
  if (!s) return '';
  const common = { classes: s.classNames.length, size: s.height };
  if (s.kind === 'video' && s.video) {
    const video = { clips: s.video.clips, frames: s.video.frames, fps: s.video.fps, ...common };
    return s.video.maxViews > 1 ? t('data.list.countsVideoViews', { ...video, views: s.video.maxViews }) : t('data.list.countsVideo', video);
  }
  return t('data.list.countsImages', { train: s.trainCount, test: s.testCount, ...common });
}

/** `status` is null when the dataset is ready (the card shows its counts). */
function DatasetCard({ id, name, summary, thumbnails, status, selected, disabled }: {
  id: string; name: string; summary?: DatasetSummary; thumbnails?: ThumbnailRow[]; status: string | null; selected: boolean; disabled: boolean;
}) {
  const { t } = useTranslation();
  const strip = sampleStrip(thumbnails);
  return (
    <button
      type="button" className={`dataset-card${selected ? ' selected' : ''}`} aria-pressed={selected} disabled={disabled}
      data-testid={`dataset-card-${id}`} onClick={() => useAppStore.getState().setDataset(id)}
    >
      <span className="dataset-card-name">{name}</span>
      <span className="dataset-card-counts">{status ?? countsLine(t, summary)}</span>
      {strip && <ImageStrip row={strip} scale={1} />}
    </button>
  );
}

function DatasetList() {
  const { t } = useTranslation();
  const tx = useText();
  const builtins = useDataStore((s) => s.builtins);
  const users = useDataStore((s) => s.userDatasets);
  const selected = useAppStore((s) => s.draft.datasetId);
  const locked = isActive(useFocusedRun((r) => r.phase));
  return (
    <div className="dataset-list" role="group" aria-label={t('data.list.ariaLabel')}>
      {BUILTIN_DATASETS.map((d) => {
        const b = builtins[d.id];
        return (
          <DatasetCard key={d.id} id={d.id} name={datasetName(d.id)} summary={b?.summary} thumbnails={b?.thumbnails} selected={selected === d.id} disabled={locked}
            status={b?.status === 'failed' ? t('data.list.failed', { error: tx(b.error ?? '') }) : b?.status === 'ready' ? null : t('data.list.generating')} />
        );
      })}
      {users.map((u) => (
        <DatasetCard key={u.id} id={u.id} name={u.cached ? u.summary.name : t('data.list.notCached', { name: u.summary.name })} summary={u.summary} thumbnails={u.thumbnails}
          status={null} selected={selected === u.id} disabled={locked} />
      ))}
    </div>
  );
}

function ImportProgress() {
  const { t } = useTranslation();
  const tx = useText();
  const job = useDataStore((s) => s.job);
  if (!job) return null;
  return (
    <div className="import-progress" data-testid="import-progress" role="status">
      <div className="status-line">
        <strong>{tx(job.stage)}</strong>{job.total > 0 && t('data.progress.count', { done: job.done, total: job.total })} <span className="muted" data-user-text>{tx(job.current)}</span>
      </div>
      <progress max={job.total || 1} value={job.total ? job.done : undefined} aria-label={t('data.progress.ariaLabel')} />
      <button type="button" className="danger" data-testid="import-cancel" onClick={() => useDataStore.getState().cancelImport()}>{t('data.progress.cancel')}</button>
    </div>
  );
}

function ImportReportView() {
  const { t } = useTranslation();
  const tx = useText();
  const report = useDataStore((s) => s.report);
  if (!report) return null;
  const cls = report.status === 'loaded' ? 'ok' : report.status === 'cancelled' ? 'warning' : 'error';
  const speeds = [
    report.imagesPerSecond > 0 ? t('data.report.imagesSpeed', { rate: formatFixed(report.imagesPerSecond, 0) }) : '',
    report.framesPerSecond > 0 ? t('data.report.framesSpeed', { rate: formatFixed(report.framesPerSecond, 1) }) : '',
  ].filter(Boolean).join(' ');
  return (
    <div className={`import-report ${cls}`} data-testid="import-report" data-status={report.status} role={report.status === 'failed' ? 'alert' : 'status'}>
      <div>{report.messages.map(tx).join(' ')}</div>
      {report.status === 'loaded' && <div className="muted" data-testid="decode-speed">{speeds}</div>}
      {report.warnings.length > 0 && <ul className="import-warnings" data-testid="import-warnings">{report.warnings.map((w, i) => <li key={i}>{tx(w)}</li>)}</ul>}
      {report.skipped.length > 0 && (
        <details data-testid="skipped-files">
          <summary>{t('data.report.skipped', { count: report.skipped.length })}</summary>
          <ul data-testid="skipped-list">{report.skipped.slice(0, 500).map((s) => <li key={s.path}><code>{s.path}</code>: {tx(s.reason)}</li>)}</ul>
          {report.skipped.length > 500 && <p className="muted">{t('data.report.more', { count: report.skipped.length - 500 })}</p>}
        </details>
      )}
    </div>
  );
}

function ImportArea() {
  const { t } = useTranslation();
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
        className={`drop-zone${over ? ' over' : ''}`} data-testid="drop-zone" aria-label={t('data.dropZone.ariaLabel')}
        onDragOver={(e) => { e.preventDefault(); if (!busy) { e.dataTransfer.dropEffect = 'copy'; setOver(true); } }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (busy) return;
          void afterImport(useDataStore.getState().importFiles(itemsFromDrop(e.dataTransfer)));
        }}
      >
        <p><strong>{t('data.dropZone.title')}</strong></p>
        <p className="muted">{t('data.dropZone.hint')}</p>
        <div className="file-buttons">
          <label className={`file-button${busy ? ' disabled' : ''}`}>
            {t('data.dropZone.chooseFiles')}
            <input type="file" multiple accept="image/*,video/*,.zip,application/zip" className="visually-hidden" data-testid="file-input" disabled={busy} onChange={(e) => onFiles(e.currentTarget)} />
          </label>
          <label className={`file-button${busy ? ' disabled' : ''}`}>
            {t('data.dropZone.chooseFolder')}
            <input type="file" className="visually-hidden" data-testid="folder-input" disabled={busy} onChange={(e) => onFiles(e.currentTarget)}
              ref={(el) => { if (el) { el.setAttribute('webkitdirectory', ''); el.setAttribute('directory', ''); } }} />
          </label>
        </div>
      </div>
      <fieldset className="import-settings" disabled={busy}>
        <legend>{t('data.decoding.legend')}</legend>
        <div className="param">
          <label htmlFor={ids.size}>{t('data.decoding.size')}</label>
          <select id={ids.size} data-testid="import-size" value={settings.size} onChange={(e) => setSettings({ size: Number(e.target.value) })}>
            {INPUT_SIZES.map((s) => <option key={s} value={s}>{s} x {s}</option>)}
          </select>
        </div>
        <div className="param">
          <label htmlFor={ids.fps}>{t('data.decoding.fps')}</label>
          <input id={ids.fps} type="number" min={1} max={30} step={1} data-testid="import-fps" value={settings.fps}
            onChange={(e) => setSettings({ fps: Math.max(1, Math.min(30, Number(e.target.value) || 1)) })} />
        </div>
        <div className="param">
          <label htmlFor={ids.max}>{t('data.decoding.maxFrames')}</label>
          <input id={ids.max} type="number" min={2} max={1000} step={1} data-testid="import-max-frames" value={settings.maxFramesPerVideo}
            onChange={(e) => setSettings({ maxFramesPerVideo: Math.max(2, Math.min(1000, Number(e.target.value) || 2)) })} />
        </div>
        <div className="param checkbox">
          <input id={ids.sync} type="checkbox" data-testid="import-sync" checked={settings.synchronised} onChange={(e) => setSettings({ synchronised: e.target.checked })} />
          <label htmlFor={ids.sync}>{t('data.decoding.synchronised')}</label>
        </div>
        <div className="param">
          <label htmlFor={ids.seconds}>{t('data.decoding.webcamSeconds')}</label>
          <input id={ids.seconds} type="number" min={WEBCAM_SECONDS.min} max={WEBCAM_SECONDS.max} value={webcamSeconds}
            onChange={(e) => setWebcamSeconds(Math.max(WEBCAM_SECONDS.min, Math.min(WEBCAM_SECONDS.max, Number(e.target.value) || WEBCAM_SECONDS.default)))} />
        </div>
        <button type="button" className="secondary" data-testid="webcam-button" onClick={() => void afterImport(useDataStore.getState().recordWebcam(camera.current ?? undefined))}>
          {t('data.decoding.webcam')}
        </button>
      </fieldset>
      <video ref={camera} className="camera" hidden={job?.kind !== 'webcam'} aria-label={t('data.decoding.webcamPreview')} muted playsInline />
      <ImportProgress />
      <ImportReportView />
    </div>
  );
}

/** Forgetting a dropped dataset deletes it from this browser: it asks first, in place. */
function ForgetDataset({ id, name, images, locked, onForgotten }: { id: string; name: string; images: number; locked: boolean; onForgotten: (message: Text) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="danger" data-testid="forget-dataset" disabled={locked}
        title={locked ? t('data.forget.locked') : undefined} onClick={() => setAsking(true)}>
        {t('data.forget.button')}
      </button>
    );
  }
  const forget = () => {
    setAsking(false);
    useAppStore.getState().setDataset('shapes');
    useDataStore.getState().forget(id).then(
      () => onForgotten(text('data.forget.done', { name, images })),
      (e: unknown) => onForgotten(text('data.forget.failed', { name, error: e instanceof Error ? e.message : String(e) })),
    );
  };
  return (
    <div className="forget-confirm" role="group" aria-label={t('data.forget.ariaLabel')} data-testid="forget-confirm">
      {t('data.forget.confirm', { name, images })}{' '}
      <button type="button" className="danger" data-testid="forget-dataset-confirm" disabled={locked} onClick={forget}>{t('data.forget.forgetIt')}</button>{' '}
      <button type="button" className="secondary" data-testid="forget-dataset-cancel" onClick={() => setAsking(false)}>{t('data.forget.cancel')}</button>
    </div>
  );
}

function DatasetDetails({ onForgotten }: { onForgotten: (message: Text) => void }) {
  const { t } = useTranslation();
  const tx = useText();
  const id = useAppStore((s) => s.draft.datasetId);
  const builtin = useDataStore((s) => s.builtins[id]);
  const user = useDataStore((s) => s.userDatasets.find((u) => u.id === id));
  const locked = isActive(useFocusedRun((r) => r.phase));
  const summary = user?.summary ?? builtin?.summary;
  const thumbnails = user?.thumbnails ?? builtin?.thumbnails;
  if (!summary) {
    return <div className="dataset-details muted" data-testid="dataset-summary">{builtin?.status === 'failed' ? tx(builtin.error ?? '') : t('data.details.preparing')}</div>;
  }
  const builtinId = isBuiltinDatasetId(summary.id);
  return (
    <div className="dataset-details" data-testid="dataset-summary" data-dataset={summary.id}>
      {/* A dropped dataset's name is the user's (its folder's): it stays as it is. */}
      <h3 data-user-text={builtinId ? undefined : ''}>{builtinId ? datasetName(summary.id) : summary.name}</h3>
      <dl className="summary-grid">
        <dt>{t('data.details.inputSize')}</dt><dd data-testid="summary-size">{summary.height} x {summary.width} x {summary.channels === 1 ? t('data.details.grayscale') : t('data.details.rgb')}</dd>
        <dt>{t('data.details.images')}</dt><dd data-testid="summary-images">{summary.trainCount} / {summary.testCount}{summary.kind === 'video' ? t('data.details.frames') : ''}</dd>
        <dt>{t('data.details.unlabelled')}</dt><dd data-testid="summary-unlabelled">{summary.unlabelled}</dd>
        {summary.video && (
          <>
            <dt>{t('data.details.videos')}</dt>
            <dd data-testid="summary-videos">{t('data.details.videosValue', {
              clips: summary.video.clips, frames: summary.video.frames, fps: summary.video.fps,
              scenes: t('data.details.scenes', { count: summary.video.scenes }), views: t('data.details.views', { count: summary.video.maxViews }),
            })}</dd>
          </>
        )}
        <dt>{t('data.details.fingerprint')}</dt><dd data-user-text><code data-testid="summary-fingerprint" title={summary.fingerprint}>{summary.fingerprint.slice(0, 16)}</code></dd>
        <dt>{t('data.details.source')}</dt><dd>{tx(summary.source)}</dd>
      </dl>
      {summary.classNames.length > 0 ? (
        <table className="class-table" data-testid="class-counts">
          <thead><tr><th scope="col">{t('data.details.classColumn')}</th><th scope="col">{t('data.details.trainColumn')}</th><th scope="col">{t('data.details.heldOutColumn')}</th></tr></thead>
          {/* Class names are the dataset's own labels (a dropped folder's subfolders): they stay as they are. */}
          <tbody>{summary.perClass.map((c) => <tr key={c.name} data-class={c.name}><td data-user-text>{c.name}</td><td>{c.train}</td><td>{c.test}</td></tr>)}</tbody>
        </table>
      ) : <p className="muted" data-testid="class-counts">{t('data.details.noClasses')}</p>}
      {summary.video && summary.video.tooShort.length > 0 && (
        <ul className="import-warnings" data-testid="too-short">{summary.video.tooShort.map((line, i) => <li key={i}>{tx(line)}</li>)}</ul>
      )}
      {user && user.notes.warnings.length > 0 && <ul className="import-warnings">{user.notes.warnings.map((w, i) => <li key={i}>{tx(w)}</li>)}</ul>}
      {summary.video && (
        <details>
          <summary>{t('data.details.clipsSummary', { count: summary.video.clips })}</summary>
          <table className="class-table" data-testid="clip-table">
            <thead><tr>
              <th scope="col">{t('data.details.videoColumn')}</th><th scope="col">{t('data.details.classColumn')}</th><th scope="col">{t('data.details.sceneViewColumn')}</th>
              <th scope="col">{t('data.details.framesColumn')}</th><th scope="col">{t('data.details.secondsColumn')}</th>
            </tr></thead>
            <tbody>{summary.video.clipList.slice(0, 200).map((c) => (
              <tr key={`${c.scene}-${c.view}-${c.name}`}>
                <td data-user-text>{c.name}</td><td data-user-text>{c.label ?? '—'}</td><td>{c.scene + 1} / {c.view + 1}</td><td>{c.frames}</td><td>{formatFixed(c.seconds, 1)}</td>
              </tr>
            ))}</tbody>
          </table>
        </details>
      )}
      <div className="dataset-preview" data-testid="dataset-preview" aria-label={t('data.details.previewGrid')}>
        {thumbnails?.map((row, i) => <ImageStrip key={i} row={row} scale={2} />)}
      </div>
      {user && <ForgetDataset id={user.id} name={summary.name} images={summary.trainCount + summary.testCount} locked={locked} onForgotten={onForgotten} />}
    </div>
  );
}

export function DataPanel() {
  const { t } = useTranslation();
  const tx = useText();
  useEffect(() => { void useDataStore.getState().init(); }, []);
  const [forgotten, setForgotten] = useState<Text | null>(null);
  return (
    <section className="data-panel" aria-label={t('data.panel.ariaLabel')}>
      {forgotten && (
        <div className="notice forgotten" role="status" data-testid="forgotten-message">
          {tx(forgotten)}{' '}<button type="button" className="secondary small" aria-label={t('data.panel.dismiss')} onClick={() => setForgotten(null)}>×</button>
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

