/**
 * Every method, and each variant, trains 2 steps through the UI twice: on WebGPU, forced (auto
 * picks wasm on these GPU-less machines; WebGPU-only bugs such as a kernel's wrong results show
 * only there), and on the auto backend with its evaluations. Each shows finite losses, its
 * positive / negative similarity, its batch preview rows and, on the auto backend, evaluations at
 * steps 0 and 2: kNN and linear probe, the test accuracy of its own classifier heads (SLA, S4L,
 * supervised), a video method's own task on held-out videos. Then the video methods on dropped
 * webm videos.
 *
 * Over SwiftShader an evaluation costs WebGPU 10-20 s of dispatches and pipeline compiles, so the
 * WebGPU runs train 2 steps without evaluating (Evaluate every = 0), except SimCLR's, which also
 * shows the step-0 evaluation on WebGPU (then Stop). The unit tests check every method's
 * evaluations and own tasks on wasm and cpu too.
 */
import { expect, test } from './appTest';
import { AUTO_BACKEND_HERE, TINY, type AppPage } from './pages/appPage';
import { imageMeans } from './pages/canvasPixels';
import { fixture } from './helpers/dataFiles';

interface MethodCase {
  method: string;
  /** A built-in dataset other than the default (colour shapes). */
  dataset?: string;
  choices?: Record<string, string | boolean>;
  params?: Record<string, number>;
  /** Rows in the preview panel (one canvas each). */
  previewRows: number;
  /** Image methods: whether every preview row carries labels. */
  labelled?: boolean;
  /** Video methods: text the first preview row's labels show (sampled views and times, tuple kinds). */
  previewText?: RegExp;
  /** Image methods: classifier heads whose test accuracy the page shows (0: none shown). */
  heads?: number;
  /** Video methods: chance level of the held-out task. */
  heldOutChance?: number;
  /** Trained on WebGPU too (S4L exemplar only on the auto backend, as before). */
  webgpu: boolean;
}

const CASES: MethodCase[] = [
  { method: 'simclr', previewRows: 2, labelled: false, heads: 0, webgpu: true },
  { method: 'moco', params: { queueSize: 32 }, previewRows: 2, labelled: false, heads: 0, webgpu: true },
  // 16 px patches at stride 8: a 3 x 3 grid (the default 7 x 7 grid costs 5x more on SwiftShader).
  { method: 'cpc', params: { patchSize: 16, patchStride: 8, predictSteps: 1, contextDim: 16 }, previewRows: 3, labelled: false, heads: 0, webgpu: true },
  { method: 'dim', choices: { estimator: 'infonce' }, params: { alpha: 0.5 }, previewRows: 3, labelled: false, heads: 0, webgpu: true },
  { method: 'sla', previewRows: 4, labelled: true, heads: 3, webgpu: true },
  { method: 's4l', choices: { variant: 'rotation' }, params: { labelledBatch: 2 }, previewRows: 4, labelled: true, heads: 1, webgpu: true },
  { method: 's4l', choices: { variant: 'exemplar' }, params: { labelledBatch: 2, exemplarViews: 3 }, previewRows: 3, labelled: true, heads: 1, webgpu: false },
  { method: 'supervised', previewRows: 1, labelled: true, heads: 1, webgpu: true },
  { method: 'tcn', dataset: 'turntable', choices: { variant: 'multi-view' }, previewRows: 3, previewText: /view \d · t=\d+/, heldOutChance: (48 * 48 - 1) / (3 * 48 * 48), webgpu: true }, // 48 time steps
  { method: 'wang-gupta', dataset: 'moving-shapes', params: { trackLength: 12, tracksPerClip: 2 }, previewRows: 4, previewText: /t=\d+/, heldOutChance: 0.5, webgpu: true },
  { method: 'shuffle-learn', dataset: 'moving-shapes', previewRows: 3, previewText: /in order|shuffled/, heldOutChance: 0.5, webgpu: true },
  // Masked input, prediction, truth; the held-out hole MSE's reference (the mean image) depends on the data, so no fixed chance.
  { method: 'inpainting', params: { decoderHidden: 8 }, previewRows: 3, labelled: false, heads: 0, webgpu: true },
  // Gray input, prediction, truth; its held-out reference (the most common bin) depends on the data.
  { method: 'colorization', params: { binSize: 40, decoderHidden: 8 }, previewRows: 3, labelled: false, heads: 0, webgpu: true },
  // The four rotations of each image; the held-out rotation accuracy against chance 1/4.
  { method: 'rotnet', previewRows: 4, labelled: true, heads: 0, heldOutChance: 0.25, webgpu: true },
  // The image, its tiles in their cells, the shuffled tiles; the held-out permutation accuracy against chance 1/P (P = 32).
  { method: 'jigsaw', previewRows: 3, previewText: /permutation \d+: \d{9}/, heads: 0, heldOutChance: 1 / 32, webgpu: true },
  // The image, its centre tile, the neighbour; the held-out 8-way accuracy against chance 1/8.
  { method: 'relative-position', previewRows: 3, previewText: /class \d: (up|down|left|right)/, heads: 0, heldOutChance: 1 / 8, webgpu: true },
];

const title = (c: MethodCase) => `${c.method} ${JSON.stringify(c.choices ?? {})}${c.dataset ? ` on the built-in ${c.dataset}` : ''}`;

/** Finite losses, one per step, all drawn; both similarity lines (positive and negative pairs). */
async function expectTrained(app: AppPage, steps: number): Promise<void> {
  await expect.poll(() => app.lossChart.points()).toBe(steps); // the chart catches up with the last metrics
  const losses = await app.losses();
  expect(losses).toHaveLength(steps);
  for (const l of losses) expect(Number.isFinite(l)).toBe(true);
  await expect.poll(() => app.similarityChart.drawnLines()).toBe(2);
}

/** The preview rows of what the method samples, with their labels. */
async function expectPreview(app: AppPage, c: MethodCase): Promise<void> {
  await expect(app.previewRows).toHaveCount(c.previewRows);
  if (c.previewText) await expect(app.previewLabels.first()).toContainText(c.previewText);
  else await expect(app.previewLabels).toHaveCount(c.labelled ? c.previewRows : 0);
  if (c.method === 'sla') await expect(app.previewLabels.first()).toContainText(/·0° = \d+/); // (class)·(rotation)° = joint index
  if (c.method === 'wang-gupta') {
    // The patches are crops of real frames: not black (tfjs's webgpu cropAndResize drops box
    // indices >= the box count), and not all alike.
    const means = await imageMeans(app.previewRow('first patch (anchor)'));
    expect(means.length).toBeGreaterThan(1);
    for (const m of means) expect(m).toBeGreaterThan(10);
    expect(new Set(means.map((m) => Math.round(m))).size).toBeGreaterThan(1);
  }
}

for (const c of CASES.filter((k) => k.webgpu)) {
  const evaluates = c.method === 'simclr';
  test(`${title(c)} trains on WebGPU: finite losses, pos/neg similarity, preview rows${evaluates ? ', the step-0 evaluation' : ''}`, async ({ app }) => {
    await app.open();
    if (c.dataset) await app.chooseDataset(c.dataset);
    await app.setUp({ backend: 'webgpu', method: c.method, choices: c.choices, params: { ...TINY, ...(evaluates ? { maxSteps: 1000, evalEvery: 1000 } : { maxSteps: 2, evalEvery: 0 }), ...c.params } });
    await expect(app.paramProblems).toHaveCount(0);
    await app.train();
    if (evaluates) {
      await app.waitForStep(2);
      await app.stop();
      await app.expectPhase('stopped', 420_000);
    } else {
      await app.expectCompleted();
    }
    await expect(app.backendLabel).toHaveAttribute('data-backend', 'webgpu');
    const steps = await app.step();
    if (evaluates) expect(steps).toBeGreaterThanOrEqual(2);
    else expect(steps).toBe(2);
    await expectTrained(app, steps);
    await expectPreview(app, c);
    if (evaluates) {
      await expect(app.accuracyChart.root).toHaveAttribute('data-points', '1'); // step 0
      await expect(app.accuracySummary).toContainText(/kNN top-1 \d+\.\d%/);
    } else if (!c.heldOutChance) {
      await expect(app.accuracySummary).toContainText('Evaluation is off for this run');
    }
  });
}

/** Trains `setup` 2 steps on the auto backend with evaluations at steps 0 and 2, to completion. */
async function trainTwoStepsOnAuto(app: AppPage, setup: Parameters<AppPage['setUp']>[0]): Promise<void> {
  await app.setUp({ ...setup, params: { ...TINY, maxSteps: 2, evalEvery: 2, ...setup.params } });
  await expect(app.paramProblems).toHaveCount(0);
  await app.train();
  await app.expectCompleted();
  await expect(app.backendLabel).toHaveAttribute('data-backend', AUTO_BACKEND_HERE);
  expect(await app.step()).toBe(2);
  await expectTrained(app, 2);
}

for (const c of CASES) {
  test(`${title(c)} trains 2 steps on the auto backend: evaluations at steps 0 and 2${c.heads ? ', head accuracies' : ''}${c.heldOutChance ? ', its held-out video task' : ''}`, async ({ app }) => {
    await app.open();
    if (c.dataset) await app.chooseDataset(c.dataset);
    await trainTwoStepsOnAuto(app, { method: c.method, choices: c.choices, params: c.params });
    await expectPreview(app, c);
    await expect(app.accuracyChart.root).toHaveAttribute('data-points', '2'); // steps 0 and 2
    if (c.heads !== undefined) {
      if (c.heads > 0) {
        await expect(app.headAccuracies).toContainText('Test accuracy');
        const values = await app.headAccuracyValues();
        expect(values).toHaveLength(c.heads);
        for (const v of values) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThanOrEqual(1); }
      } else {
        await expect(app.headAccuracies).toHaveCount(0);
      }
      await expect.poll(() => app.accuracyChart.drawnLines()).toBe(2 + c.heads); // kNN, linear probe, each head
    }
    if (c.heldOutChance !== undefined) {
      await expect(app.accuracySummary).toContainText(/kNN top-1 \d+\.\d%/);
      const { values, chance } = await app.heldOutScores();
      expect(values).toHaveLength(1);
      expect(values[0]).not.toBeNull();
      expect(values[0]!).toBeGreaterThanOrEqual(0);
      expect(values[0]!).toBeLessThanOrEqual(1);
      expect(chance[0]!).toBeCloseTo(c.heldOutChance, 6);
      await expect(app.heldOutChart.root).toHaveAttribute('data-points', '2');
      await expect.poll(() => app.heldOutChart.drawnLines()).toBe(1);
    }
  });
}

// Two 3 s clips of a textured square bouncing over a plain background (scripts/make-e2e-fixtures.sh).
const BOUNCES = [
  { name: 'bounce-a.webm', mimeType: 'video/webm', buffer: fixture('bounce-a.webm') },
  { name: 'bounce-b.webm', mimeType: 'video/webm', buffer: fixture('bounce-b.webm') },
];

test('two dropped webm videos: Shuffle and Learn, Wang & Gupta and single-view TCN train 2 steps each on the auto backend; multi-view TCN is refused with the reason', async ({ app }) => {
  test.setTimeout(720_000);
  await app.open();
  await app.data.importFiles(BOUNCES);
  expect(await app.data.importStatus()).toBe('loaded');
  await app.data.userCards('videos').last().click();
  await expect(app.data.summary('videos')).toHaveText('2 videos in 2 scenes (up to 1 view), 60 frames at 10 fps');

  // Two videos: the held-out part is the last fifth of each (6 frames), where 5 ordered frames still fit.
  await trainTwoStepsOnAuto(app, { method: 'shuffle-learn', params: { window: 6 } });
  await expect(app.previewRows).toHaveCount(3);
  const order = await app.heldOutScores();
  expect(order.values[0]).not.toBeNull();
  expect(order.chance[0]).toBe(0.5);

  await trainTwoStepsOnAuto(app, { method: 'wang-gupta', params: { trackLength: 8, patchSize: 12 } });
  await expect(app.previewRows).toHaveCount(4);
  await expect(app.preview).toContainText(/tracks in 2 videos/);
  await expect(app.heldOutScoresPanel).toContainText(/ranking accuracy on held-out videos/);

  await trainTwoStepsOnAuto(app, { method: 'tcn', choices: { variant: 'single-view' } });
  await expect(app.previewLabels.first()).toContainText(/bounce-[ab]\.webm · t=\d+/);
  await expect(app.heldOutScoresPanel).toContainText(/alignment error on held-out videos: not measured/);

  // Multi-view TCN on two unsynchronised videos fails with the reason.
  await app.setUp({ method: 'tcn', choices: { variant: 'multi-view' } });
  await app.train();
  await app.expectPhase('failed', 120_000);
  await expect(app.runError).toContainText(/synchronised views/);
});

test('two dropped webm videos as synchronised views: multi-view TCN trains on the auto backend and aligns their held-out ends', async ({ app }) => {
  await app.open();
  await app.data.syncViews.check();
  await app.data.importFiles(BOUNCES.map((b, i) => ({ ...b, name: `view${i + 1}.webm` })));
  expect(await app.data.importStatus()).toBe('loaded');
  await app.data.userCards('videos').last().click();
  await expect(app.data.summary('videos')).toHaveText('2 videos in 1 scene (up to 2 views), 60 frames at 10 fps');
  await trainTwoStepsOnAuto(app, { method: 'tcn', choices: { variant: 'multi-view' }, params: { negativeGap: 2 } });
  await expect(app.previewLabels.first()).toContainText(/view \d · t=\d+/);
  const alignment = await app.heldOutScores();
  expect(alignment.values[0]).not.toBeNull();
  expect(alignment.chance[0]!).toBeCloseTo((6 * 6 - 1) / (3 * 6 * 6), 6); // 6 held-out time steps
});
