import { describe, expect, it } from 'vitest';
import { clampToData, dataLimitProblems, knnNeighbours, tooFewToTrustText, TRUST_MIN_IMAGES } from './dataLimits';
import { englishText } from '../i18n/render';

const classes = (test: number[]) => test.map((t, i) => ({ name: `c${i}`, train: 3, test: t }));

describe('settings the data is too small for', () => {
  it('refuses a batch larger than the training images and classes with fewer than 2 held-out images, saying what to change', () => {
    // The case: 9 training images, batch 32, one held-out image per class.
    const problems = dataLimitProblems({ params: { batchSize: 32 }, evalEvery: 50 }, { trainCount: 9, perClass: classes([1, 1, 1]) }).map(englishText);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/Batch size 32 is larger than the dataset's 9 training images: set it to 9 or less/);
    expect(problems[1]).toMatch(/at least 2 held-out images per class; c0 \(1\), c1 \(1\), c2 \(1\) have fewer/);
    expect(problems[1]).toMatch(/"Evaluate every" to 0/);
    // One training image, one short class: the singulars.
    const one = dataLimitProblems({ params: { batchSize: 4 }, evalEvery: 50 }, { trainCount: 1, perClass: classes([1, 2]) }).map(englishText);
    expect(one).toEqual([
      "Batch size 4 is larger than the dataset's 1 training image: set it to 1 or less, or drop more images.",
      'Evaluation needs at least 2 held-out images per class; c0 (1) has fewer. Drop more images, or set "Evaluate every" to 0 to train without evaluation.',
    ]);
  });

  it('accepts what can work: a batch equal to the data, 2 held-out per class, no evaluation, or no classes', () => {
    expect(dataLimitProblems({ params: { batchSize: 9 }, evalEvery: 50 }, { trainCount: 9, perClass: classes([2, 2, 5]) })).toEqual([]);
    expect(dataLimitProblems({ params: { batchSize: 8 }, evalEvery: 0 }, { trainCount: 9, perClass: classes([1, 0, 1]) })).toEqual([]);
    // Unlabelled data: nothing to score per class (the worker says there is no kNN).
    expect(dataLimitProblems({ params: { batchSize: 8 }, evalEvery: 50 }, { trainCount: 9, perClass: [] })).toEqual([]);
    // One class named among many short ones is still named, the rest counted.
    expect(englishText(dataLimitProblems({ params: {}, evalEvery: 5 }, { trainCount: 90, perClass: classes([0, 1, 1, 1, 1, 1, 9]) })[0])).toMatch(/c0 \(0\), c1 \(1\), c2 \(1\), c3 \(1\) and 2 more have fewer/);
  });

  it('the worker clamps the batch to the data and says so; it leaves a batch that fits alone', () => {
    const { params, notices } = clampToData({ batchSize: 32, width: 8 }, 9);
    expect(params).toEqual({ batchSize: 9, width: 8 });
    expect(notices.map(englishText)).toEqual(['Batch size 32 is larger than the 9 training images: this run uses batches of 9.']);
    expect(englishText(clampToData({ batchSize: 4 }, 1).notices[0])).toBe('Batch size 4 is larger than the 1 training image: this run uses batches of 1.');
    const fits = { batchSize: 8 };
    expect(clampToData(fits, 9)).toEqual({ params: fits, notices: [] });
  });

  it('k is at most half the bank (never the whole bank\'s majority vote) and at least 1', () => {
    expect(knnNeighbours(20, 1000)).toBe(20);
    expect(knnNeighbours(20, 9)).toBe(4);
    expect(knnNeighbours(20, 40)).toBe(20);
    expect(knnNeighbours(20, 1)).toBe(1);
  });

  it('marks accuracies on too few held-out images, and only those', () => {
    expect(tooFewToTrustText(undefined)).toBeNull();
    expect(englishText(tooFewToTrustText(9)!)).toBe('(n = 9, too few to trust)');
    expect(tooFewToTrustText(TRUST_MIN_IMAGES)).toBeNull();
  });
});
