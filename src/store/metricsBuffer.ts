/**
 * Metric rows arrive from the worker every few steps; the store takes them at most a few times a
 * second, so charts re-render at a bounded rate whatever the step rate.
 */
export interface MetricPoint {
  step: number;
  /** metric name -> value */
  [metric: string]: number;
}

export function rowsToPoints(names: string[], firstStep: number, rows: number, values: Float32Array): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let r = 0; r < rows; r++) {
    const p: MetricPoint = { step: firstStep + r };
    names.forEach((name, i) => { p[name] = values[r * names.length + i]; });
    points.push(p);
  }
  return points;
}

/** At most `maxPoints` evenly spaced points (the last one always kept), for charts of long runs. */
export function downsample<T>(points: T[], maxPoints: number): T[] {
  if (points.length <= maxPoints) return points;
  const stride = points.length / maxPoints;
  const out: T[] = [];
  for (let i = 0; i < maxPoints - 1; i++) out.push(points[Math.floor(i * stride)]);
  out.push(points[points.length - 1]);
  return out;
}
