/**
 * The Learn tab: every method shows its loss as a formula, what its symbols mean and a link to its
 * paper, in English and in Chinese; the picker starts at the setup's method and can hand another
 * method to the setup; "Show a batch" draws the setup's batch (and says why a video method cannot
 * draw one from images); no serious or critical axe violations, wide or on a phone.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './appTest';
import { METHOD_IDS, METHOD_SPECS, methodGroup } from '../src/methods/catalog';

/** The Learn tab as a user sees it. */
class LearnTab {
  constructor(readonly page: Page) {}
  async open(): Promise<void> { await this.page.getByTestId('tab-learn').click(); await expect(this.panel).toBeVisible(); }
  get panel(): Locator { return this.page.getByTestId('learn-panel'); }
  get picker(): Locator { return this.page.getByTestId('learn-method'); }
  get formula(): Locator { return this.page.getByTestId('learn-formula'); }
  get paper(): Locator { return this.page.getByTestId('learn-paper'); }
  get article(): Locator { return this.page.getByTestId('learn-article'); }
  get showBatch(): Locator { return this.page.getByTestId('learn-preview-button'); }
  get preview(): Locator { return this.page.getByTestId('learn-preview'); }
  get previewRows(): Locator { return this.preview.locator('canvas'); }
  get otherMethod(): Locator { return this.page.getByTestId('learn-other-method'); }
  get pickMethod(): Locator { return this.page.getByTestId('learn-pick-method'); }
  get previewProblem(): Locator { return this.page.getByTestId('learn-preview-problem'); }
  heading(level: number, name?: string | RegExp): Locator { return this.panel.getByRole('heading', { level, ...(name !== undefined && { name }) }); }
  async choose(id: string): Promise<void> { await this.picker.selectOption(id); }
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="learn-panel"]').analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}

test('every method shows its formula, its symbols, its paper and its place in the article', async ({ app, page }) => {
  await app.open();
  const learn = new LearnTab(page);
  await learn.open();
  await expect(learn.heading(2)).toHaveText('Learn: how each method learns');
  await expect(learn.picker).toHaveValue('simclr'); // the setup's method
  for (const id of METHOD_IDS) {
    await learn.choose(id);
    const spec = METHOD_SPECS[id];
    await expect(learn.heading(3, spec.label)).toBeVisible();
    for (const section of ['Pretext task', 'Loss', 'A batch', 'What to watch on the charts', 'Paper and article']) {
      await expect(learn.heading(4, section)).toBeVisible();
    }
    await expect(learn.formula).toHaveCount(1);
    await expect(learn.formula).toContainText('L');
    expect((await learn.formula.textContent())?.trim().length, id).toBeGreaterThan(10);
    await expect(learn.panel.locator('.learn-symbols dd').first()).not.toBeEmpty();
    await expect(learn.panel.locator('.learn-watch li')).not.toHaveCount(0);
    await expect(learn.paper).toHaveAttribute('href', spec.paper.url);
    await expect(learn.paper).toHaveText(spec.paper.title);
    // The context pretexts are named in the article's overview (section 1.1), not among its papers.
    await expect(learn.article).toContainText(id === 'supervised' ? 'supervised baseline' : methodGroup(id) === 'context' ? 'section 1.1' : /section 2\.[123] /);
  }
  await learn.choose('simclr');
  await expect(learn.formula).toContainText('τ');
  await expect(learn.article).toContainText('2.3 基于对比 (Contrastive based)');
});

test('Show a batch draws the setup method’s batch; another method can be handed to the setup', async ({ app, page }) => {
  await app.open();
  const learn = new LearnTab(page);
  await learn.open();
  await expect(learn.otherMethod).toHaveCount(0);
  await learn.showBatch.click();
  await expect(learn.previewRows).toHaveCount(2, { timeout: 180_000 }); // SimCLR: two views of each image

  // Another method: the batch would still be the setup's, so the tab offers to switch the setup.
  await learn.choose('moco');
  await expect(learn.otherMethod).toContainText('SimCLR');
  await expect(learn.preview).toBeVisible(); // still the setup's SimCLR batch, as the note says
  await learn.pickMethod.click();
  await expect(app.methodSelect).toHaveValue('moco');
  await expect(learn.preview).toHaveCount(0); // that batch was of the old setup
  await expect(learn.otherMethod).toHaveCount(0);
  await learn.showBatch.click();
  await expect(learn.previewRows).toHaveCount(2, { timeout: 180_000 }); // query and key views

  // A video method cannot draw a batch from the default image dataset: it says so instead.
  await learn.choose('tcn');
  await learn.pickMethod.click();
  await expect(app.methodSelect).toHaveValue('tcn');
  await expect(learn.previewProblem).toContainText('trains on videos');
  await expect(learn.showBatch).toBeDisabled();
});

test('the Learn tab reads in Chinese', async ({ app, page }) => {
  await app.open();
  await page.getByTestId('language').selectOption('zh-CN');
  const learn = new LearnTab(page);
  await learn.open();
  await expect(learn.heading(2)).toHaveText('学习：每种方法怎样学习');
  await expect(learn.heading(4, '代理任务')).toBeVisible();
  await expect(learn.picker).toHaveValue('simclr');
  await expect(learn.formula).toContainText('τ');
  await expect(learn.paper).toHaveAttribute('href', METHOD_SPECS.simclr.paper.url);
  await expect(learn.article).toContainText('2.3 基于对比');
  await learn.choose('tcn');
  await expect(learn.article).toContainText('2.2 基于时序');
  await expect(learn.showBatch).toHaveText('显示一个批次');
});

for (const { width, height } of [{ width: 1400, height: 1000 }, { width: 390, height: 844 }]) {
  test(`no serious or critical axe violations on the Learn tab at ${width} px`, async ({ app, page }) => {
    await page.setViewportSize({ width, height });
    await app.open();
    const learn = new LearnTab(page);
    await learn.open();
    const found: string[] = [];
    for (const id of ['simclr', 'dim', 'wang-gupta']) {
      await learn.choose(id);
      found.push(...(await seriousViolations(page)).map((v) => `${id}: ${v}`));
    }
    await learn.choose('simclr');
    await learn.showBatch.click();
    await expect(learn.previewRows).toHaveCount(2, { timeout: 180_000 });
    found.push(...(await seriousViolations(page)).map((v) => `with a batch: ${v}`));
    expect(found).toEqual([]);
  });
}
