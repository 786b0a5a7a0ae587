import { memo, useDeferredValue, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, COLORS, lastValues, scaleProps, stepAxisProps, yTitle } from './chartParts';
import { yScale } from './chartAxis';
import { extraMetricGroups, METHOD_IDS, METHOD_SPECS, metricLabel, type MethodId } from '../methods/catalog';
import type { MetricUnit } from '../methods/spec';

/** One stable label function per method (the memoised chart re-renders only when its data changes). */
const metricLabelOf = Object.fromEntries(METHOD_IDS.map((id) => [id, (name: string) => metricLabel(id, name)])) as Record<MethodId, (name: string) => string>;
/** One stable list of unit groups per method. */
const extraGroupsOf = Object.fromEntries(METHOD_IDS.map((id) => [id, extraMetricGroups(id)])) as Record<MethodId, ReturnType<typeof extraMetricGroups>>;
import { downsample, type MetricPoint } from '../store/metricsBuffer';
import { selectShownMethod, useAppStore, useFocusedRun } from '../store/runStore';
import { AccuracyChart, EvaluationSummary, GeometryChart, SimilarityHistogram } from './EvalCharts';
import { HeldOutScoresChart } from './HeldOutScoresChart';
import { EmbeddingMap } from './EmbeddingMap';

const MAX_CHART_POINTS = 600;
const LossChart = memo(function LossChart({ data }: { data: MetricPoint[] }) {
  // The first losses, exactly, so a rerun with the same seed can be compared.
  const firstLosses = JSON.stringify(data.slice(0, 20).map((p) => p.loss));
  const scale = useMemo(() => yScale(data.map((p) => p.loss)), [data]);
  const last = data[data.length - 1];
  const summary = last ? `Training loss at step ${last.step}: ${lastValues(data, [{ name: 'loss', value: (p) => p.loss, format: (v) => v.toFixed(scale.decimals + 1) }])}.` : undefined;
  return (
    <ChartFrame title="Training loss" testId="loss-chart" points={data.length} series={firstLosses} summary={summary}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps} />
        <YAxis {...axisProps} {...scaleProps(scale)} width={64} label={yTitle('loss')} />
        <Tooltip formatter={(v) => Number(v).toFixed(scale.decimals + 1)} labelFormatter={(s) => `step ${s}`} />
        <Line type="linear" dataKey="loss" name="loss" stroke={COLORS.loss} dot={false} isAnimationActive={false} strokeWidth={2} />
      </LineChart>
    </ChartFrame>
  );
});

const SimilarityChart = memo(function SimilarityChart({ data, note }: { data: MetricPoint[]; note: string }) {
  return (
    <ChartFrame
      title="Cosine similarity of positive and negative pairs" testId="similarity-chart" points={data.length} note={note}
      summary={data.length ? `Cosine similarity at step ${data[data.length - 1].step}: ${lastValues(data, [{ name: 'positive pairs', value: (p) => p.posSim, format: (v) => v.toFixed(2) }, { name: 'negative pairs', value: (p) => p.negSim, format: (v) => v.toFixed(2) }])}.` : undefined}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps} />
        <YAxis {...axisProps} domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} tickFormatter={(v: number) => v.toFixed(1)} width={60} label={yTitle('cosine similarity')} />
        <Tooltip formatter={(v) => Number(v).toFixed(2)} labelFormatter={(s) => `step ${s}`} />
        <Legend verticalAlign="top" height={24} />
        <Line type="linear" dataKey="posSim" name="positive pairs" stroke={COLORS.pos} dot={false} isAnimationActive={false} strokeWidth={2} />
        <Line type="linear" dataKey="negSim" name="negative pairs" stroke={COLORS.neg} dot={false} isAnimationActive={false} strokeWidth={2} />
      </LineChart>
    </ChartFrame>
  );
});

const EXTRA_COLORS = ['#0969da', '#bf3989', '#9a6700', '#1b7c83'];

/** Axis titles and fixed bounds of each unit of extra metrics. */
const UNIT_AXES: Record<MetricUnit, { title: string; heading: string; lower?: number; upper?: number }> = {
  loss: { title: 'loss', heading: 'losses' },
  fraction: { title: 'fraction (0–1)', heading: 'fractions', lower: 0, upper: 1 },
  cosine: { title: 'cosine similarity', heading: 'cosine similarity' },
  logit: { title: 'logit (cos / T)', heading: 'logits (cosine / temperature)' },
  value: { title: 'value', heading: 'other' },
};

/**
 * The method's own metrics, one chart per unit (MoCo: queue fill as a fraction apart from its
 * cos/T logits; SimCLR: the positive logit apart from the hardest negative's cosine).
 */
const ExtrasChart = memo(function ExtrasChart({ data, names, unit, label, title }: { data: MetricPoint[]; names: readonly string[]; unit: MetricUnit; label: (name: string) => string; title: string }) {
  const axis = UNIT_AXES[unit];
  const scale = useMemo(() => yScale(data.flatMap((p) => names.map((n) => p[n] as number | undefined)), { lower: axis.lower, upper: axis.upper }), [data, names, axis]);
  const fmt = (v: number) => v.toFixed(scale.decimals + 1);
  const last = data[data.length - 1];
  const summary = last ? `${title} at step ${last.step}: ${lastValues(data, names.map((n) => ({ name: label(n), value: (p: MetricPoint) => p[n] as number | undefined, format: fmt })))}.` : undefined;
  return (
    <ChartFrame title={title} testId={`extras-chart-${unit}`} points={data.length} summary={summary}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps} />
        <YAxis {...axisProps} {...scaleProps(scale)} width={64} label={yTitle(axis.title)} />
        <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(s) => `step ${s}`} />
        <Legend verticalAlign="top" height={24} />
        {names.map((n, i) => (
          <Line key={n} type="linear" dataKey={n} name={label(n)} stroke={EXTRA_COLORS[i % EXTRA_COLORS.length]} dot={false} isAnimationActive={false} strokeWidth={2} />
        ))}
      </LineChart>
    </ChartFrame>
  );
});

export function MetricCharts() {
  // Deferred: the charts re-render in an interruptible background render, not as one long task.
  const points = useDeferredValue(useFocusedRun((r) => r.points));
  const methodId = useAppStore(selectShownMethod);
  const data = useMemo(() => downsample(points, MAX_CHART_POINTS), [points]);
  return (
    <div className="charts">
      <EvaluationSummary />
      <LossChart data={data} />
      <SimilarityChart data={data} note={methodId ? METHOD_SPECS[methodId].similarityNote : ''} />
      <AccuracyChart />
      <HeldOutScoresChart />
      <SimilarityHistogram />
      <GeometryChart />
      <EmbeddingMap />
      {/* An imported encoder's run has no method, so no internals to chart. */}
      {methodId && extraGroupsOf[methodId].map((g, _, all) => (
        <ExtrasChart
          key={g.unit} data={data} names={g.names} unit={g.unit} label={metricLabelOf[methodId]}
          title={`${METHOD_SPECS[methodId].label} internals${all.length > 1 ? `: ${UNIT_AXES[g.unit].heading}` : ''}`}
        />
      ))}
    </div>
  );
}
