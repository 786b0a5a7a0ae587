import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../data/summary';
import { datasetProblem } from '../methods/requirements';
import { draftDatasetTraits } from './draftDatasetTraits';
import { englishText } from '../i18n/render';

const dropped = (kind: 'images' | 'video', perClass: DatasetSummary['perClass']) => ({ name: 'my photos', kind, perClass }) as DatasetSummary;

describe('draftDatasetTraits', () => {
  it('a built-in dataset: its kind from the catalog, labelled', () => {
    expect(draftDatasetTraits('moving-shapes', undefined)).toMatchObject({ kind: 'video', usableClasses: Number.POSITIVE_INFINITY });
    expect(datasetProblem('supervised', draftDatasetTraits('shapes', undefined)!)).toBeNull();
    expect(englishText(datasetProblem('tcn', draftDatasetTraits('shapes', undefined)!)!)).toContain('trains on videos');
  });

  it('a dropped dataset: classes with both training and held-out images are counted', () => {
    const traits = draftDatasetTraits('user-1', dropped('images', [{ name: 'a', train: 3, test: 1 }, { name: 'b', train: 2, test: 0 }, { name: 'c', train: 0, test: 4 }]));
    expect(traits).toEqual({ name: 'my photos', kind: 'images', usableClasses: 1, channels: 3 });
    expect(englishText(datasetProblem('supervised', traits!)!)).toBe('Supervised (baseline) trains on labels: "my photos" has 1 class with both training and held-out images (it needs 2 or more; put the images in one folder per class).');
  });

  it('a dropped dataset not listed yet: nothing to check', () => {
    expect(draftDatasetTraits('user-2', undefined)).toBeNull();
  });
});
