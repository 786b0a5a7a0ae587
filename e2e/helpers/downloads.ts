/** Downloads a click starts, read back from disk, and a small CSV reader for what they hold. */
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';

export const readDownload = async (d: Download) => readFileSync((await d.path())!);

/** The one download `click` starts. */
export async function downloadOf(page: Page, click: () => Promise<void>): Promise<Download> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return d;
}

/** The `count` downloads `click` starts. */
export async function downloadsOf(page: Page, count: number, click: () => Promise<void>): Promise<Download[]> {
  const got: Download[] = [];
  const all = new Promise<void>((resolve) => page.on('download', (d) => { got.push(d); if (got.length === count) resolve(); }));
  await click();
  await all;
  return got;
}

/** A tiny CSV reader for the tests (no quoted newlines in what they check). */
export function parseCsv(text: string): string[][] {
  return text.trim().split('\n').map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')));
}
