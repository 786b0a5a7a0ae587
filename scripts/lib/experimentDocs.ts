/** Writes the generated table into docs/experiments.md and its summary into README.md, between their markers. */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterFirstParagraph, beforeHeading, endMarker, replaceBetweenMarkers } from './markers';

export const TABLE_MARKERS = 'experiments';
export const SUMMARY_MARKERS = 'experiments-summary';
export const PRESET_MARKERS = 'experiments-presets';

/** The table goes near the top of docs/experiments.md, after its title and first paragraph. */
export const withTable = (doc: string, table: string) => replaceBetweenMarkers(doc, TABLE_MARKERS, table, afterFirstParagraph);

/**
 * The README's summary gets a section of its own before "How it works", below the feature list
 * (the README keeps starting with its two commands).
 */
export const withSummary = (readme: string, summary: string) =>
  replaceBetweenMarkers(readme, SUMMARY_MARKERS, summary, beforeHeading('## How it works'), '## Results (`npm run experiments`)\n\n');

/** The presets' tables go right after the main table (the hand-written discussion follows them). */
export const withPresetTables = (doc: string, tables: string) =>
  replaceBetweenMarkers(doc, PRESET_MARKERS, tables, (text) => {
    const end = text.indexOf(endMarker(TABLE_MARKERS));
    return end < 0 ? text.length : text.indexOf('\n', end) + 1;
  });

export function writeDocs(table: string, summary: string, presetTables: string, paths = { doc: 'docs/experiments.md', readme: 'README.md' }): void {
  writeFileSync(paths.doc, withPresetTables(withTable(readFileSync(paths.doc, 'utf8'), table), presetTables));
  writeFileSync(paths.readme, withSummary(readFileSync(paths.readme, 'utf8'), summary));
}
