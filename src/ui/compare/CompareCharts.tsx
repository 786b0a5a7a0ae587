/**
 * The comparison's curves: each run's loss, positive / negative similarity, kNN and linear-probe
 * accuracy overlaid, against step or against wall time.
 */
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, ChartSubject, scaleProps, yTitle } from '../chartParts';
import { yScale } from '../chartAxis';
import { downsample, type MetricPoint } from '../../store/metricsBuffer';
import type { RunState } from '../../store/runStore';
import { runColor } from './runColors';
import { formatFixed, formatInteger, formatPercent } from '../../i18n/format';

const MAX_POINTS = 300;
const SIMILARITY: [number, number] = [-1, 1];
const ACCURACY: [number, number] = [0, 1];
type XKey = 'step' | 'wall';

export interface ComparedRun {
  run: RunState;
  index: number;
}

interface Series {
  name: string;
  color: string;
  dashed?: boolean;
  /** Left out of the legend (a run's dashed twin: the legend has one entry per run). */
  unlisted?: boolean;
  data: Record<string, number>[];
  y: string;
}

const SeriesChart = memo(function SeriesChart({ title, testId, series, x, yDomain, percent, unit }: { title: string; testId: string; series: Series[]; x: XKey; yDomain?: [number, number]; percent?: boolean; unit: string }) {
  const { t } = useTranslation();
  // One scale for every run's values: distinct ticks in one format (chartAxis.ts), as on the Training tab.
  const scale = useMemo(() => yScale(series.flatMap((s) => s.data.map((d) => d[s.y])), yDomain ? { lower: yDomain[0], upper: yDomain[1] } : {}), [series, yDomain]);
  const points = series.reduce((n, s) => n + s.data.length, 0);
  const order = new Map(series.map((s, i) => [s.name, i]));
  const summary = JSON.stringify(series.map((s) => ({ name: s.name, points: s.data.length, last: s.data[s.data.length - 1]?.[s.y] ?? null })));
  return (
    <ChartFrame title={title} testId={testId} points={points} series={summary}>
      <LineChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis dataKey={x} type="number" domain={['dataMin', 'dataMax']} allowDuplicatedCategory={false} allowDecimals={x === 'wall'} {...axisProps}
          tickFormatter={(v: number) => formatInteger(v)}
          label={{ value: x === 'wall' ? t('compare.charts.xWall') : t('compare.charts.xStep'), position: 'insideBottom', offset: -8, fontSize: 12 }} />
        {percent
          ? <YAxis {...axisProps} domain={yDomain ?? ['auto', 'auto']} width={64} tickFormatter={(v: number) => formatPercent(v, 0)} label={yTitle(unit)} />
          : <YAxis {...axisProps} {...scaleProps(scale)} width={64} label={yTitle(unit)} />}
        <Tooltip formatter={(v) => (percent ? formatPercent(Number(v), 1) : formatFixed(Number(v), scale.decimals + 1))}
          labelFormatter={(v) => (x === 'wall' ? t('compare.charts.tooltipWall', { seconds: formatFixed(Number(v), 1) }) : t('compare.charts.tooltipStep', { step: formatInteger(Number(v)) }))} />
        {/* Recharts sorts legend items by name; the runs' order is the table's and the maps'. */}
        <Legend verticalAlign="top" wrapperStyle={{ fontSize: 11, lineHeight: '14px', paddingBottom: 6, maxHeight: 58, overflowY: 'auto' }} itemSorter={(item) => order.get(String(item.value)) ?? 0} />
        {series.map((s) => (
          <Line key={s.name} data={s.data} dataKey={s.y} name={s.name} stroke={s.color} strokeDasharray={s.dashed ? '5 4' : undefined} legendType={s.unlisted ? 'none' : 'line'}
            dot={percent ? { r: 2.5 } : false} type="linear" isAnimationActive={false} strokeWidth={2} connectNulls />
        ))}
      </LineChart>
    </ChartFrame>
  );
});

/** Metric points of one run with the wall field present (points recorded before wall times existed are dropped from the time axis). */
function pointsOf(run: RunState, x: XKey): MetricPoint[] {
  const pts = x === 'wall' ? run.points.filter((p) => typeof p.wall === 'number') : run.points;
  return downsample(pts, MAX_POINTS);
}

export function CompareCharts({ runs }: { runs: ComparedRun[] }) {
  const { t } = useTranslation();
  const [x, setX] = useState<XKey>('step');
  const charts = useMemo(() => {
    const loss: Series[] = [], sim: Series[] = [], knn: Series[] = [], linear: Series[] = [];
    for (const { run, index } of runs) {
      const color = runColor(index);
      const pts = pointsOf(run, x);
      loss.push({ name: run.name, color, data: pts, y: 'loss' });
      sim.push({ name: run.name, color, data: pts, y: 'posSim' });
      sim.push({ name: t('compare.charts.negativeSeries', { name: run.name }), color, dashed: true, unlisted: true, data: pts, y: 'negSim' });
      const evals = run.evals.filter((e) => x === 'step' || typeof e.wall === 'number').map((e) => ({ step: e.step, wall: e.wall ?? 0, knn: e.knnTop1 ?? NaN, linear: e.linearTop1 ?? NaN }));
      knn.push({ name: run.name, color, data: evals, y: 'knn' });
      linear.push({ name: run.name, color, data: evals, y: 'linear' });
    }
    return { loss, sim, knn, linear };
  }, [runs, x, t]);

  return (
    <section aria-label={t('compare.charts.aria')} className="compare-charts">
      <div className="compare-axis" role="radiogroup" aria-label={t('compare.charts.axisAria')}>
        <span>{t('compare.charts.axisLabel')}</span>
        {(['step', 'wall'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="compare-x" value={k} checked={x === k} onChange={() => setX(k)} data-testid={`compare-x-${k}`} />
            {k === 'step' ? t('compare.charts.axisStep') : t('compare.charts.axisWall')}
          </label>
        ))}
      </div>
      <ChartSubject.Provider value="comparison">
      <div className="charts">
        <SeriesChart title={t('compare.charts.loss.title')} testId="compare-loss" series={charts.loss} x={x} unit={t('compare.charts.loss.unit')} />
        <SeriesChart title={t('compare.charts.similarity.title')} testId="compare-similarity" series={charts.sim} x={x} yDomain={SIMILARITY} unit={t('compare.charts.similarity.unit')} />
        <SeriesChart title={t('compare.charts.knn.title')} testId="compare-knn" series={charts.knn} x={x} yDomain={ACCURACY} percent unit={t('compare.charts.knn.unit')} />
        <SeriesChart title={t('compare.charts.linear.title')} testId="compare-linear" series={charts.linear} x={x} yDomain={ACCURACY} percent unit={t('compare.charts.linear.unit')} />
      </div>
      </ChartSubject.Provider>
    </section>
  );
}
