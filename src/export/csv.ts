/** RFC 4180 CSV writing, shared by the metric and results exports. Pure. */

export type CsvCell = string | number | null | undefined;

/** A field as CSV writes it: numbers in full precision (String), missing values empty, quoted where needed. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : neutralised(value);
  // RFC 4180: fields holding a comma, a double quote or a line break are quoted, quotes doubled.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first:
 * OWASP's "CSV injection") gets a leading apostrophe, so it shows as text. Numbers are never
 * text cells here (csvField prints them itself), and a text cell that is a plain number ("-0.5")
 * is left as it is: it cannot run anything.
 */
export function neutralised(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim())) return text;
  return `'${text}`;
}

/** Rows (the header first) as CSV text; every line ends with "\n". */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\n').join('');
}
