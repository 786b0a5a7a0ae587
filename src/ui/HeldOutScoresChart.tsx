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
import { axisProps, ChartFrame, COLORS } from './chartParts';
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
  return (
    <ChartFrame
      title={title} testId="held-out-chart" points={data.length}
      series={JSON.stringify(scored.map((e) => ({ step: e.step, values: e.heldOutScores!.map((s) => s.value) })))}
      note={`${specs.map((s) => `${s.help} ${s.better === 'lower' ? 'Lower is better.' : 'Higher is better.'}`).join(' ')} Gray dashed: chance. Dotted: the random-init encoder (step 0).`}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#eaeef2" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} {...axisProps} label={{ value: 'step', position: 'insideBottom', offset: -8, fontSize: 12 }} />
        <YAxis {...axisProps} domain={[0, specs.every((s) => s.better === 'lower') ? 'auto' : 100]} unit="%" width={48} />
        <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} labelFormatter={(s) => `step ${s}`} />
        <Legend verticalAlign="top" height={24} />
        {specs.map((_, k) => {
          const chance = last?.heldOutScores?.[k]?.chance;
          return chance == null ? null : <ReferenceLine key={`c${k}`} y={chance * 100} stroke={COLORS.ref} strokeDasharray="4 4" label={{ value: 'chance', position: 'insideTopRight', fontSize: 11, fill: COLORS.ref }} />;
        })}
        {specs.map((_, k) => {
          const v = init?.heldOutScores?.[k]?.value;
          return v == null ? null : <ReferenceLine key={`i${k}`} y={v * 100} stroke={SCORE_COLORS[k % SCORE_COLORS.length]} strokeOpacity={0.7} strokeDasharray="2 3" label={{ value: 'random init', position: 'insideBottomLeft', fontSize: 11, fill: SCORE_COLORS[k % SCORE_COLORS.length] }} />;
        })}
        {specs.map((s, k) => <Line key={s.name} type="linear" dataKey={`s${k}`} name={s.name} stroke={SCORE_COLORS[k % SCORE_COLORS.length]} isAnimationActive={false} strokeWidth={2} />)}
      </LineChart>
    </ChartFrame>
  );
});
