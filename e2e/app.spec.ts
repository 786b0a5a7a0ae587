import { expect, test } from '@playwright/test';
import { AppPage } from './appPage';

test('the built app carries a Content-Security-Policy that blocks other origins', async ({ page }) => {
  const response = await page.goto('/');
  const header = response?.headers()['content-security-policy'] ?? '';
  expect(header).toContain("default-src 'self'");
  expect(header).toContain("connect-src 'self'");
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
  // A request to another origin is refused by the browser before it leaves the machine.
  const outcome = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
    const fetched = await fetch('http://127.0.0.2:9/steal').then(() => 'sent', () => 'blocked');
    return { fetched, directive: await violation };
  });
  expect(outcome).toEqual({ fetched: 'blocked', directive: 'connect-src' });
});

test('an invalid param is flagged where it is typed and Train stays disabled until it is fixed', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.setParam('temperature', 0);
  await expect(page.getByTestId('param-problems')).toContainText('NT-Xent temperature must be a number from 0.01 to 2');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await app.setParam('temperature', 0.5);
  await expect(page.getByTestId('param-problems')).toHaveCount(0);
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

test('every control in the setup panel is labelled and reachable by keyboard', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select')].filter((el) => !(el as HTMLInputElement).labels?.length).map((el) => el.outerHTML),
  );
  expect(unlabelled).toEqual([]);
  await page.getByTestId('dataset-select').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('method-select')).toBeFocused();
});

test('previews the two augmented views before training, and follows the augmentation settings', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.setParams({ grayscaleProb: 1, jitterProb: 0 });
  await app.showTab('training');
  await page.getByTestId('preview-button').click();
  const canvases = page.getByTestId('preview-panel').locator('canvas');
  await expect(canvases).toHaveCount(2, { timeout: 120_000 });
  // Grayscale probability 1: every pixel of both views has r = g = b.
  const colourful = await canvases.evaluateAll((els) => els.map((c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[i + 1]) > 2 || Math.abs(d[i + 1] - d[i + 2]) > 2) n++;
    return n;
  }));
  expect(colourful).toEqual([0, 0]);
  await expect(page.getByTestId('step-counter')).toHaveAttribute('data-step', '0'); // nothing trained
});
