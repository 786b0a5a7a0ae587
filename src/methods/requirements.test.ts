import { describe, expect, it } from 'vitest';
import { assertDatasetFits, datasetProblem, DatasetProblemError } from './requirements';
import { englishText } from '../i18n/render';
import { catalogEnglish } from '../shared/catalogEnglish';
import { METHOD_SPECS } from './catalog';

describe('what a method needs of a dataset', () => {
  it('says it in the catalog English, the same on the page and on the training side', () => {
    const video = datasetProblem('tcn', { name: 'shapes', kind: 'images', usableClasses: 6 })!;
    expect(englishText(video)).toBe(`${METHOD_SPECS.tcn.label} trains on videos: choose "Moving shapes videos" or "Multi-view turntable", or drop video files, as the dataset.`);
    expect(catalogEnglish(video)).toBe(englishText(video));
    const labels = datasetProblem('supervised', { name: 'my photos', kind: 'images', usableClasses: 0 })!;
    expect(englishText(labels)).toBe('Supervised (baseline) trains on labels: "my photos" has 0 classes with both training and held-out images (it needs 2 or more; put the images in one folder per class).');
    expect(catalogEnglish(labels)).toBe(englishText(labels));
    expect(datasetProblem('simclr', { name: 'x', kind: 'images', usableClasses: 0 })).toBeNull();
  });

  it('the guard throws the English message with its Text', () => {
    const traits = { name: 'my photos', kind: 'images' as const, usableClasses: 1 };
    let thrown: unknown;
    try { assertDatasetFits('supervised', traits); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(DatasetProblemError);
    expect((thrown as DatasetProblemError).message).toBe(englishText(datasetProblem('supervised', traits)!));
    expect((thrown as DatasetProblemError).text).toEqual(datasetProblem('supervised', traits));
  });
});
