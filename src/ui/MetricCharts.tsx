import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { METHOD_SPECS } from '../methods/catalog';
import { downsample, type MetricPoint } from '../store/metricsBuffer';
import { useAppStore, type EvalPoint } from '../store/runStore';

const MAX_CHART_POINTS = 600;
const COLORS = { loss: '#1f6feb', pos: '#1a7f37', neg: '#cf222e', knn: '#8250df', ref: '#6e7781' };

interface ChartFrameProps {
  title: string;
  /** The plotted values as JSON, for tests and scripts that read the page like a user would. */
  series?: string;
  testId: string;
  points: number;
  note?: string;
  children: React.ReactElement;
}

function ChartFrame({ title, testId, points, note, series, children }: ChartFrameProps) {
  return (
    <figure className="chart" data-testid={testId} data-points={points} data-series={series}>
      <figcaption>{title}</figcaption>
      <div className="chart-body">
        {points === 0 ? <div className="chart-empty">no points yet</div> : <ResponsiveContainer width="100%" height="100%">{children}</ResponsiveContainer>}
      </div>
      {note && <p className="chart-note">{note}</p>}
    </figure>
  );
}

const axisProps = { stroke: '#57606a', fontSize: 12 } as const;

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

const KnnChart = memo(function KnnChart({ evals, chance }: { evals: EvalPoint[]; chance: number }) {
  const randomInit = evals.find((e) => e.step === 0)?.knnTop1;
  const data = evals.map((e) => ({ step: e.step, knn: e.knnTop1 * 100 }));
  return (
    <ChartFrame
      title="kNN top-1 accuracy on the held-out split (k=20, cosine, weighted)"
      testId="knn-chart"
      points={evals.length}
      series={JSON.stringify(evals.map((e) => ({ step: e.step, knnTop1: e.knnTop1 })))}
      note="Step 0 is the random-init encoder; the dashed gray line is chance."
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} {...axisProps} label={{ value: 'step', position: 'insideBottom', offset: -8, fontSize: 12 }} />
        <YAxis {...axisProps} domain={[0, 100]} unit="%" width={48} />
        <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} labelFormatter={(s) => `step ${s}`} />
        {chance > 0 && <ReferenceLine y={chance * 100} stroke={COLORS.ref} strokeDasharray="4 4" label={{ value: 'chance', position: 'insideTopRight', fontSize: 11, fill: COLORS.ref }} />}
        {randomInit !== undefined && <ReferenceLine y={randomInit * 100} stroke={COLORS.knn} strokeOpacity={0.4} strokeDasharray="2 3" label={{ value: 'random init', position: 'insideBottomRight', fontSize: 11, fill: COLORS.knn }} />}
        <Line type="linear" dataKey="knn" name="kNN top-1" stroke={COLORS.knn} isAnimationActive={false} strokeWidth={2} />
      </LineChart>
    </ChartFrame>
  );
});

const EXTRA_COLORS = ['#0969da', '#bf3989', '#9a6700', '#1b7c83'];

/** The method's own metrics (MoCo: queue fill, positive vs queue logits; SimCLR: logits, hardest negative). */
const ExtrasChart = memo(function ExtrasChart({ data, names, title }: { data: MetricPoint[]; names: readonly string[]; title: string }) {
  return (
    <ChartFrame title={title} testId="extras-chart" points={data.length}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} {...axisProps} label={{ value: 'step', position: 'insideBottom', offset: -8, fontSize: 12 }} />
        <YAxis {...axisProps} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toPrecision(3)} width={52} />
        <Tooltip formatter={(v) => Number(v).toFixed(3)} labelFormatter={(s) => `step ${s}`} />
        <Legend verticalAlign="top" height={24} />
        {names.map((n, i) => (
          <Line key={n} type="linear" dataKey={n} name={METRIC_LABELS[n] ?? n} stroke={EXTRA_COLORS[i % EXTRA_COLORS.length]} dot={false} isAnimationActive={false} strokeWidth={2} />
        ))}
      </LineChart>
    </ChartFrame>
  );
});

const METRIC_LABELS: Record<string, string> = {
  positiveLogit: 'positive logit (cos / T)',
  topNegativeSim: 'hardest negative (cos)',
  queueFill: 'queue fill (fraction)',
  queueLogit: 'queue logit (cos / T)',
};

export function MetricCharts() {
  const points = useAppStore((s) => s.run.points);
  const evals = useAppStore((s) => s.run.evals);
  const methodId = useAppStore((s) => s.run.config?.methodId ?? s.draft.methodId);
  const classes = useAppStore((s) => s.run.dataset?.classNames.length ?? 0);
  const data = useMemo(() => downsample(points, MAX_CHART_POINTS), [points]);
  const last = evals[evals.length - 1];
  const first = evals[0];
  return (
    <div className="charts">
      <div className="knn-summary" data-testid="knn-value" data-value={last ? last.knnTop1 : ''}>
        {last
          ? <>kNN top-1 at step {last.step}: <strong>{(last.knnTop1 * 100).toFixed(1)}%</strong>{first && first !== last && <> (random init {(first.knnTop1 * 100).toFixed(1)}%)</>}</>
          : 'kNN accuracy appears when the run starts (step 0 = random-init encoder).'}
      </div>
      <LossChart data={data} />
      <SimilarityChart data={data} note={METHOD_SPECS[methodId].similarityNote} />
      <KnnChart evals={evals} chance={classes ? 1 / classes : 0} />
      <ExtrasChart data={data} names={METHOD_SPECS[methodId].extraMetrics} title={`${METHOD_SPECS[methodId].label} internals`} />
    </div>
  );
}
