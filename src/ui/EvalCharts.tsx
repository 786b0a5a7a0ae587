/** The evaluation charts: accuracy against references, the similarity histogram, the embedding's geometry. */
import { memo, useDeferredValue } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { COLLAPSE_SPREAD, HISTOGRAM_BINS } from '../eval/geometry';
import type { BaselineResult } from '../eval/types';
import { selectShownMethod, useAppStore, useFocusedRun, type EvalPoint } from '../store/runStore';
import { testAccuracyNames } from '../methods/catalog';
import { axisProps, ChartFrame, COLORS, lastValues, ReferenceKey, scaleProps, stepAxisProps, stepLabel, yTitle } from './chartParts';
import { formatFixed, yScale } from './chartAxis';
import { pct } from './format';
import { formatNumber, formatPercent } from '../i18n/format';
import { testAccuracyLabel } from '../i18n/content';
import { useText } from '../i18n/render';
import { evaluationShare } from '../store/runRecords';
import { tooFewToTrustText } from '../shared/dataLimits';
import { HeldOutScoresSummary } from './HeldOutScoresChart';

/** Names of the running method's own classifier heads (SLA, S4L, supervised), in EvalResult.headTop1 order. */
function useHeadNames(): readonly string[] {
  return useAppStore((s) => { const methodId = selectShownMethod(s); return methodId ? testAccuracyNames(methodId) : NO_HEADS; });
}
/** An imported encoder's run: no method, so no heads of its own. */
const NO_HEADS: readonly string[] = [];
const HEAD_COLORS = ['#0a7d72', '#b3368f', '#4d6a00'];
/** A percentage already times 100 ("42.1%"). */
const pct100 = (v: number, digits = 1) => formatPercent(v / 100, digits);

/** The shown method's name of each head, in the reader's language. */
function useHeadLabels(headNames: readonly string[]): string[] {
  const methodId = useAppStore(selectShownMethod);
  return headNames.map((name) => (methodId ? testAccuracyLabel(methodId, name) : name));
}



export function EvaluationSummary() {
  const { t } = useTranslation();
  const tx = useText();
  const evals = useFocusedRun((r) => r.evals);
  const baseline = useFocusedRun((r) => r.baseline);
  const { startedAt, endedAt, origin, wallMs } = useFocusedRun();
  const headNames = useHeadNames();
  const headLabels = useHeadLabels(headNames);
  const last = evals[evals.length - 1];
  const first = evals[0];
  const evalEvery = useFocusedRun((r) => r.config?.evalEvery ?? null);
  const evaluationOff = evalEvery === 0;
  if (!last) {
    return <div className="knn-summary" data-testid="knn-value" data-value="">{evaluationOff
      ? t('charts.evaluation.off')
      : t('charts.evaluation.waiting')}</div>;
  }
  const { share, meanMs } = evaluationShare({ origin, wallMs, startedAt, endedAt, evals, baseline });
  const collapsed = last.spread < COLLAPSE_SPREAD;
  const tooFew = tooFewToTrustText(last.queries);
  return (
    <div
      className="knn-summary" data-testid="knn-value" data-value={last.knnTop1 ?? ''} data-linear={last.linearTop1 ?? ''}
      data-raw-knn={baseline?.rawKnnTop1 ?? ''} data-raw-linear={baseline?.rawLinearTop1 ?? ''} data-spread={last.spread}
    >
      {last.knnTop1 !== null ? (
        <>
          <Trans
            i18nKey="charts.evaluation.accuracy" values={{ step: last.step, knn: pct(last.knnTop1), linear: pct(last.linearTop1) }}
            components={{ knn: <strong />, linear: <strong data-testid="linear-value" /> }}
          />
          {first !== last && t('charts.evaluation.randomInit', { knn: pct(first.knnTop1), linear: pct(first.linearTop1) })}
          {baseline && t('charts.evaluation.rawPixels', { knn: pct(baseline.rawKnnTop1), linear: pct(baseline.rawLinearTop1) })}
          {tooFew && (
            <> <span className="too-few" data-testid="too-few-to-trust" title={t('charts.evaluation.tooFew')}>{tx(tooFew)}</span></>
          )}
        </>
      ) : t('charts.evaluation.noLabels', { step: last.step })}
      {last.headTop1 && (
        <div data-testid="head-accuracies" data-values={JSON.stringify(last.headTop1)} data-names={JSON.stringify(headNames)}>
          {t('charts.evaluation.heads')}{' '}
          {last.headTop1.map((a, k) => <span key={k}>{k > 0 && ' · '}{headLabels[k] ?? t('charts.evaluation.headFallback', { n: k + 1 })} <strong>{pct(a)}</strong></span>)}
        </div>
      )}
      <HeldOutScoresSummary />
      <div className="muted" data-testid="eval-share" data-share={share.toFixed(4)}>
        {t('charts.evaluation.share', {
          schedule: evalEvery === null ? t('charts.evaluation.once') : t('charts.evaluation.every', { n: evalEvery }),
          count: evals.length,
          mean: formatFixed(meanMs / 1000, 1),
          baseline: baseline ? t('charts.evaluation.baseline', { seconds: formatFixed(baseline.ms / 1000, 1) }) : '',
          share: formatPercent(share, 1),
        })}
      </div>
      {collapsed && (
        <div className="error" role="alert" data-testid="collapse-alarm">
          {t('charts.evaluation.collapse', { spread: formatFixed(last.spread, 3), threshold: formatNumber(COLLAPSE_SPREAD, 3) })}
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
  const { t } = useTranslation();
  const headLabels = useHeadLabels(headNames);
  const labelled = evals.some((e) => e.knnTop1 !== null);
  const init = evals.find((e) => e.step === 0);
  const heads = evals.some((e) => e.headTop1) ? headNames : [];
  const data = evals.map((e) => ({
    step: e.step, knn: e.knnTop1 === null ? null : e.knnTop1 * 100, linear: e.linearTop1 === null ? null : e.linearTop1 * 100,
    ...Object.fromEntries(heads.map((_, k) => [`head${k}`, e.headTop1 ? e.headTop1[k] * 100 : null])),
  }));
  // Reference lines carry no labels on the plot (five of them overlapped): a key under the chart names each, with its value.
  const refs = [
    { id: 'chance', y: classes > 0 ? 1 / classes : null, label: t('charts.accuracy.chance'), color: COLORS.ref, dash: '4 4' },
    { id: 'knnInit', y: init?.knnTop1, label: t('charts.accuracy.knnInit'), color: COLORS.knn, dash: '2 3' },
    { id: 'linearInit', y: init?.linearTop1, label: t('charts.accuracy.linearInit'), color: COLORS.linear, dash: '2 3' },
    { id: 'knnRaw', y: baseline?.rawKnnTop1, label: t('charts.accuracy.knnRaw'), color: COLORS.knn, dash: '8 4' },
    { id: 'linearRaw', y: baseline?.rawLinearTop1, label: t('charts.accuracy.linearRaw'), color: COLORS.linear, dash: '8 4' },
  ].filter((r): r is typeof r & { y: number } => r.y !== null && r.y !== undefined);
  const [knnName, linearName] = [t('charts.accuracy.knn'), t('charts.accuracy.linear')];
  const headName = (k: number) => t('charts.accuracy.head', { name: headLabels[k] ?? heads[k] });
  const lastEval = evals[evals.length - 1];
  const summary = lastEval ? t('charts.accuracy.summary', {
    step: lastEval.step,
    values: lastValues(t, data, [
      { name: knnName, value: (p) => p.knn, format: (v) => pct100(v) },
      { name: linearName, value: (p) => p.linear, format: (v) => pct100(v) },
      ...heads.map((_, k) => ({ name: headName(k), value: (p: (typeof data)[number]) => (p as Record<string, number | null>)[`head${k}`], format: (v: number) => pct100(v) })),
    ]),
    references: refs.length ? t('charts.accuracy.references', { list: refs.map((r) => t('charts.frame.lastValue', { name: r.label, value: pct(r.y) })).join(t('charts.separator')) }) : '',
  }) : undefined;
  return (
    <ChartFrame
      title={t('charts.accuracy.title')}
      testId="knn-chart"
      points={labelled ? evals.length : 0}
      series={JSON.stringify(evals.map((e) => ({ step: e.step, knnTop1: e.knnTop1, linearTop1: e.linearTop1, headTop1: e.headTop1 })))}
      summary={summary}
      note={<>
        <ReferenceKey items={refs.map((r) => ({ label: r.label, value: pct(r.y), color: r.color, dash: r.dash }))} />
        {' '}{t('charts.accuracy.note')}{heads.length ? t('charts.accuracy.headsNote') : ''}
      </>}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps(t)} />
        <YAxis {...axisProps} domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tickFormatter={(v: number) => pct100(v, 0)} width={60} label={yTitle(t('charts.axis.accuracy'))} />
        <Tooltip formatter={(v) => pct100(Number(v))} labelFormatter={stepLabel(t)} />
        <Legend verticalAlign="top" height={24} />
        {refs.map((r) => <ReferenceLine key={r.id} y={r.y * 100} stroke={r.color} strokeOpacity={0.7} strokeDasharray={r.dash} />)}
        <Line type="linear" dataKey="knn" name={knnName} stroke={COLORS.knn} isAnimationActive={false} strokeWidth={2} />
        <Line type="linear" dataKey="linear" name={linearName} stroke={COLORS.linear} isAnimationActive={false} strokeWidth={2} />
        {heads.map((name, k) => <Line key={name} type="linear" dataKey={`head${k}`} name={headName(k)} stroke={HEAD_COLORS[k % HEAD_COLORS.length]} isAnimationActive={false} strokeWidth={1.5} />)}
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
  const { t } = useTranslation();
  const [pos, neg] = [t('charts.similarity.positivePairs'), t('charts.similarity.negativePairs')];
  const means = last ? { pos: formatFixed(last.similarity.posMean, 2), neg: formatFixed(last.similarity.negMean, 2) } : null;
  const data = last ? BIN_CENTRES.map((x, i) => ({ x, pos: last.similarity.posHist[i] * 100, neg: last.similarity.negHist[i] * 100 })) : [];
  return (
    <ChartFrame
      title={last ? t('charts.histogram.titleAtStep', { step: last.step }) : t('charts.histogram.title')}
      testId="similarity-histogram" points={data.length}
      note={last && means ? t('charts.histogram.note', means) : undefined}
      summary={last && means ? t('charts.histogram.summary', { step: last.step, ...means }) : undefined}
    >
      <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis dataKey="x" type="number" domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} {...axisProps} label={{ value: t('charts.axis.cosineSimilarity'), position: 'insideBottom', offset: -8, fontSize: 12 }} />
        <YAxis {...axisProps} tickFormatter={(v: number) => pct100(v, 0)} allowDecimals={false} width={60} label={yTitle(t('charts.axis.shareOfPairs'))} />
        <Tooltip formatter={(v) => t('charts.histogram.ofPairs', { value: pct100(Number(v)) })} labelFormatter={(x) => t('charts.histogram.cos', { value: formatFixed(Number(x), 2) })} />
        <Legend verticalAlign="top" height={24} />
        {/* Two step areas (one SVG path each) instead of 80 bars: a fraction of the render work. */}
        <Area type="step" dataKey="pos" name={pos} stroke={COLORS.pos} fill={COLORS.pos} fillOpacity={0.35} isAnimationActive={false} />
        <Area type="step" dataKey="neg" name={neg} stroke={COLORS.neg} fill={COLORS.neg} fillOpacity={0.25} isAnimationActive={false} />
      </AreaChart>
    </ChartFrame>
  );
});

export function GeometryChart() {
  return <GeometryView evals={useDeferredEvals()} />;
}

const GeometryView = memo(function GeometryView({ evals }: { evals: EvalPoint[] }) {
  const { t } = useTranslation();
  const names = { alignment: t('charts.geometry.alignment'), uniformity: t('charts.geometry.uniformity'), spread: t('charts.geometry.spread') };
  const data = evals.map((e) => ({ step: e.step, alignment: e.similarity.alignment, uniformity: e.similarity.uniformity, spread: e.spread }));
  const geometryScale = yScale([...data.flatMap((p) => [p.alignment, p.uniformity, p.spread]), COLLAPSE_SPREAD]);
  const fmt = (v: number) => formatFixed(v, geometryScale.decimals + 1);
  return (
    <ChartFrame
      title={t('charts.geometry.title')} testId="geometry-chart" points={data.length} series={JSON.stringify(data)}
      note={t('charts.geometry.note', { threshold: formatNumber(COLLAPSE_SPREAD, 3) })}
      summary={data.length ? t('charts.geometry.summary', {
        step: data[data.length - 1].step,
        values: lastValues(t, data, [
          { name: names.alignment, value: (p) => p.alignment, format: fmt },
          { name: names.uniformity, value: (p) => p.uniformity, format: fmt },
          { name: names.spread, value: (p) => p.spread, format: fmt },
        ]),
      }) : undefined}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps(t)} />
        <YAxis {...axisProps} {...scaleProps(geometryScale)} width={60} label={yTitle(t('charts.axis.unitless'))} />
        <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={stepLabel(t)} />
        <Legend verticalAlign="top" height={24} />
        <ReferenceLine y={COLLAPSE_SPREAD} stroke={COLORS.neg} strokeDasharray="4 4" />
        <Line type="linear" dataKey="alignment" name={names.alignment} stroke={COLORS.pos} isAnimationActive={false} strokeWidth={2} />
        <Line type="linear" dataKey="uniformity" name={names.uniformity} stroke={COLORS.loss} isAnimationActive={false} strokeWidth={2} />
        <Line type="linear" dataKey="spread" name={names.spread} stroke={COLORS.raw} isAnimationActive={false} strokeWidth={2} />
      </LineChart>
    </ChartFrame>
  );
});
