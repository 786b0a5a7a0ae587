/** What every chart shares: its frame (title, empty state, note, test attributes), axis style, colours. */
import { createContext, useContext, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ResponsiveContainer } from 'recharts';
import { chartPng, pngFileName } from '../export/chartPng';
import { downloadBlob } from '../export/download';
import type { YAxisScale } from './chartAxis';
import { useFocusedRun } from '../store/runStore';
import type { Text } from '../shared/text';
import { useText } from '../i18n/render';
import { errorMessage } from '../i18n/textError';

export const COLORS = { loss: '#1f6feb', pos: '#1a7f37', neg: '#cf222e', knn: '#8250df', linear: '#bc4c00', ref: '#6e7781', raw: '#9a6700' };

interface ChartFrameProps {
  title: string;
  /** The plotted values as JSON, for tests and scripts that read the page like a user would. */
  series?: string;
  testId: string;
  points: number;
  note?: React.ReactNode;
  /** What a screen reader hears instead of tick numbers: the last value of each series. */
  summary?: string;
  children: React.ReactElement;
}

export function ChartFrame({ title, testId, points, note, series, summary, children }: ChartFrameProps) {
  const { t } = useTranslation();
  const figure = useRef<HTMLElement>(null);
  return (
    <figure className="chart" data-testid={testId} data-points={points} data-series={series} ref={figure}>
      <figcaption>{title}{points > 0 && <PngButton figure={figure} title={title} />}</figcaption>
      <div className="chart-body">
        {points === 0 ? <div className="chart-empty">{t('charts.frame.noPoints')}</div> : <ResponsiveContainer width="100%" height="100%">{children}</ResponsiveContainer>}
      </div>
      {note && <p className="chart-note">{note}</p>}
      <p className="visually-hidden" data-testid="chart-summary">{points === 0 ? t('charts.frame.noPointsSummary', { title }) : summary ?? t('charts.frame.pointsSummary', { title, points })}</p>
    </figure>
  );
}

export const axisProps = { stroke: '#57606a', fontSize: 12 } as const;

/** The x axis of every chart over training steps: whole steps only (no 1.25, 1.5), titled in the language of `t`. */
export const stepAxisProps = (t: TFunction) => ({
  dataKey: 'step', type: 'number', domain: ['dataMin', 'dataMax'], allowDecimals: false, ...axisProps,
  label: { value: t('charts.axis.trainingStep'), position: 'insideBottom', offset: -8, fontSize: 12 },
}) as const;

/** A tooltip's heading over training steps ("step 12"). */
export const stepLabel = (t: TFunction) => (s: unknown) => t('charts.axis.step', { step: s });

/** A y axis title, written up the left edge (the axis needs width for it and its ticks). */
export const yTitle = (value: string) => ({ value, angle: -90, position: 'insideLeft', offset: 4, fontSize: 12, style: { textAnchor: 'middle' } }) as const;

/** The y axis props for a scale from chartAxis.yScale: its domain, its ticks and their one format. */
export const scaleProps = (s: YAxisScale) => ({ domain: s.domain, ticks: s.ticks, tickFormatter: (v: number) => s.format(v), interval: 0 }) as const;

/** "name 1.23, other 4.56": the last value of each series, for a chart's text summary. */
export function lastValues<P>(t: TFunction, data: readonly P[], series: { name: string; value: (p: P) => number | null | undefined; format: (v: number) => string }[]): string {
  return series.map((s) => {
    for (let i = data.length - 1; i >= 0; i--) {
      const v = s.value(data[i]);
      if (typeof v === 'number' && Number.isFinite(v)) return t('charts.frame.lastValue', { name: s.name, value: s.format(v) });
    }
    return t('charts.frame.notMeasured', { name: s.name });
  }).join(t('charts.separator'));
}

/** A reference line's key under a chart (instead of a label on the line that can overlap others). */
export function ReferenceKey({ items }: { items: { label: string; value: string; color: string; dash: string }[] }) {
  if (items.length === 0) return null;
  return (
    <span className="reference-key" data-testid="reference-key">
      {items.map((r) => (
        <span key={r.label} className="reference-key-item">
          <svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" stroke={r.color} strokeWidth="2" strokeDasharray={r.dash} /></svg>
          {r.label} {r.value}
        </span>
      ))}
    </span>
  );
}


/** What the charts inside show, for their PNG file names (default: the focused run's name). */
export const ChartSubject = createContext<string | null>(null);

/** Downloads the chart it sits in as a PNG (what is on screen, at 2x), named by its run and title. */
export function PngButton({ figure, title }: { figure: React.RefObject<HTMLElement | null>; title: string }) {
  const { t } = useTranslation();
  const tx = useText();
  const [error, setError] = useState<Text | string | null>(null);
  const focusedName = useFocusedRun((r) => r.name);
  const subject = useContext(ChartSubject) ?? focusedName;
  const save = async () => {
    try {
      setError(null);
      if (figure.current) downloadBlob(pngFileName(title, subject || undefined), await chartPng(figure.current, title));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <button type="button" className="png-button secondary small" onClick={() => void save()} aria-label={t('charts.frame.downloadPng', { title })} data-testid="png-button">PNG</button>
      {error && <span className="error" role="alert">{tx(error)}</span>}
    </>
  );
}
