import { describe, expect, it } from 'vitest';
import { createAppStore, selectFocusedRun } from './runStore';
import { BUDGET_KEY, draftCost, loadBudget, saveBudget } from './estimateSlice';
import { fakeClients, liveRun } from './testFixtures';
import { setupKey, stepsForMinutes } from '../shared/estimate';
import { englishText } from '../i18n/render';

function setup() {
  const fake = fakeClients();
  const { useStore } = createAppStore({ createClient: fake.create, maxConcurrent: 2, now: () => 1000, deleteCheckpoints: async () => {} });
  return { store: useStore, clients: fake.clients };
}

const TIMING = { backend: 'wasm' as const, steps: 5, msPerStep: 300, warmupMs: 900, evalMs: 2000 };

describe('time estimate and budget', () => {
  it('Time a few steps: a worker times the draft, the timing is kept under its setup key, and the worker goes', async () => {
    const { store, clients } = setup();
    const pending = store.getState().timeDraftSteps();
    expect(store.getState().stepProbe).toMatchObject({ status: 'timing', key: setupKey(store.getState().draft) });
    expect(englishText(store.getState().stepProbe.detail)).toBe('starting a worker');
    const probe = clients[0];
    expect(probe.commands).toEqual(['timeSteps']);
    probe.emit({ type: 'phase', phase: 'building', detail: 'timing step 2 of 5' });
    expect(store.getState().stepProbe.detail).toBe('timing step 2 of 5');
    probe.emit({ type: 'stepTiming', ...TIMING });
    probe.emit({ type: 'ended', reason: 'completed', steps: 0 });
    expect(await pending).toEqual(TIMING);
    expect(probe.terminated).toBe(true);
    expect(store.getState().stepProbe.status).toBe('idle');
    expect(store.getState().currentDraftCost()).toMatchObject({ msPerStep: 300, evalMs: 2000, backend: 'wasm' });
    expect(englishText(store.getState().currentDraftCost()!.source)).toBe('timing 5 steps');
    // Another setup has no estimate; the same one again has it.
    store.getState().setParam('width', 16);
    expect(store.getState().currentDraftCost()).toBeNull();
    store.getState().setParam('width', 8);
    expect(store.getState().currentDraftCost()?.msPerStep).toBe(300);
  });

  it('a failed timing says why and leaves no estimate', async () => {
    const { store, clients } = setup();
    const pending = store.getState().timeDraftSteps();
    clients[0].emit({ type: 'ended', reason: 'failed', steps: 0, message: 'no backend' });
    expect(await pending).toBeNull();
    expect(store.getState().stepProbe).toMatchObject({ status: 'failed', detail: 'no backend' });
    expect(store.getState().currentDraftCost()).toBeNull();
  });

  it('a minutes budget with no estimate times the steps first, then trains the steps that fit, recorded as steps in the run config', async () => {
    const { store, clients } = setup();
    store.getState().setRunSetting('evalEvery', 50);
    store.getState().setBudgetMode('minutes');
    store.getState().setBudgetMinutes(2);
    const training = store.getState().trainWithBudget();
    expect(store.getState().runs).toHaveLength(0); // not before the timing
    clients[0].emit({ type: 'stepTiming', ...TIMING });
    clients[0].emit({ type: 'ended', reason: 'completed', steps: 0 });
    await training;
    const expected = stepsForMinutes(2, { msPerStep: 300, evalMs: 2000, baselineMs: 0 }, 50);
    expect(expected % 10).toBe(0);
    const run = selectFocusedRun(store.getState());
    expect(run.config?.maxSteps).toBe(expected);
    expect(run.budget).toEqual({ minutes: 2 });
    expect(store.getState().draft.maxSteps).toBe(expected);
    expect(clients[1].commands).toEqual(['train']);
    expect(clients[1].config?.maxSteps).toBe(expected);
    // The link carries steps: the experiment's settings have the steps, no minutes.
    expect(store.getState().currentExperiment().settings.maxSteps).toBe(expected);
    expect(JSON.stringify(store.getState().currentExperiment())).not.toContain('minutes');
  });

  it('a steps budget trains the draft as it is, and an estimate from a measured run of the same setup needs no timing', async () => {
    const { store, clients } = setup();
    const draft = store.getState().draft;
    store.setState({ runs: [liveRun('done', { phase: 'completed', config: draft, createdAt: 5, msPerStep: 250, backend: { backend: 'wasm', adapter: '', why: '', fallbacks: [] },
      points: [{ step: 10, wall: 3, values: [] } as never], evals: [{ step: 0, ms: 1000 } as never] })] });
    expect(store.getState().currentDraftCost()).toMatchObject({ msPerStep: 250, evalMs: 1000 });
    expect(englishText(store.getState().currentDraftCost()!.source)).toBe('your run "done"');
    await store.getState().trainWithBudget();
    expect(selectFocusedRun(store.getState())).toMatchObject({ budget: null, config: { maxSteps: draft.maxSteps } });
    store.getState().setBudgetMode('minutes');
    store.getState().setBudgetMinutes(1);
    await store.getState().trainWithBudget();
    expect(clients.map((c) => c.commands[0])).toEqual(['train', 'train']); // no timing worker
    expect(selectFocusedRun(store.getState()).config?.maxSteps).toBe(stepsForMinutes(1, { msPerStep: 250, evalMs: 1000, baselineMs: 0 }, draft.evalEvery));
    expect(draftCost(draft, [], [], {})).toBeNull();
  });

  it('the steps/minutes choice is kept in this browser', () => {
    const values = new Map<string, string>();
    const store = { getItem: (k: string) => values.get(k) ?? null, setItem: (k: string, v: string) => { values.set(k, v); } } as unknown as Storage;
    expect(loadBudget(store)).toEqual({ mode: 'steps', minutes: 2 });
    saveBudget({ mode: 'minutes', minutes: 0.5 }, store);
    expect(JSON.parse(values.get(BUDGET_KEY)!)).toEqual({ mode: 'minutes', minutes: 0.5 });
    expect(loadBudget(store)).toEqual({ mode: 'minutes', minutes: 0.5 });
    values.set(BUDGET_KEY, '{"mode":"hours","minutes":-3}');
    expect(loadBudget(store)).toEqual({ mode: 'steps', minutes: 2 });
  });
});
