/** The map of held-out embeddings (t-SNE or PCA): points, a thumbnail on hover, neighbours on click. */
import type { Locator, Page } from '@playwright/test';

export class EmbeddingMap {
  constructor(readonly page: Page) {}

  get root(): Locator { return this.page.getByTestId('embedding-map'); }
  get canvas(): Locator { return this.page.getByTestId('map-canvas'); }
  get status(): Locator { return this.page.getByTestId('map-status'); }
  get tooltip(): Locator { return this.page.getByTestId('map-tooltip'); }
  get neighbours(): Locator { return this.page.getByTestId('map-neighbours'); }
  get layoutSelect(): Locator { return this.page.getByTestId('map-method'); }

  /** Where the first point is drawn, in canvas pixels. */
  async firstPoint(): Promise<{ x: number; y: number }> {
    const [x, y] = (await this.root.getAttribute('data-first-point'))!.split(',').map(Number);
    return { x, y };
  }
}
