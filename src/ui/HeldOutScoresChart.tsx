/**
 * A method's own task on held-out data over training: the video methods' on held-out videos
 * (TCN's alignment error, lower is better; Shuffle and Learn's order and Wang & Gupta's ranking
 * accuracy), the context pretexts' on held-out images (a reconstruction error, a bin accuracy),
 * each against its chance level or trivial predictor and its value at step 0 (the random-init encoder).
 */
import { memo, useDeferredValue } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvalPoint } from '../eval/types';
import { heldOutScoreSpecs, needsVideo, type MethodId } from '../methods/catalog';
import type { HeldOutScoreSpec } from '../methods/spec';
import { selectShownMethod, useAppStore, useFocusedRun } from '../store/runStore';
import { axisProps, ChartFrame, COLORS, lastValues, ReferenceKey, stepAxisProps, stepLabel, yTitle } from './chartParts';
import { pct } from './format';
import { formatFixed, formatPercent } from '../i18n/format';
import { heldOutScoreHelp } from '../i18n/content';
import { useText } from '../i18n/render';

const SCORE_COLORS = ['#0a7d72', '#b3368f'];

/** An imported encoder's run: no method, so no tasks of its own. */
const NO_SCORES: readonly HeldOutScoreSpec[] = [];

function useScoreSpecs(): readonly HeldOutScoreSpec[] {
  return useAppStore((s) => { const methodId = selectShownMethod(s); return methodId ? heldOutScoreSpecs(methodId) : NO_SCORES; });
}

/** A score's name in the reader's language ("order accuracy"; the spec's English where the catalog has none). */
const scoreName = (t: TFunction, name: string): string =>
  t(`charts.heldOut.scoreNames.${name.replace(/ (\w)/g, (_, c: string) => c.toUpperCase())}`, { defaultValue: name });

/** A score as the page shows it: an accuracy as a percentage, an error in its own unit as a number. */
const scoreText = (spec: HeldOutScoreSpec | undefined, v: number): string => (spec?.unit === 'value' ? formatFixed(v, 3) : pct(v));
/** Whether the scores are of held-out videos or held-out images (their method's data). */
const onVideos = (methodId: MethodId | null | undefined): boolean => methodId != null && needsVideo(methodId);

/** One line per score under the evaluation summary: "order accuracy 71.1% (chance 50.0%, random init 49.6%)". */
export function HeldOutScoresSummary() {
  const { t } = useTranslation();
  const tx = useText();
  const evals = useFocusedRun((r) => r.evals);
  const specs = useScoreSpecs();
  const videos = onVideos(useAppStore(selectShownMethod));
  const last = evals[evals.length - 1];
  const init = evals.find((e) => e.step === 0);
  if (!last?.heldOutScores || specs.length === 0) return null;
  return (
    <div data-testid="held-out-scores" data-values={JSON.stringify(last.heldOutScores.map((s) => s.value))} data-chance={JSON.stringify(last.heldOutScores.map((s) => s.chance))}>
      {last.heldOutScores.map((score, k) => (
        <span key={k}>
          <Trans
            i18nKey={videos ? 'charts.heldOut.line' : 'charts.heldOut.lineImages'} components={{ value: <strong /> }}
            values={{ name: specs[k] ? scoreName(t, specs[k].name) : t('charts.heldOut.scoreFallback', { n: k + 1 }), value: score.value === null ? t('charts.heldOut.notMeasured') : scoreText(specs[k], score.value) }}
          />
          {score.chance !== null && t(specs[k]?.reference === 'trivial' ? 'charts.heldOut.trivial' : 'charts.heldOut.chance', {
            chance: scoreText(specs[k], score.chance),
            init: init?.heldOutScores?.[k]?.value != null && init !== last ? t('charts.heldOut.init', { value: scoreText(specs[k], init.heldOutScores[k].value) }) : '',
          })}
          <span className="muted"> · {tx(score.detail)}</span>
        </span>
      ))}
    </div>
  );
}

export function HeldOutScoresChart() {
  const evals = useDeferredValue(useFocusedRun((r) => r.evals));
  const specs = useScoreSpecs();
  const methodId = useAppStore(selectShownMethod);
  if (specs.length === 0 || !methodId) return null;
  return <ScoresView evals={evals} specs={specs} methodId={methodId} />;
}

const ScoresView = memo(function ScoresView({ evals, specs, methodId }: { evals: EvalPoint[]; specs: readonly HeldOutScoreSpec[]; methodId: MethodId }) {
  const { t } = useTranslation();
  const scored = evals.filter((e) => e.heldOutScores?.some((s) => s.value !== null));
  // Accuracies are plotted in percent; errors in their own unit (the plot has one axis: a method's scores share a unit).
  const asValue = specs.every((s) => s.unit === 'value');
  const scale = asValue ? 1 : 100;
  const shown = (v: number) => (asValue ? formatFixed(v, 3) : formatPercent(v / 100, 1));
  const data = scored.map((e) => ({ step: e.step, ...Object.fromEntries(specs.map((_, k) => [`s${k}`, e.heldOutScores?.[k]?.value == null ? null : e.heldOutScores[k].value! * scale])) }));
  const last = scored[scored.length - 1];
  const init = scored.find((e) => e.step === 0);
  const names = specs.map((s) => scoreName(t, s.name));
  const titled = t(needsVideo(methodId) ? 'charts.heldOut.title' : 'charts.heldOut.titleImages', { names: names.join(t('charts.separator')) });
  const trivial = specs.some((s) => s.reference === 'trivial');
  const title = `${titled.charAt(0).toUpperCase()}${titled.slice(1)}`;
  const color = (k: number) => SCORE_COLORS[k % SCORE_COLORS.length];
  // Chance and random-init lines carry no labels on the plot (they overlapped): a key under the chart names them.
  const refs = specs.flatMap((s, k) => {
    const chance = last?.heldOutScores?.[k]?.chance;
    const v = init?.heldOutScores?.[k]?.value;
    const named = (ref: string) => (specs.length > 1 ? t('charts.heldOut.namedRef', { name: names[k], ref }) : ref);
    return [
      ...(chance == null ? [] : [{ key: `c${k}`, y: chance, label: named(t(s.reference === 'trivial' ? 'charts.heldOut.refTrivial' : 'charts.heldOut.refChance')), color: COLORS.ref, dash: '4 4' }]),
      ...(v == null ? [] : [{ key: `i${k}`, y: v, label: named(t('charts.heldOut.refInit')), color: color(k), dash: '2 3' }]),
    ];
  });
  const summary = last ? t('charts.heldOut.summary', {
    title,
    step: last.step,
    values: lastValues(t, data, specs.map((_, k) => ({ name: names[k], value: (p: (typeof data)[number]) => (p as Record<string, number | null>)[`s${k}`], format: shown }))),
    references: refs.length ? t('charts.accuracy.references', { list: refs.map((r) => t('charts.frame.lastValue', { name: r.label, value: shown(r.y * scale) })).join(t('charts.separator')) }) : '',
  }) : undefined;
  return (
    <ChartFrame
      title={title} testId="held-out-chart" points={data.length}
      series={JSON.stringify(scored.map((e) => ({ step: e.step, values: e.heldOutScores!.map((s) => s.value) })))}
      summary={summary}
      note={<>
        <ReferenceKey items={refs.map((r) => ({ label: r.label, value: shown(r.y * scale), color: r.color, dash: r.dash }))} />
        {' '}{specs.map((s) => `${heldOutScoreHelp(methodId, s.name)} ${s.better === 'lower' ? t('charts.heldOut.lower') : t('charts.heldOut.higher')}`).join(' ')} {t(trivial ? 'charts.heldOut.noteTrivial' : 'charts.heldOut.note')}
      </>}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps(t)} />
        <YAxis {...axisProps} domain={[0, specs.every((s) => s.better === 'lower') ? 'auto' : 100]} tickFormatter={(v: number) => (asValue ? formatFixed(v, 2) : formatPercent(v / 100, 0))} allowDecimals={asValue} width={60} label={yTitle(t('charts.axis.score'))} />
        <Tooltip formatter={(v) => shown(Number(v))} labelFormatter={stepLabel(t)} />
        <Legend verticalAlign="top" height={24} />
        {refs.map((r) => <ReferenceLine key={r.key} y={r.y * scale} stroke={r.color} strokeOpacity={0.7} strokeDasharray={r.dash} />)}
        {specs.map((s, k) => <Line key={s.name} type="linear" dataKey={`s${k}`} name={names[k]} stroke={SCORE_COLORS[k % SCORE_COLORS.length]} isAnimationActive={false} strokeWidth={2} />)}
      </LineChart>
    </ChartFrame>
  );
});
