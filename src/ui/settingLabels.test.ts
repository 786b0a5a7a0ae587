import { describe, expect, it } from 'vitest';
import { RUN_SETTINGS } from '../shared/config';
import { CHECKPOINT_SETTINGS } from '../checkpoint/types';
import { BUDGET_MINUTES } from '../store/estimateSlice';
import { PARAM_SECTIONS } from '../shared/paramGroups';
import { setup } from '../i18n/locales/en/setup';
import { budgetMinutesLabel, checkpointSettingLabel, runSettingLabel } from './settingLabels';

describe("the setup panel's setting names", () => {
  it('say in English what the specs say', () => {
    for (const [key, spec] of Object.entries(RUN_SETTINGS)) expect(runSettingLabel(key), key).toBe(spec.label);
    for (const [key, spec] of Object.entries(CHECKPOINT_SETTINGS)) expect(checkpointSettingLabel(key), key).toBe(spec.label);
    expect(budgetMinutesLabel()).toBe(BUDGET_MINUTES.label);
    for (const s of PARAM_SECTIONS) expect(setup.sections[s.id]).toBe(s.title);
  });

  it('the catalog has no setting the specs lack', () => {
    expect(Object.keys(setup.runSettings).sort()).toEqual(Object.keys(RUN_SETTINGS).sort());
    expect(Object.keys(setup.checkpointSettings).sort()).toEqual(Object.keys(CHECKPOINT_SETTINGS).sort());
    expect(Object.keys(setup.sections).sort()).toEqual(PARAM_SECTIONS.map((s) => s.id).sort());
  });
});
