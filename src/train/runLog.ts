/**
 * What a training worker has posted of its run so far, kept so a checkpoint can carry it
 * (RunProgress): metric rows with their wall times, evaluations (without embeddings), the raw-pixel
 * baseline, the latest evaluation's embeddings with the map's labels, and the step time. Wall times
 * are seconds since the run began, continuing across resumes (from the restored progress's wallMs).
 * No tfjs, no messaging.
 */
import type { RunProgress } from '../checkpoint/types';
import type { BaselineResult, EvalResult, MapPoints } from '../eval/types';
import type { EmbeddingRecord } from '../experiment/types';
import type { MetricPoint } from '../store/metricsBuffer';

export class RunLog {
  private readonly points: MetricPoint[] = [];
  private readonly evals: RunProgress['evals'] = [];
  private baseline: BaselineResult | null = null;
  private embeddings: EmbeddingRecord | null = null;
  private msPerStep = 0;
  private imagesPerSecond = 0;
  private readonly offsetMs: number;
  private readonly startedAt: number;

  /**
   * map: the run's map points (labels, class names, clips of the embeddings); restored: the
   * progress a continued run starts from.
   */
  constructor(readonly metricNames: readonly string[], private readonly map: MapPoints | null, restored?: RunProgress, private readonly now: () => number = () => performance.now()) {
    this.startedAt = now();
    this.offsetMs = restored?.wallMs ?? 0;
    if (restored) {
      this.points.push(...restored.points);
      this.evals.push(...restored.evals);
      this.baseline = restored.baseline;
      this.embeddings = restored.embeddings;
      this.msPerStep = restored.msPerStep;
      this.imagesPerSecond = restored.imagesPerSecond;
    }
  }

  /** Training wall time so far, milliseconds (summed over resumes). */
  wallMs(): number {
    return this.offsetMs + (this.now() - this.startedAt);
  }

  get hasBaseline(): boolean {
    return this.baseline !== null;
  }

  /** Rows [rows * names] as the loop read them back (copied: the worker transfers the buffer after). */
  addMetrics(firstStep: number, rows: number, values: Float32Array, msPerStep: number, imagesPerSecond: number): void {
    const width = this.metricNames.length;
    const wall = this.wallMs();
    for (let r = 0; r < rows; r++) {
      // Rows arrive in batches: their wall times are spread back from now at the measured step time.
      const p: MetricPoint = { step: firstStep + r, wall: (wall - (rows - 1 - r) * msPerStep) / 1000 };
      this.metricNames.forEach((name, i) => { p[name] = values[r * width + i]; });
      this.points.push(p);
    }
    this.msPerStep = msPerStep;
    this.imagesPerSecond = imagesPerSecond;
  }

  /** An evaluation (its embeddings copied: the worker transfers them after). */
  addEvaluation(r: EvalResult): void {
    const { embeddings, ...point } = r;
    this.evals.push({ ...point, wall: this.wallMs() / 1000 });
    const map = this.map;
    this.embeddings = {
      step: r.step, dim: r.dim, data: embeddings.slice(),
      labels: map ? map.labels.slice() : new Int32Array(embeddings.length / Math.max(1, r.dim)).fill(-1),
      classNames: map ? [...map.classNames] : [],
      ...(map?.origin && { clips: { clip: map.origin.clip.slice(), frame: map.origin.frame.slice(), clipNames: [...map.origin.clipNames] } }),
    };
  }

  setBaseline(b: BaselineResult | null): void {
    this.baseline = b;
  }

  /** The progress up to `step`: rows 1..step and the evaluations at or before it. */
  progressAt(step: number): RunProgress {
    const embeddings = this.embeddings && this.embeddings.step <= step ? this.embeddings : null;
    return {
      metricNames: [...this.metricNames],
      points: this.points.filter((p) => p.step <= step),
      evals: this.evals.filter((e) => e.step <= step),
      baseline: this.baseline,
      embeddings,
      wallMs: this.wallMs(),
      msPerStep: this.msPerStep,
      imagesPerSecond: this.imagesPerSecond,
    };
  }
}
