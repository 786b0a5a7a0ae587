/** The evaluation charts: accuracy against references, the similarity histogram, the embedding's geometry. */
import { memo, useDeferredValue } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { COLLAPSE_SPREAD, HISTOGRAM_BINS } from '../eval/geometry';
import type { BaselineResult } from '../eval/types';
import { selectShownMethod, useAppStore, useFocusedRun, type EvalPoint } from '../store/runStore';
import { testAccuracyNames } from '../methods/catalog';
import { axisProps, ChartFrame, COLORS, lastValues, ReferenceKey, scaleProps, stepAxisProps, yTitle } from './chartParts';
import { yScale } from './chartAxis';
import { pct } from './format';
import { evaluationShare } from '../store/runRecords';
import { tooFewToTrust } from '../shared/dataLimits';
import { HeldOutScoresSummary } from './HeldOutScoresChart';

/** Names of the running method's own classifier heads (SLA, S4L, supervised), in EvalResult.headTop1 order. */
function useHeadNames(): readonly string[] {
  return useAppStore((s) => { const methodId = selectShownMethod(s); return methodId ? testAccuracyNames(methodId) : NO_HEADS; });
}
/** An imported encoder's run: no method, so no heads of its own. */
const NO_HEADS: readonly string[] = [];
const HEAD_COLORS = ['#0a7d72', '#b3368f', '#4d6a00'];



export function EvaluationSummary() {
  const evals = useFocusedRun((r) => r.evals);
  const baseline = useFocusedRun((r) => r.baseline);
  const { startedAt, endedAt, origin, wallMs } = useFocusedRun();
  const headNames = useHeadNames();
  const last = evals[evals.length - 1];
  const first = evals[0];
  const evalEvery = useFocusedRun((r) => r.config?.evalEvery ?? null);
  const evaluationOff = evalEvery === 0;
  if (!last) {
    return <div className="knn-summary" data-testid="knn-value" data-value="">{evaluationOff
      ? 'Evaluation is off for this run ("Evaluate every" is 0): no accuracy, histograms or map.'
      : 'Accuracy, similarity histograms and the map appear when the run starts (step 0 = random-init encoder).'}</div>;
  }
  const { share, meanMs } = evaluationShare({ origin, wallMs, startedAt, endedAt, evals, baseline });
  const collapsed = last.spread < COLLAPSE_SPREAD;
  return (
    <div
      className="knn-summary" data-testid="knn-value" data-value={last.knnTop1 ?? ''} data-linear={last.linearTop1 ?? ''}
      data-raw-knn={baseline?.rawKnnTop1 ?? ''} data-raw-linear={baseline?.rawLinearTop1 ?? ''} data-spread={last.spread}
    >
      {last.knnTop1 !== null ? (
        <>
          At step {last.step}: kNN top-1 <strong>{pct(last.knnTop1)}</strong>, linear probe <strong data-testid="linear-value">{pct(last.linearTop1)}</strong>
          {first !== last && <> (random init {pct(first.knnTop1)} / {pct(first.linearTop1)})</>}
          {baseline && <> · raw pixels {pct(baseline.rawKnnTop1)} / {pct(baseline.rawLinearTop1)}</>}
          {tooFewToTrust(last.queries) && (
            <> <span className="too-few" data-testid="too-few-to-trust" title="Each held-out image moves these accuracies by more than 2 points: add held-out images (or raise the held-out images setting) before reading them">{tooFewToTrust(last.queries)}</span></>
          )}
        </>
      ) : <>At step {last.step}: no labels, so no accuracy; the similarity probe and the map below still follow the encoder.</>}
      {last.headTop1 && (
        <div data-testid="head-accuracies" data-values={JSON.stringify(last.headTop1)} data-names={JSON.stringify(headNames)}>
          Test accuracy of the method's own classifiers (held-out images):{' '}
          {last.headTop1.map((a, k) => <span key={k}>{k > 0 && ' · '}{headNames[k] ?? `head ${k + 1}`} <strong>{pct(a)}</strong></span>)}
        </div>
      )}
      <HeldOutScoresSummary />
      <div className="muted" data-testid="eval-share" data-share={share.toFixed(4)}>
        Evaluation ({evalEvery === null ? 'once' : `every ${evalEvery} steps`}, {evals.length} so far, {(meanMs / 1000).toFixed(1)} s each{baseline ? `, plus ${(baseline.ms / 1000).toFixed(1)} s of raw-pixel baseline` : ''}) took {(share * 100).toFixed(1)}% of this run's wall time.
      </div>
      {collapsed && (
        <div className="error" role="alert" data-testid="collapse-alarm">
          Collapse: the held-out embeddings barely vary (spread {last.spread.toFixed(3)}, below {COLLAPSE_SPREAD}). The encoder maps different images to nearly the same point; try a lower learning rate, a higher temperature, or stronger augmentations.
        </div>
      )}
    </div>
  );
}

/**
 * Each chart reads the store through useDeferredValue and draws in a memoised view: a new
 * evaluation re-renders the charts in an interruptible background render (no long task).
 */
const useDeferredEvals = () => useDeferredValue(useFocusedRun((r) => r.evals));

export function AccuracyChart() {
  const evals = useDeferredEvals();
  const baseline = useDeferredValue(useFocusedRun((r) => r.baseline));
  const classes = useFocusedRun((r) => r.dataset?.classNames.length ?? 0);
  const headNames = useHeadNames();
  return <AccuracyView evals={evals} baseline={baseline} classes={classes} headNames={headNames} />;
}

const AccuracyView = memo(function AccuracyView({ evals, baseline, classes, headNames }: { evals: EvalPoint[]; baseline: BaselineResult | null; classes: number; headNames: readonly string[] }) {
  const labelled = evals.some((e) => e.knnTop1 !== null);
  const init = evals.find((e) => e.step === 0);
  const heads = evals.some((e) => e.headTop1) ? headNames : [];
  const data = evals.map((e) => ({
    step: e.step, knn: e.knnTop1 === null ? null : e.knnTop1 * 100, linear: e.linearTop1 === null ? null : e.linearTop1 * 100,
    ...Object.fromEntries(heads.map((_, k) => [`head${k}`, e.headTop1 ? e.headTop1[k] * 100 : null])),
  }));
  // Reference lines carry no labels on the plot (five of them overlapped): a key under the chart names each, with its value.
  const refs = [
    { y: classes > 0 ? 1 / classes : null, label: 'chance', color: COLORS.ref, dash: '4 4' },
    { y: init?.knnTop1, label: 'kNN, random init', color: COLORS.knn, dash: '2 3' },
    { y: init?.linearTop1, label: 'linear, random init', color: COLORS.linear, dash: '2 3' },
    { y: baseline?.rawKnnTop1, label: 'kNN, raw pixels', color: COLORS.knn, dash: '8 4' },
    { y: baseline?.rawLinearTop1, label: 'linear, raw pixels', color: COLORS.linear, dash: '8 4' },
  ].filter((r): r is typeof r & { y: number } => r.y !== null && r.y !== undefined);
  const lastEval = evals[evals.length - 1];
  const summary = lastEval ? `Held-out accuracy at step ${lastEval.step}: ${lastValues(data, [
    { name: 'kNN top-1', value: (p) => p.knn, format: (v) => `${v.toFixed(1)}%` },
    { name: 'linear probe', value: (p) => p.linear, format: (v) => `${v.toFixed(1)}%` },
    ...heads.map((name, k) => ({ name: `test: ${name}`, value: (p: (typeof data)[number]) => (p as Record<string, number | null>)[`head${k}`], format: (v: number) => `${v.toFixed(1)}%` })),
  ])}${refs.length ? `; references: ${refs.map((r) => `${r.label} ${pct(r.y)}`).join(', ')}` : ''}.` : undefined;
  return (
    <ChartFrame
      title="Held-out accuracy: kNN (k=20, cosine) and linear probe on frozen features"
      testId="knn-chart"
      points={labelled ? evals.length : 0}
      series={JSON.stringify(evals.map((e) => ({ step: e.step, knnTop1: e.knnTop1, linearTop1: e.linearTop1, headTop1: e.headTop1 })))}
      summary={summary}
      note={<>
        <ReferenceKey items={refs.map((r) => ({ label: r.label, value: pct(r.y), color: r.color, dash: r.dash }))} />
        {' '}Dotted: the random-init encoder (step 0). Dashed: raw pixels. Gray: chance.{heads.length ? ' Thin lines: the method\'s own classifier heads on held-out images.' : ''}
      </>}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps} />
        <YAxis {...axisProps} domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tickFormatter={(v: number) => `${v}%`} width={60} label={yTitle('top-1 accuracy (%)')} />
        <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} labelFormatter={(s) => `step ${s}`} />
        <Legend verticalAlign="top" height={24} />
        {refs.map((r) => <ReferenceLine key={r.label} y={r.y * 100} stroke={r.color} strokeOpacity={0.7} strokeDasharray={r.dash} />)}
        <Line type="linear" dataKey="knn" name="kNN top-1" stroke={COLORS.knn} isAnimationActive={false} strokeWidth={2} />
        <Line type="linear" dataKey="linear" name="linear probe" stroke={COLORS.linear} isAnimationActive={false} strokeWidth={2} />
        {heads.map((name, k) => <Line key={name} type="linear" dataKey={`head${k}`} name={`test: ${name}`} stroke={HEAD_COLORS[k % HEAD_COLORS.length]} isAnimationActive={false} strokeWidth={1.5} />)}
      </LineChart>
    </ChartFrame>
  );
});

const BIN_CENTRES = Array.from({ length: HISTOGRAM_BINS }, (_, i) => -1 + (2 * i + 1) / HISTOGRAM_BINS);

export function SimilarityHistogram() {
  const evals = useDeferredEvals();
  return <HistogramView last={evals[evals.length - 1]} />;
}

const HistogramView = memo(function HistogramView({ last }: { last: EvalPoint | undefined }) {
  const data = last ? BIN_CENTRES.map((x, i) => ({ x, pos: last.similarity.posHist[i] * 100, neg: last.similarity.negHist[i] * 100 })) : [];
  return (
    <ChartFrame
      title={`Cosine similarity histogram, held-out probe${last ? ` (step ${last.step})` : ''}`}
      testId="similarity-histogram" points={data.length}
      note={last ? `Two augmented views of 128 held-out images on the encoder output: positive = same image (mean ${last.similarity.posMean.toFixed(2)}), negative = different images (mean ${last.similarity.negMean.toFixed(2)}).` : undefined}
      summary={last ? `Cosine similarity histogram at step ${last.step}: positive pairs mean ${last.similarity.posMean.toFixed(2)}, negative pairs mean ${last.similarity.negMean.toFixed(2)}.` : undefined}
    >
      <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis dataKey="x" type="number" domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} {...axisProps} label={{ value: 'cosine similarity', position: 'insideBottom', offset: -8, fontSize: 12 }} />
        <YAxis {...axisProps} tickFormatter={(v: number) => `${v}%`} allowDecimals={false} width={60} label={yTitle('share of pairs (%)')} />
        <Tooltip formatter={(v) => `${Number(v).toFixed(1)}% of pairs`} labelFormatter={(x) => `cos ≈ ${Number(x).toFixed(2)}`} />
        <Legend verticalAlign="top" height={24} />
        {/* Two step areas (one SVG path each) instead of 80 bars: a fraction of the render work. */}
        <Area type="step" dataKey="pos" name="positive pairs" stroke={COLORS.pos} fill={COLORS.pos} fillOpacity={0.35} isAnimationActive={false} />
        <Area type="step" dataKey="neg" name="negative pairs" stroke={COLORS.neg} fill={COLORS.neg} fillOpacity={0.25} isAnimationActive={false} />
      </AreaChart>
    </ChartFrame>
  );
});

export function GeometryChart() {
  return <GeometryView evals={useDeferredEvals()} />;
}

const GeometryView = memo(function GeometryView({ evals }: { evals: EvalPoint[] }) {
  const data = evals.map((e) => ({ step: e.step, alignment: e.similarity.alignment, uniformity: e.similarity.uniformity, spread: e.spread }));
  const geometryScale = yScale([...data.flatMap((p) => [p.alignment, p.uniformity, p.spread]), COLLAPSE_SPREAD]);
  return (
    <ChartFrame
      title="Alignment, uniformity (Wang & Isola) and spread of the embeddings" testId="geometry-chart" points={data.length} series={JSON.stringify(data)}
      note={`Lower alignment and uniformity are better. Spread ~1 when embeddings cover the sphere; below ${COLLAPSE_SPREAD} (red dashed) raises the collapse alarm.`}
      summary={data.length ? `Embedding geometry at step ${data[data.length - 1].step}: ${lastValues(data, [
        { name: 'alignment', value: (p) => p.alignment, format: (v) => v.toFixed(geometryScale.decimals + 1) },
        { name: 'uniformity', value: (p) => p.uniformity, format: (v) => v.toFixed(geometryScale.decimals + 1) },
        { name: 'spread', value: (p) => p.spread, format: (v) => v.toFixed(geometryScale.decimals + 1) },
      ])}.` : undefined}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps} />
        <YAxis {...axisProps} {...scaleProps(geometryScale)} width={60} label={yTitle('value (unitless)')} />
        <Tooltip formatter={(v) => Number(v).toFixed(geometryScale.decimals + 1)} labelFormatter={(s) => `step ${s}`} />
        <Legend verticalAlign="top" height={24} />
        <ReferenceLine y={COLLAPSE_SPREAD} stroke={COLORS.neg} strokeDasharray="4 4" />
        <Line type="linear" dataKey="alignment" name="alignment" stroke={COLORS.pos} isAnimationActive={false} strokeWidth={2} />
        <Line type="linear" dataKey="uniformity" name="uniformity" stroke={COLORS.loss} isAnimationActive={false} strokeWidth={2} />
        <Line type="linear" dataKey="spread" name="spread" stroke={COLORS.raw} isAnimationActive={false} strokeWidth={2} />
      </LineChart>
    </ChartFrame>
  );
});
