/** A newcomer's first visit: a guide that says what the page is and what to do, and the ranges each param accepts. */
import { expect, test } from './appTest';

test('the guide shows on a first visit, stays dismissed after a reload, and comes back from the Guide button', async ({ app, page }) => {
  await app.open();
  await expect(app.guide).toBeVisible();
  await expect(app.guide).toContainText('Self-supervised learning trains an image encoder without labels');
  await expect(app.guide).toContainText('Train');
  await expect(app.guide).toContainText('Compare');
  // A card in the page flow: the controls beside it stay usable while it shows.
  await expect(app.trainButton).toBeEnabled();
  await app.trainButton.scrollIntoViewIfNeeded();
  expect(await app.trainButton.evaluate((b) => { const r = b.getBoundingClientRect(); return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b; })).toBe(true);

  await app.dismissGuide();
  await expect(app.guide).toHaveCount(0);
  await app.reload();
  await expect(page.getByRole('heading', { name: 'Pretext' })).toBeVisible();
  await expect(app.guide).toHaveCount(0);

  await app.guideButton.click();
  await expect(app.guide).toBeVisible();
  await app.reload();
  await expect(app.guide).toBeVisible();
});

test('each numeric param shows the range it accepts', async ({ app }) => {
  await app.open();
  await app.chooseMethod('simclr');
  await expect(app.paramRange('batchSize')).toHaveText('range 4–512');
  await expect(app.paramRange('learningRate')).toHaveText('range 1e-5–1');
  await expect(app.paramRange('temperature')).toHaveText(/^range 0\.01–2$/);
});
