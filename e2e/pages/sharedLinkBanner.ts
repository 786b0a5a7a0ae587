/** What a shared link shows when opened: what it holds, what fell back, its dataset, its Run. */
import type { Locator, Page } from '@playwright/test';

export class SharedLinkBanner {
  constructor(readonly page: Page) {}

  get root(): Locator { return this.page.getByTestId('shared-link'); }
  get error(): Locator { return this.page.getByTestId('shared-link-error'); }
  get problems(): Locator { return this.page.getByTestId('shared-link-problems'); }
  get dataset(): Locator { return this.page.getByTestId('shared-link-dataset'); }
  get runButton(): Locator { return this.page.getByTestId('shared-link-run'); }
}
