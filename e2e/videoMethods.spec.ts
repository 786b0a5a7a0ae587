/**
 * The video methods train for a few steps through the UI: on WebGPU (forced) on a built-in
 * video dataset (loss, pos/neg similarity, the preview of what they sample, kNN and their own
 * task on held-out videos at steps 0 and 2), and on dropped webm videos on the auto backend (wasm
 * here).
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage, AUTO_BACKEND_HERE, TINY } from './appPage';
import { fixture } from './helpers/dataFiles';

interface Case {
  method: string;
  dataset: string;
  choices?: Record<string, string>;
  params?: Record<string, number>;
  previewRows: number;
  /** Text the preview's labels show (the sampled frames' views and times, tuple kinds). */
  previewText: RegExp;
}

const CASES: Case[] = [
  { method: 'tcn', dataset: 'turntable', choices: { variant: 'multi-view' }, previewRows: 3, previewText: /view \d · t=\d+/ },
  { method: 'wang-gupta', dataset: 'moving-shapes', params: { trackLength: 12, tracksPerClip: 2 }, previewRows: 4, previewText: /t=\d+/ },
  { method: 'shuffle-learn', dataset: 'moving-shapes', previewRows: 3, previewText: /in order|shuffled/ },
];

/** Collects page errors and console errors: a run that "works" while logging errors fails. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  return problems;
}

/**
 * Sets the method, its choices and the tiny run settings, trains 2 steps and waits for the end.
 * On the auto backend with evaluations at steps 0 and 2; on WebGPU without (over SwiftShader an
 * evaluation costs it 10-20 s; the auto-backend runs check each method's evaluations).
 */
async function trainTiny(app: AppPage, method: string, choices: Record<string, string> = {}, params: Record<string, number> = {}, backend = AUTO_BACKEND_HERE): Promise<void> {
  const { page } = app;
  const onWebGpu = backend === 'webgpu';
  if (onWebGpu) await app.chooseBackend('webgpu');
  await app.chooseMethod(method);
  for (const [k, v] of Object.entries(choices)) await app.setChoice(k, v);
  for (const [k, v] of Object.entries({ ...TINY, maxSteps: 2, evalEvery: onWebGpu ? 0 : 2, ...params })) {
    if (await page.locator(`input[data-param="${k}"]`).count()) await app.setParam(k, v);
  }
  await expect(page.getByTestId('param-problems')).toHaveCount(0);
  await page.getByTestId('train-button').click();
  await expect(app.phase()).toHaveAttribute('data-phase', /completed|failed/, { timeout: 420_000 });
  // A failed run fails here with the message the page shows.
  expect(await app.phase().getAttribute('data-phase') === 'failed' ? await page.getByTestId('run-error').textContent() : 'completed').toBe('completed');
  await expect(page.getByTestId('backend-label')).toHaveAttribute('data-backend', backend);
  expect(await app.step()).toBe(2);
  const losses = JSON.parse((await page.getByTestId('loss-chart').getAttribute('data-series'))!) as number[];
  expect(losses).toHaveLength(2);
  for (const l of losses) expect(Number.isFinite(l)).toBe(true);
  await expect.poll(() => app.drawnLines('similarity-chart')).toBe(2); // positive and negative
}

/** Mean brightness (0-255) of each image of a preview row's canvas (images side by side, 2 px apart). */
async function imageMeans(page: Page, caption: string): Promise<number[]> {
  return page.getByTestId('preview-panel').locator(`canvas[aria-label^="${caption}:"]`).evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const count = Number(canvas.dataset.count);
    const step = canvas.width / count;
    const ctx = canvas.getContext('2d')!;
    return Array.from({ length: count }, (_, i) => {
      const d = ctx.getImageData(Math.round(i * step), 0, Math.floor(step) - 6, canvas.height).data;
      let sum = 0;
      for (let k = 0; k < d.length; k += 4) sum += (d[k] + d[k + 1] + d[k + 2]) / 3;
      return sum / (d.length / 4);
    });
  });
}

/** The held-out scores at the last evaluation, as the page shows them. */
async function heldOutScores(page: Page): Promise<{ values: (number | null)[]; chance: (number | null)[] }> {
  const el = page.getByTestId('held-out-scores');
  await expect(el).toBeVisible();
  return { values: JSON.parse((await el.getAttribute('data-values'))!), chance: JSON.parse((await el.getAttribute('data-chance'))!) };
}

for (const c of CASES) {
  for (const backend of ['webgpu', AUTO_BACKEND_HERE]) {
    const evaluates = backend !== 'webgpu';
    test(`${c.method} trains on the built-in ${c.dataset} on ${backend}: preview${evaluates ? ', kNN and its held-out video task at steps 0 and 2' : ''}`, async ({ page }) => {
      const problems = watchProblems(page);
      const app = new AppPage(page);
      await app.open();
      await app.chooseDataset(c.dataset);
      await trainTiny(app, c.method, c.choices, c.params, backend);

      const preview = page.getByTestId('preview-panel');
      await expect(preview.locator('canvas')).toHaveCount(c.previewRows);
      await expect(preview.getByTestId('preview-labels').first()).toContainText(c.previewText);
      if (c.method === 'wang-gupta') {
        // The patches are crops of real frames: not black (tfjs's webgpu cropAndResize drops box
        // indices >= the box count), and not all alike.
        const means = await imageMeans(page, 'first patch (anchor)');
        expect(means.length).toBeGreaterThan(1);
        for (const m of means) expect(m).toBeGreaterThan(10);
        expect(new Set(means.map((m) => Math.round(m))).size).toBeGreaterThan(1);
      }
      if (evaluates) {
        await expect(page.getByTestId('knn-chart')).toHaveAttribute('data-points', '2'); // steps 0 and 2
        await expect(page.getByTestId('knn-value')).toContainText(/kNN top-1 \d+\.\d%/);
        const { values, chance } = await heldOutScores(page);
        expect(values).toHaveLength(1);
        expect(values[0]).not.toBeNull();
        expect(values[0]!).toBeGreaterThanOrEqual(0);
        expect(values[0]!).toBeLessThanOrEqual(1);
        if (c.method === 'tcn') expect(chance[0]!).toBeCloseTo((48 * 48 - 1) / (3 * 48 * 48), 6); // 48 time steps
        else expect(chance[0]).toBe(0.5);
        await expect(page.getByTestId('held-out-chart')).toHaveAttribute('data-points', '2');
        await expect.poll(() => app.drawnLines('held-out-chart')).toBe(1);
      }
      expect(problems).toEqual([]);
    });
  }
}

// Two 3 s clips of a textured square bouncing over a plain background (scripts/make-e2e-fixtures.sh).
const BOUNCES = [
  { name: 'bounce-a.webm', mimeType: 'video/webm', buffer: fixture('bounce-a.webm') },
  { name: 'bounce-b.webm', mimeType: 'video/webm', buffer: fixture('bounce-b.webm') },
];

test('two dropped webm videos: Shuffle and Learn, Wang & Gupta and single-view TCN train 2 steps each; multi-view TCN is refused with the reason', async ({ page }) => {
  test.setTimeout(720_000);
  const problems = watchProblems(page);
  const app = new AppPage(page);
  await app.open();
  await page.getByTestId('file-input').setInputFiles(BOUNCES);
  expect(await app.importStatus()).toBe('loaded');
  await page.locator('[data-testid^="dataset-card-user-"]', { hasText: 'videos' }).last().click();
  await expect(page.getByTestId('summary-videos')).toHaveText('2 videos in 2 scenes (up to 1 view), 60 frames at 10 fps');

  // Two videos: the held-out part is the last fifth of each (6 frames), where 5 ordered frames still fit.
  await trainTiny(app, 'shuffle-learn', {}, { window: 6 });
  await expect(page.getByTestId('preview-panel').locator('canvas')).toHaveCount(3);
  const order = await heldOutScores(page);
  expect(order.values[0]).not.toBeNull();
  expect(order.chance[0]).toBe(0.5);

  await trainTiny(app, 'wang-gupta', {}, { trackLength: 8, patchSize: 12 });
  await expect(page.getByTestId('preview-panel').locator('canvas')).toHaveCount(4);
  await expect(page.getByTestId('preview-panel')).toContainText(/tracks in 2 videos/);
  await expect(page.getByTestId('held-out-scores')).toContainText(/ranking accuracy on held-out videos/);

  await trainTiny(app, 'tcn', { variant: 'single-view' });
  await expect(page.getByTestId('preview-panel').getByTestId('preview-labels').first()).toContainText(/bounce-[ab]\.webm · t=\d+/);
  await expect(page.getByTestId('held-out-scores')).toContainText(/alignment error on held-out videos: not measured/);

  // Multi-view TCN on two unsynchronised videos fails with the reason.
  await app.chooseMethod('tcn');
  await app.setChoice('variant', 'multi-view');
  await page.getByTestId('train-button').click();
  await expect(app.phase()).toHaveAttribute('data-phase', 'failed', { timeout: 120_000 });
  await expect(page.getByTestId('run-error')).toContainText(/synchronised views/);
  expect(problems).toEqual([]);
});

test('two dropped webm videos as synchronised views: multi-view TCN trains and aligns their held-out ends', async ({ page }) => {
  const problems = watchProblems(page);
  const app = new AppPage(page);
  await app.open();
  await page.getByTestId('import-sync').check();
  await page.getByTestId('file-input').setInputFiles(BOUNCES.map((b, i) => ({ ...b, name: `view${i + 1}.webm` })));
  expect(await app.importStatus()).toBe('loaded');
  await page.locator('[data-testid^="dataset-card-user-"]', { hasText: 'videos' }).last().click();
  await expect(page.getByTestId('summary-videos')).toHaveText('2 videos in 1 scene (up to 2 views), 60 frames at 10 fps');
  await trainTiny(app, 'tcn', { variant: 'multi-view' }, { negativeGap: 2 });
  await expect(page.getByTestId('preview-panel').getByTestId('preview-labels').first()).toContainText(/view \d · t=\d+/);
  const alignment = await heldOutScores(page);
  expect(alignment.values[0]).not.toBeNull();
  expect(alignment.chance[0]!).toBeCloseTo((6 * 6 - 1) / (3 * 6 * 6), 6); // 6 held-out time steps
  expect(problems).toEqual([]);
});
