/**
 * Walking a dropped folder: the browser's entry API is mimicked (directory readers hand out at
 * most 100 entries per call, as Chromium's do), since a test cannot make the OS drag a folder.
 */
import { describe, expect, it } from 'vitest';
import { itemsFromDrop, itemsFromInput } from './collectFiles';

type FakeEntry = { isFile: boolean; isDirectory: boolean; name: string; fullPath: string; file?: (ok: (f: File) => void) => void; createReader?: () => { readEntries(ok: (batch: FakeEntry[]) => void): void } };

function fileEntry(fullPath: string): FakeEntry {
  const name = fullPath.slice(fullPath.lastIndexOf('/') + 1);
  return { isFile: true, isDirectory: false, name, fullPath, file: (ok) => ok(new File([name], name)) };
}
function dirEntry(fullPath: string, children: FakeEntry[]): FakeEntry {
  return {
    isFile: false, isDirectory: true, name: fullPath.slice(fullPath.lastIndexOf('/') + 1), fullPath,
    createReader: () => {
      let at = 0;
      return { readEntries: (ok) => { const batch = children.slice(at, at + 100); at += batch.length; setTimeout(() => ok(batch), 0); } };
    },
  };
}
const dataTransfer = (entries: (FakeEntry | null)[], files: File[] = []) =>
  ({ items: entries.map((e) => ({ kind: 'file', webkitGetAsEntry: () => e })), files }) as unknown as DataTransfer;

describe('collecting dropped files', () => {
  it('walks a dropped folder through every batch of its readers, with paths relative to it', async () => {
    const cats = Array.from({ length: 250 }, (_, i) => fileEntry(`/pets/cat/${i}.png`));
    const tree = dirEntry('/pets', [dirEntry('/pets/cat', cats), fileEntry('/pets/loose.png')]);
    const items = await itemsFromDrop(dataTransfer([tree, fileEntry('/extra.webm')]));
    expect(items).toHaveLength(252);
    expect(items[0]).toMatchObject({ path: 'cat/0.png', source: 'pets' });
    expect(items[249]).toMatchObject({ path: 'cat/249.png', source: 'pets' });
    expect(items[250]).toMatchObject({ path: 'loose.png', source: 'pets' });
    expect(items[251]).toMatchObject({ path: 'extra.webm', source: '' });
  });

  it('falls back to the plain file list when the browser gives no entries (a synthetic drop)', async () => {
    const files = [new File(['a'], 'a.png'), new File(['b'], 'b.webm')];
    expect((await itemsFromDrop(dataTransfer([null, null], files))).map((i) => [i.path, i.source])).toEqual([['a.png', ''], ['b.webm', '']]);
    expect(await itemsFromDrop(dataTransfer([], []))).toEqual([]);
  });

  it('reads folder-picker paths ("folder/sub/name") as relative to the chosen folder', () => {
    const picked = new File(['x'], '1.png');
    Object.defineProperty(picked, 'webkitRelativePath', { value: 'pets/cat/1.png' });
    const loose = new File(['y'], '2.png');
    expect(itemsFromInput([picked, loose]).map((i) => [i.path, i.source])).toEqual([['cat/1.png', 'pets'], ['2.png', '']]);
  });
});
