import { memo, useDeferredValue, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, COLORS } from './chartParts';
import { METHOD_IDS, METHOD_SPECS, metricLabel, type MethodId } from '../methods/catalog';

/** One stable label function per method (the memoised chart re-renders only when its data changes). */
const metricLabelOf = Object.fromEntries(METHOD_IDS.map((id) => [id, (name: string) => metricLabel(id, name)])) as Record<MethodId, (name: string) => string>;
import { downsample, type MetricPoint } from '../store/metricsBuffer';
import { selectShownMethod, useAppStore, useFocusedRun } from '../store/runStore';
import { AccuracyChart, EvaluationSummary, GeometryChart, SimilarityHistogram } from './EvalCharts';
import { HeldOutScoresChart } from './HeldOutScoresChart';
import { EmbeddingMap } from './EmbeddingMap';

const MAX_CHART_POINTS = 600;
const LossChart = memo(function LossChart({ data }: { data: MetricPoint[] }) {
  // The first losses, exactly, so a rerun with the same seed can be compared.
  const firstLosses = JSON.stringify(data.slice(0, 20).map((p) => p.loss));
  return (
    <ChartFrame title="Training loss" testId="loss-chart" points={data.length} series={firstLosses}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} {...axisProps} label={{ value: 'step', position: 'insideBottom', offset: -8, fontSize: 12 }} />
        <YAxis {...axisProps} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toPrecision(3)} width={52} />
        <Tooltip formatter={(v) => Number(v).toFixed(4)} labelFormatter={(s) => `step ${s}`} />
        <Line type="linear" dataKey="loss" name="loss" stroke={COLORS.loss} dot={false} isAnimationActive={false} strokeWidth={2} />
      </LineChart>
    </ChartFrame>
  );
});

const SimilarityChart = memo(function SimilarityChart({ data, note }: { data: MetricPoint[]; note: string }) {
  return (
    <ChartFrame title="Cosine similarity of positive and negative pairs" testId="similarity-chart" points={data.length} note={note}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} {...axisProps} label={{ value: 'step', position: 'insideBottom', offset: -8, fontSize: 12 }} />
        <YAxis {...axisProps} domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} width={48} />
        <Tooltip formatter={(v) => Number(v).toFixed(3)} labelFormatter={(s) => `step ${s}`} />
        <Legend verticalAlign="top" height={24} />
        <Line type="linear" dataKey="posSim" name="positive pairs" stroke={COLORS.pos} dot={false} isAnimationActive={false} strokeWidth={2} />
        <Line type="linear" dataKey="negSim" name="negative pairs" stroke={COLORS.neg} dot={false} isAnimationActive={false} strokeWidth={2} />
      </LineChart>
    </ChartFrame>
  );
});

const EXTRA_COLORS = ['#0969da', '#bf3989', '#9a6700', '#1b7c83'];

/** The method's own metrics (MoCo: queue fill, positive vs queue logits; SimCLR: logits, hardest negative). */
const ExtrasChart = memo(function ExtrasChart({ data, names, label, title }: { data: MetricPoint[]; names: readonly string[]; label: (name: string) => string; title: string }) {
  return (
    <ChartFrame title={title} testId="extras-chart" points={data.length}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} {...axisProps} label={{ value: 'step', position: 'insideBottom', offset: -8, fontSize: 12 }} />
        <YAxis {...axisProps} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toPrecision(3)} width={52} />
        <Tooltip formatter={(v) => Number(v).toFixed(3)} labelFormatter={(s) => `step ${s}`} />
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
      {methodId && <ExtrasChart data={data} names={METHOD_SPECS[methodId].extraMetrics} label={metricLabelOf[methodId]} title={`${METHOD_SPECS[methodId].label} internals`} />}
    </div>
  );
}
