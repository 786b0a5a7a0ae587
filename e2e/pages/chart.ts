/** A recharts chart of the page, read through the data attributes the app puts on it. */
import type { Locator } from '@playwright/test';

export class Chart {
  constructor(readonly root: Locator) {}

  /** How many points the chart holds (data-points). */
  async points(): Promise<number> {
    return Number(await this.root.getAttribute('data-points'));
  }

  /** The data behind the chart (data-series, JSON). */
  async series<T = number>(): Promise<T[]> {
    return JSON.parse((await this.root.getAttribute('data-series'))!) as T[];
  }

  /** Drawn line paths (recharts renders each series as a path with a "d"). */
  async drawnLines(): Promise<number> {
    return this.root.locator('path.recharts-line-curve[d]').count();
  }

  get referenceLines(): Locator { return this.root.locator('.recharts-reference-line'); }
  get areas(): Locator { return this.root.locator('path.recharts-area-area'); }
  get legendItems(): Locator { return this.root.locator('.recharts-legend-item-text'); }
  get pngButton(): Locator { return this.root.getByTestId('png-button'); }
  /** The tick labels as drawn on the y axis (or the x axis), bottom to top. */
  async tickLabels(axis: 'x' | 'y'): Promise<string[]> {
    return this.root.locator(`.recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`).allTextContents();
  }
  /** Every label drawn in the plot: the axis titles, and any label on a reference line. */
  get plotLabels(): Locator { return this.root.locator('svg text.recharts-label'); }
  /** The key of the reference lines under the chart: "chance 25.0%", … */
  get referenceKey(): Locator { return this.root.getByTestId('reference-key'); }
  /** What a screen reader reads for the chart: the last value of each series. */
  get summary(): Locator { return this.root.getByTestId('chart-summary'); }
}
