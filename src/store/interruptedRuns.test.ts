import { describe, expect, it } from 'vitest';
import { runLockName } from '../checkpoint/types';
import { findInterruptedRuns, LOCK_RECHECKS_MS, sortHeads } from './interruptedRuns';
import { reloadMessage } from './runRecords';
import type { RunState } from './runState';
import { checkpointHead } from './testFixtures';
import { englishText } from '../i18n/render';

describe('runs found interrupted after a reload', () => {
  it('a head whose lock nobody holds and whose run is not in the page comes back; held and present ones do not', () => {
    const heads = [checkpointHead('free', 50), checkpointHead('held', 20), checkpointHead('here', 10)];
    const { found, held } = sortHeads(heads, new Set([runLockName('held')]), new Set(['here']));
    expect(found.map((h) => h.runId)).toEqual(['free']);
    expect(held.map((h) => h.runId)).toEqual(['held']);
  });

  it('adds each as an interrupted live run built from its head: identity, config, backend, progress, checkpoint', async () => {
    const added: RunState[] = [];
    const runs = await findInterruptedRuns({
      listHeads: async () => [checkpointHead('r1', 50)], heldLocks: async () => new Set(), runsInSession: () => new Set(), add: (r) => added.push(...r),
    });
    expect(added).toEqual(runs);
    const [run] = runs;
    expect(run).toMatchObject({ id: 'r1', name: 'Run r1', origin: 'live', phase: 'interrupted', config: { seed: 7 }, datasetRef: { name: 'Colour shapes' }, wallMs: 5000, msPerStep: 100 });
    expect(run.interruption).toEqual({ cause: 'reload', message: reloadMessage(50) });
    expect(englishText(run.interruption!.message)).toMatch(/^This run was interrupted at step 50 when the page was reloaded or closed\./);
    expect(run.backend?.backend).toBe('webgl');
    expect(run.points).toHaveLength(50);
    expect(run.checkpoint).toMatchObject({ step: 50, bytes: 400_000 });
    // The map shows class names, as for runs re-opened from history.
    expect(run.mapPoints).toMatchObject({ count: 2, classNames: ['circle', 'square'], imagesKept: false });
    expect(run.embeddings?.step).toBe(50);
  });

  it('re-checks held locks a few times (the previous page\'s workers let go late), then gives up', async () => {
    const added: string[] = [];
    const waits: number[] = [];
    let queries = 0;
    await findInterruptedRuns({
      listHeads: async () => [checkpointHead('late', 5), checkpointHead('other-tab', 5)],
      heldLocks: async () => { queries++; return new Set([runLockName('other-tab'), ...(queries < 3 ? [runLockName('late')] : [])]); },
      runsInSession: () => new Set(), add: (r) => added.push(...r.map((x) => x.id)), sleep: async (ms) => { waits.push(ms); },
    });
    expect(added).toEqual(['late']);
    expect(waits).toEqual(LOCK_RECHECKS_MS);
    expect(LOCK_RECHECKS_MS.reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it('a run that joined the page meanwhile is not added again; a failing listing finds nothing', async () => {
    const inSession = new Set<string>();
    const added: string[] = [];
    await findInterruptedRuns({
      listHeads: async () => [checkpointHead('x', 5)], heldLocks: async () => new Set(inSession.size ? [] : [runLockName('x')]),
      runsInSession: () => inSession, add: (r) => added.push(...r.map((x) => x.id)), sleep: async () => { inSession.add('x'); },
    });
    expect(added).toEqual([]);
    expect(await findInterruptedRuns({ listHeads: async () => { throw new Error('no IndexedDB'); }, heldLocks: async () => new Set(), runsInSession: () => new Set(), add: () => {} })).toEqual([]);
  });
});
