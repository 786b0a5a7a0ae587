import { memo, useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, COLORS, lastValues, scaleProps, stepAxisProps, stepLabel, yTitle } from './chartParts';
import { formatFixed, yScale } from './chartAxis';
import { extraMetricGroups, METHOD_IDS, type MethodId } from '../methods/catalog';
import type { MetricUnit } from '../methods/spec';
import { methodLabel, metricLabelText, similarityNote } from '../i18n/content';

/** One stable list of unit groups per method. */
const extraGroupsOf = Object.fromEntries(METHOD_IDS.map((id) => [id, extraMetricGroups(id)])) as Record<MethodId, ReturnType<typeof extraMetricGroups>>;
import { downsample, type MetricPoint } from '../store/metricsBuffer';
import { selectShownMethod, useAppStore, useFocusedRun } from '../store/runStore';
import { AccuracyChart, EvaluationSummary, GeometryChart, SimilarityHistogram } from './EvalCharts';
import { HeldOutScoresChart } from './HeldOutScoresChart';
import { EmbeddingMap } from './EmbeddingMap';

const MAX_CHART_POINTS = 600;
const LossChart = memo(function LossChart({ data }: { data: MetricPoint[] }) {
  const { t } = useTranslation();
  // The first losses, exactly, so a rerun with the same seed can be compared.
  const firstLosses = JSON.stringify(data.slice(0, 20).map((p) => p.loss));
  const scale = useMemo(() => yScale(data.map((p) => p.loss)), [data]);
  const last = data[data.length - 1];
  const fmt = (v: number) => formatFixed(v, scale.decimals + 1);
  const summary = last ? t('charts.loss.summary', { step: last.step, values: lastValues(t, data, [{ name: t('charts.loss.series'), value: (p) => p.loss, format: fmt }]) }) : undefined;
  return (
    <ChartFrame title={t('charts.loss.title')} testId="loss-chart" points={data.length} series={firstLosses} summary={summary}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps(t)} />
        <YAxis {...axisProps} {...scaleProps(scale)} width={64} label={yTitle(t('charts.axis.loss'))} />
        <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={stepLabel(t)} />
        <Line type="linear" dataKey="loss" name={t('charts.loss.series')} stroke={COLORS.loss} dot={false} isAnimationActive={false} strokeWidth={2} />
      </LineChart>
    </ChartFrame>
  );
});

const SimilarityChart = memo(function SimilarityChart({ data, methodId }: { data: MetricPoint[]; methodId: MethodId | null }) {
  const { t } = useTranslation();
  const [pos, neg] = [t('charts.similarity.positivePairs'), t('charts.similarity.negativePairs')];
  const fmt = (v: number) => formatFixed(v, 2);
  return (
    <ChartFrame
      title={t('charts.similarity.title')} testId="similarity-chart" points={data.length} note={methodId ? similarityNote(methodId) : ''}
      summary={data.length ? t('charts.similarity.summary', { step: data[data.length - 1].step, values: lastValues(t, data, [{ name: pos, value: (p) => p.posSim, format: fmt }, { name: neg, value: (p) => p.negSim, format: fmt }]) }) : undefined}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps(t)} />
        <YAxis {...axisProps} domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} tickFormatter={(v: number) => formatFixed(v, 1)} width={60} label={yTitle(t('charts.axis.cosineSimilarity'))} />
        <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={stepLabel(t)} />
        <Legend verticalAlign="top" height={24} />
        <Line type="linear" dataKey="posSim" name={pos} stroke={COLORS.pos} dot={false} isAnimationActive={false} strokeWidth={2} />
        <Line type="linear" dataKey="negSim" name={neg} stroke={COLORS.neg} dot={false} isAnimationActive={false} strokeWidth={2} />
      </LineChart>
    </ChartFrame>
  );
});

const EXTRA_COLORS = ['#0969da', '#bf3989', '#9a6700', '#1b7c83'];

/** Fixed bounds of each unit of extra metrics (their axis titles and headings: charts.extras.units). */
const UNIT_AXES: Record<MetricUnit, { lower?: number; upper?: number }> = {
  loss: {},
  fraction: { lower: 0, upper: 1 },
  cosine: {},
  logit: {},
  value: {},
};

/**
 * The method's own metrics, one chart per unit (MoCo: queue fill as a fraction apart from its
 * cos/T logits; SimCLR: the positive logit apart from the hardest negative's cosine).
 */
const ExtrasChart = memo(function ExtrasChart({ data, names, unit, methodId, withUnit }: { data: MetricPoint[]; names: readonly string[]; unit: MetricUnit; methodId: MethodId; withUnit: boolean }) {
  const { t } = useTranslation();
  const axis = UNIT_AXES[unit];
  const label = (name: string) => metricLabelText(methodId, name);
  const title = withUnit
    ? t('charts.extras.titleWithUnit', { method: methodLabel(methodId), unit: t(`charts.extras.units.${unit}.heading`) })
    : t('charts.extras.title', { method: methodLabel(methodId) });
  const scale = useMemo(() => yScale(data.flatMap((p) => names.map((n) => p[n] as number | undefined)), { lower: axis.lower, upper: axis.upper }), [data, names, axis]);
  const fmt = (v: number) => formatFixed(v, scale.decimals + 1);
  const last = data[data.length - 1];
  const summary = last ? t('charts.extras.summary', { title, step: last.step, values: lastValues(t, data, names.map((n) => ({ name: label(n), value: (p: MetricPoint) => p[n] as number | undefined, format: fmt }))) }) : undefined;
  return (
    <ChartFrame title={title} testId={`extras-chart-${unit}`} points={data.length} summary={summary}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps(t)} />
        <YAxis {...axisProps} {...scaleProps(scale)} width={64} label={yTitle(t(`charts.extras.units.${unit}.title`))} />
        <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={stepLabel(t)} />
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
      <SimilarityChart data={data} methodId={methodId} />
      <AccuracyChart />
      <HeldOutScoresChart />
      <SimilarityHistogram />
      <GeometryChart />
      <EmbeddingMap />
      {/* An imported encoder's run has no method, so no internals to chart. */}
      {methodId && extraGroupsOf[methodId].map((g, _, all) => (
        <ExtrasChart key={g.unit} data={data} names={g.names} unit={g.unit} methodId={methodId} withUnit={all.length > 1} />
      ))}
    </div>
  );
}
