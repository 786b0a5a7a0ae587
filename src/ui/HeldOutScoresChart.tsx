/**
 * The video methods' own tasks on held-out videos over training: TCN's alignment error (lower is
 * better), Shuffle and Learn's order accuracy and Wang & Gupta's ranking accuracy (higher is
 * better), each against its chance level and its value at step 0 (the random-init encoder).
 */
import { memo, useDeferredValue } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvalPoint } from '../eval/types';
import { heldOutScoreSpecs } from '../methods/catalog';
import type { HeldOutScoreSpec } from '../methods/spec';
import { selectShownMethod, useAppStore, useFocusedRun } from '../store/runStore';
import { axisProps, ChartFrame, COLORS, lastValues, ReferenceKey, stepAxisProps, yTitle } from './chartParts';
import { pct } from './format';

const SCORE_COLORS = ['#0a7d72', '#b3368f'];

/** An imported encoder's run: no method, so no tasks of its own. */
const NO_SCORES: readonly HeldOutScoreSpec[] = [];

function useScoreSpecs(): readonly HeldOutScoreSpec[] {
  return useAppStore((s) => { const methodId = selectShownMethod(s); return methodId ? heldOutScoreSpecs(methodId) : NO_SCORES; });
}

/** One line per score under the evaluation summary: "order accuracy 71.1% (chance 50.0%, random init 49.6%)". */
export function HeldOutScoresSummary() {
  const evals = useFocusedRun((r) => r.evals);
  const specs = useScoreSpecs();
  const last = evals[evals.length - 1];
  const init = evals.find((e) => e.step === 0);
  if (!last?.heldOutScores || specs.length === 0) return null;
  return (
    <div data-testid="held-out-scores" data-values={JSON.stringify(last.heldOutScores.map((s) => s.value))} data-chance={JSON.stringify(last.heldOutScores.map((s) => s.chance))}>
      {last.heldOutScores.map((score, k) => (
        <span key={k}>
          {specs[k]?.name ?? `score ${k + 1}`} on held-out videos: <strong>{score.value === null ? 'not measured' : pct(score.value)}</strong>
          {score.chance !== null && <> (chance {pct(score.chance)}{init?.heldOutScores?.[k]?.value != null && init !== last ? `, random init ${pct(init.heldOutScores[k].value)}` : ''})</>}
          <span className="muted"> · {score.detail}</span>
        </span>
      ))}
    </div>
  );
}

export function HeldOutScoresChart() {
  const evals = useDeferredValue(useFocusedRun((r) => r.evals));
  const specs = useScoreSpecs();
  if (specs.length === 0) return null;
  return <ScoresView evals={evals} specs={specs} />;
}

const ScoresView = memo(function ScoresView({ evals, specs }: { evals: EvalPoint[]; specs: readonly HeldOutScoreSpec[] }) {
  const scored = evals.filter((e) => e.heldOutScores?.some((s) => s.value !== null));
  const data = scored.map((e) => ({ step: e.step, ...Object.fromEntries(specs.map((_, k) => [`s${k}`, e.heldOutScores?.[k]?.value == null ? null : e.heldOutScores[k].value! * 100])) }));
  const last = scored[scored.length - 1];
  const init = scored.find((e) => e.step === 0);
  const names = specs.map((s) => s.name).join(', ');
  const title = `${names.charAt(0).toUpperCase()}${names.slice(1)} on held-out videos`;
  const color = (k: number) => SCORE_COLORS[k % SCORE_COLORS.length];
  // Chance and random-init lines carry no labels on the plot (they overlapped): a key under the chart names them.
  const refs = specs.flatMap((s, k) => {
    const chance = last?.heldOutScores?.[k]?.chance;
    const v = init?.heldOutScores?.[k]?.value;
    const prefix = specs.length > 1 ? `${s.name}: ` : '';
    return [
      ...(chance == null ? [] : [{ key: `c${k}`, y: chance, label: `${prefix}chance`, color: COLORS.ref, dash: '4 4' }]),
      ...(v == null ? [] : [{ key: `i${k}`, y: v, label: `${prefix}random init`, color: color(k), dash: '2 3' }]),
    ];
  });
  const summary = last ? `${title} at step ${last.step}: ${lastValues(data, specs.map((s, k) => ({ name: s.name, value: (p: (typeof data)[number]) => (p as Record<string, number | null>)[`s${k}`], format: (v: number) => `${v.toFixed(1)}%` })))}${refs.length ? `; references: ${refs.map((r) => `${r.label} ${pct(r.y)}`).join(', ')}` : ''}.` : undefined;
  return (
    <ChartFrame
      title={title} testId="held-out-chart" points={data.length}
      series={JSON.stringify(scored.map((e) => ({ step: e.step, values: e.heldOutScores!.map((s) => s.value) })))}
      summary={summary}
      note={<>
        <ReferenceKey items={refs.map((r) => ({ label: r.label, value: pct(r.y), color: r.color, dash: r.dash }))} />
        {' '}{specs.map((s) => `${s.help} ${s.better === 'lower' ? 'Lower is better.' : 'Higher is better.'}`).join(' ')} Gray dashed: chance. Dotted: the random-init encoder (step 0).
      </>}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis {...stepAxisProps} />
        <YAxis {...axisProps} domain={[0, specs.every((s) => s.better === 'lower') ? 'auto' : 100]} tickFormatter={(v: number) => `${v}%`} allowDecimals={false} width={60} label={yTitle('score (%)')} />
        <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} labelFormatter={(s) => `step ${s}`} />
        <Legend verticalAlign="top" height={24} />
        {refs.map((r) => <ReferenceLine key={r.key} y={r.y * 100} stroke={r.color} strokeOpacity={0.7} strokeDasharray={r.dash} />)}
        {specs.map((s, k) => <Line key={s.name} type="linear" dataKey={`s${k}`} name={s.name} stroke={SCORE_COLORS[k % SCORE_COLORS.length]} isAnimationActive={false} strokeWidth={2} />)}
      </LineChart>
    </ChartFrame>
  );
});
