/** Fixture trees written to a temporary folder for the file chooser, and files for synthetic drops. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name));

/** Writes files (relative path -> bytes) under a new temporary folder named `root`; returns its path. */
export function writeTree(root: string, files: Record<string, Buffer | string>): string {
  const base = mkdtempSync(join(tmpdir(), 'pretext-e2e-'));
  const dir = join(base, root);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Dispatches a drop of these files on the drop zone, as a user dragging them from a file manager. */
export async function dropFiles(page: Page, files: { name: string; bytes: Buffer; type?: string }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.type ?? '', data: f.bytes.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.data);
      const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return dt;
  }, payload);
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

/** Pixel colours at the centre of each image of a preview row ([r, g, b] per image). */
export async function rowCentres(page: Page, caption: string, at: 'centre' | 'bottom' = 'centre'): Promise<number[][]> {
  return page.getByTestId('dataset-preview').locator(`canvas[aria-label^="${caption}:"]`).evaluate((el, where) => {
    const canvas = el as HTMLCanvasElement;
    const count = Number(canvas.dataset.count);
    const ctx = canvas.getContext('2d')!;
    const scale = canvas.height / 32;
    const out: number[][] = [];
    for (let i = 0; i < count; i++) {
      const x = Math.round((i * 34 + 16) * scale), y = Math.round((where === 'centre' ? 16 : 29) * scale);
      out.push([...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)]);
    }
    return out;
  }, at);
}
