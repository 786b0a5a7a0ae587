/** RFC 4180 CSV writing, shared by the metric and results exports. Pure. */

export type CsvCell = string | number | null | undefined;

/** A field as CSV writes it: numbers in full precision (String), missing values empty, quoted where needed. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : value;
  // RFC 4180: fields holding a comma, a double quote or a line break are quoted, quotes doubled.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the header first) as CSV text; every line ends with "\n". */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\n').join('');
}
