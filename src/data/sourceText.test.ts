import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/render';
import { generateMovingShapes } from './movingShapes';
import { generateShapesDataset } from './shapes';
import { generateTurntable } from './turntable';

describe("a built-in dataset's source, as the data panel shows it", () => {
  it('says it is made in the browser, not a source file path', () => {
    const sources = [
      generateShapesDataset(4, 4).source,
      generateMovingShapes({ clipsPerClass: 1, framesPerClip: 2 }).source,
      generateTurntable({ scenesPerClass: 1, frames: 2 }).source,
    ].map(englishText);
    for (const s of sources) {
      expect(s).toMatch(/in your browser from seed \d+/);
      expect(s).not.toMatch(/src\/|\.ts\b|in code/);
    }
  });
});
