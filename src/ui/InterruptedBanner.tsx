import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFixed, formatInteger } from '../i18n/format';
import { useText } from '../i18n/render';
import type { BackendPreference } from '../shared/config';
import { useAppStore, useFocusedRun } from '../store/runStore';
import { BACKEND_OPTIONS } from './backendOptions';

/**
 * What the focused run needs of the user when it did not end as it should: an interrupted run
 * (crash, lost GPU device, reload) offers to resume from its newest checkpoint or to discard it;
 * a run whose worker stopped answering offers to stop it (keeping what it recorded) or to resume
 * it from its last checkpoint in a new worker.
 */
/** Seconds as the alert says them: one decimal under 10 s. */
export const seconds = (ms: number) => (ms < 10_000 ? formatFixed(ms / 1000, 1) : formatInteger(Math.round(ms / 1000)));

export function InterruptedBanner() {
  const { t } = useTranslation();
  const tx = useText();
  const id = useFocusedRun((r) => r.id);
  const name = useFocusedRun((r) => r.name);
  const phase = useFocusedRun((r) => r.phase);
  const interruption = useFocusedRun((r) => r.interruption);
  const checkpointStep = useFocusedRun((r) => r.checkpoint?.step ?? null);
  const step = useFocusedRun((r) => r.points[r.points.length - 1]?.step ?? 0);
  const stalled = useFocusedRun((r) => r.stalled);
  const asked = useFocusedRun((r) => r.config?.backend ?? 'auto');
  // The backend to resume on: the run's own until the user picks another.
  const [chosen, setChosen] = useState<{ id: string; backend: BackendPreference } | null>(null);
  const resumeOn = chosen?.id === id ? chosen.backend : asked;
  const { resumeRun, discardRun, stopUnanswering, resumeUnanswering } = useAppStore.getState();

  if (phase === 'interrupted') {
    // Step numbers ungrouped, as the Steps input and the status line write them.
    const from = checkpointStep ?? 0;
    return (
      <div className="interrupted" role="alert" aria-labelledby={`interrupted-${id}`} data-testid="interrupted-banner" data-cause={interruption?.cause}>
        <p id={`interrupted-${id}`}>
          <strong>{t('app.interrupted.title', { step })}</strong> {interruption && tx(interruption.message)}
        </p>
        <p className="muted">
          {checkpointStep === null
            ? t('app.interrupted.noCheckpoint')
            : step > checkpointStep
              ? t('app.interrupted.fromCheckpointAgain', { step: checkpointStep, from: checkpointStep + 1, to: step })
              : t('app.interrupted.fromCheckpoint', { step: checkpointStep })}
        </p>
        <div className="buttons">
          <label className="resume-backend">
            {t('app.interrupted.resumeOn')}{' '}
            <select data-testid="resume-backend" value={resumeOn} onChange={(e) => setChosen({ id, backend: e.target.value as BackendPreference })}>
              {BACKEND_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.value === asked ? t('app.interrupted.asBefore', { label: t(o.labelKey) }) : t(o.labelKey)}</option>)}
            </select>
          </label>
          <button type="button" data-testid="resume-interrupted" onClick={() => resumeRun(id, resumeOn)}>{t('app.interrupted.resumeFrom', { step: from })}</button>
          <button type="button" className="secondary" data-testid="discard-interrupted" onClick={() => void discardRun(id)}
            title={t('app.interrupted.discardTitle')}>{t('app.interrupted.discard')}</button>
        </div>
      </div>
    );
  }
  if (stalled && phase === 'training') {
    return (
      <div className="stalled" role="alert" data-testid="stalled-banner">
        <p>
          {/* The run's name stays out of the translated string (it is the user's text, not markup). */}
          <strong>{name}</strong>{t('app.stalled.afterName', { silent: seconds(stalled.silentMs), limit: seconds(stalled.limitMs) })}
        </p>
        <div className="buttons">
          <button type="button" className="danger" data-testid="stop-stalled" onClick={() => stopUnanswering(id)}
            title={t('app.stalled.stopTitle')}>{t('app.stalled.stop')}</button>
          <button type="button" data-testid="resume-stalled" onClick={() => resumeUnanswering(id)}
            title={t('app.stalled.resumeTitle')}>{t('app.stalled.resume')}</button>
        </div>
      </div>
    );
  }
  return null;
}
