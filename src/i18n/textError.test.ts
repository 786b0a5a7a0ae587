import { describe, expect, it } from 'vitest';
import { errorMessage, TextError } from './textError';
import { englishText, renderText } from './render';
import { i18n } from './i18n';
import { text } from '../shared/text';
import { openDatabase } from '../storage/idb';

describe('an error that carries a Text', () => {
  it('has the English of its Text as its message (read without i18next), and its Text for the page', () => {
    const problem = text('messages.storage.notOpened', { what: text('messages.storage.name.history'), detail: 'UnknownError' });
    const e = new TextError(problem);
    expect(e.message).toBe('History is unavailable: the database could not be opened (private browsing can cause this): UnknownError');
    expect(e.message).toBe(englishText(problem));
    expect(errorMessage(e)).toBe(problem);
    expect(renderText(i18n.getFixedT('zh-CN'), errorMessage(e))).toMatch(/^历史记录不可用：/);
    // Plurals pick the English form the way i18next does.
    const one = text('messages.notice.batchClamped', { batch: 4, count: 1 });
    expect(new TextError(one).message).toBe(englishText(one));
  });

  it('is what opening the stores throws where there is no IndexedDB', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error: a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      const opened = openDatabase('x', 1, () => {}, 'checkpoints');
      await expect(opened).rejects.toBeInstanceOf(TextError);
      await expect(opened).rejects.toThrow('Checkpoints is unavailable: this browser has no IndexedDB, so nothing is kept after a reload.');
    } finally {
      globalThis.indexedDB = saved;
    }
  });
});
