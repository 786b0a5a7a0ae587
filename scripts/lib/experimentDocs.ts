/** Writes the generated table into docs/experiments.md and its summary into README.md, between their markers. */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterFirstParagraph, beforeHeading, replaceBetweenMarkers } from './markers';

export const TABLE_MARKERS = 'experiments';
export const SUMMARY_MARKERS = 'experiments-summary';

/** The table goes near the top of docs/experiments.md, after its title and first paragraph. */
export const withTable = (doc: string, table: string) => replaceBetweenMarkers(doc, TABLE_MARKERS, table, afterFirstParagraph);

/**
 * The README's summary gets a section of its own before "How it works", below the feature list
 * (the README keeps starting with its two commands).
 */
export const withSummary = (readme: string, summary: string) =>
  replaceBetweenMarkers(readme, SUMMARY_MARKERS, summary, beforeHeading('## How it works'), '## Results (`npm run experiments`)\n\n');

export function writeDocs(table: string, summary: string, paths = { doc: 'docs/experiments.md', readme: 'README.md' }): void {
  writeFileSync(paths.doc, withTable(readFileSync(paths.doc, 'utf8'), table));
  writeFileSync(paths.readme, withSummary(readFileSync(paths.readme, 'utf8'), summary));
}
