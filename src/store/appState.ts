/**
 * The app store's shape: five slices, one file each, combined in runStore.ts. A slice may read
 * the others through `get()`; only the runs slice and the pool change `runs`.
 */
import type { StateCreator } from 'zustand';
import type { DraftSlice } from './draftSlice';
import type { HistorySlice } from './historySlice';
import type { PlanSlice } from './planSlice';
import type { RunsSlice } from './runsSlice';
import type { EstimateSlice } from './estimateSlice';

export type AppState = DraftSlice & RunsSlice & PlanSlice & HistorySlice & EstimateSlice;

export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
