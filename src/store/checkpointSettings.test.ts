import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKPOINTS } from '../checkpoint/types';
import { CHECKPOINT_SETTINGS_KEY, loadCheckpointSettings, saveCheckpointSettings, usableCheckpoints } from './checkpointSettings';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() { return items.size; }, clear: () => items.clear(), key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null, setItem: (k, v) => { items.set(k, v); }, removeItem: (k) => { items.delete(k); },
  };
}

describe('checkpoint settings', () => {
  it('defaults without a stored setting, or with a damaged one', () => {
    const store = memoryStorage();
    expect(loadCheckpointSettings(store)).toEqual(DEFAULT_CHECKPOINTS);
    store.setItem(CHECKPOINT_SETTINGS_KEY, '{not json');
    expect(loadCheckpointSettings(store)).toEqual(DEFAULT_CHECKPOINTS);
    expect(loadCheckpointSettings(null)).toEqual(DEFAULT_CHECKPOINTS);
  });

  it('kept across pages; a value out of range or not whole is replaced by its default', () => {
    const store = memoryStorage();
    saveCheckpointSettings({ everySteps: 10, everySeconds: 0, keep: 3 }, store);
    expect(loadCheckpointSettings(store)).toEqual({ everySteps: 10, everySeconds: 0, keep: 3 });
    expect(usableCheckpoints({ everySteps: Number.NaN, everySeconds: 1.5, keep: 11 })).toEqual(DEFAULT_CHECKPOINTS);
  });
});
