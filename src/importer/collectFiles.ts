/**
 * Files a user gives the page, as import items with paths relative to what they dropped: folders
 * are walked (all of each directory's entries, which browsers hand out in batches of 100).
 */
import type { ImportItem } from '../shared/dataProtocol';
import { withinDroppedFolder } from '../data/importPaths';

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () => reader.readEntries((batch) => {
      if (batch.length === 0) resolve(all);
      else { all.push(...batch); next(); }
    }, reject);
    next();
  });
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

async function walk(entry: FileSystemEntry, source: string, out: ImportItem[], onCount: (n: number) => void): Promise<void> {
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry);
    // fullPath is "/folder/sub/name": relative to the dropped folder it is "sub/name".
    out.push({ file, path: source ? withinDroppedFolder(entry.fullPath.replace(/^\//, '')) : file.name, source });
    if (out.length % 500 === 0) onCount(out.length);
    return;
  }
  for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) await walk(child, source, out, onCount);
}

/**
 * Must be called inside the drop handler: the entries are taken synchronously (the DataTransfer
 * is emptied when the handler returns), then walked.
 */
export function itemsFromDrop(data: DataTransfer, onCount: (n: number) => void = () => undefined): Promise<ImportItem[]> {
  const entries = [...data.items].filter((i) => i.kind === 'file').map((i) => i.webkitGetAsEntry?.() ?? null);
  const looseFiles = [...data.files];
  return (async () => {
    const out: ImportItem[] = [];
    if (entries.length === 0 || entries.some((e) => e === null)) {
      for (const file of looseFiles) out.push({ file, path: file.name, source: '' });
      return out;
    }
    for (const entry of entries as FileSystemEntry[]) await walk(entry, entry.isDirectory ? entry.name : '', out, onCount);
    return out;
  })();
}

/** Files from an <input type="file">: with webkitdirectory each carries "folder/sub/name". */
export function itemsFromInput(files: FileList | File[]): ImportItem[] {
  return [...files].map((file) => {
    const relative = file.webkitRelativePath;
    if (!relative) return { file, path: file.name, source: '' };
    return { file, path: withinDroppedFolder(relative), source: relative.slice(0, relative.indexOf('/')) };
  });
}
