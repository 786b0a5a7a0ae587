/** The page itself: its Content-Security-Policy, param validation, labels and keyboard order, the view preview. */
import { expect, test } from './appTest';
import { countPixels } from './pages/canvasPixels';

test('the built app carries a Content-Security-Policy that blocks other origins', async ({ app, page, problems }) => {
  // The refused request is what this test provokes; Chromium logs the refusal as console errors.
  const why = 'the test fetches another origin to see the policy refuse it';
  problems.allow(/^console: Connecting to 'http:\/\/127\.0\.0\.2:9\/steal' violates the following Content Security Policy directive: "connect-src 'self'"/, why);
  problems.allow(/^console: Fetch API cannot load http:\/\/127\.0\.0\.2:9\/steal\. Refused to connect/, why);
  const response = await page.goto('/');
  const header = response?.headers()['content-security-policy'] ?? '';
  expect(header).toContain("default-src 'self'");
  expect(header).toContain("connect-src 'self'");
  await expect(app.securityPolicyMeta).toHaveCount(1);
  await expect(app.trainButton).toBeVisible();
  // A request to another origin is refused by the browser before it leaves the machine.
  const outcome = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
    const fetched = await fetch('http://127.0.0.2:9/steal').then(() => 'sent', () => 'blocked');
    return { fetched, directive: await violation };
  });
  expect(outcome).toEqual({ fetched: 'blocked', directive: 'connect-src' });
});

test('an invalid param is flagged where it is typed and Train stays disabled until it is fixed', async ({ app }) => {
  await app.open();
  await app.setParam('temperature', 0);
  await expect(app.paramProblems).toContainText('NT-Xent temperature must be a number from 0.01 to 2');
  await expect(app.trainButton).toBeDisabled();
  await app.setParam('temperature', 0.5);
  await expect(app.paramProblems).toHaveCount(0);
  await expect(app.trainButton).toBeEnabled();
});

test('every control in the setup panel is labelled and reachable by keyboard', async ({ app, page }) => {
  await app.open();
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select')].filter((el) => !(el as HTMLInputElement).labels?.length).map((el) => el.outerHTML),
  );
  expect(unlabelled).toEqual([]);
  await app.datasetSelect.focus();
  await page.keyboard.press('Tab');
  await expect(app.methodSelect).toBeFocused();
});

test('previews the two augmented views before training, and follows the augmentation settings', async ({ app }) => {
  await app.open();
  await app.setParams({ grayscaleProb: 1, jitterProb: 0 });
  await app.showTab('training');
  await app.previewButton.click();
  await expect(app.previewRows).toHaveCount(2, { timeout: 120_000 });
  // Grayscale probability 1: every pixel of both views has r = g = b.
  const colourful = await Promise.all((await app.previewRows.all()).map((c) => countPixels(c, 'colourful')));
  expect(colourful).toEqual([0, 0]);
  await expect(app.stepCounter).toHaveAttribute('data-step', '0'); // nothing trained
});
