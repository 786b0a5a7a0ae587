/**
 * Generated text in a hand-written markdown file: everything between `<!-- name:begin -->` and
 * `<!-- name:end -->` is replaced, and nothing outside them is touched.
 */

export const beginMarker = (name: string) => `<!-- ${name}:begin -->`;
export const endMarker = (name: string) => `<!-- ${name}:end -->`;

/**
 * text with `content` between the markers `name`. Where the markers are absent they are inserted
 * at `insertAt(text)` (an offset at a line start), after `lead` (e.g. a heading for a new
 * section, kept outside the markers), with blank lines around them.
 */
export function replaceBetweenMarkers(text: string, name: string, content: string, insertAt: (text: string) => number, lead = ''): string {
  const begin = beginMarker(name), end = endMarker(name);
  const block = `${begin}\n${content.replace(/\n*$/, '\n')}${end}`;
  const b = text.indexOf(begin);
  const e = text.indexOf(end);
  if (b >= 0 && e > b) return text.slice(0, b) + block + text.slice(e + end.length);
  if (b >= 0 || e >= 0) throw new Error(`only one of ${begin} and ${end} is in the file: fix it by hand`);
  const at = insertAt(text);
  const before = text.slice(0, at);
  const gap = before && !before.endsWith('\n') ? '\n\n' : '';
  return `${before}${gap}${lead}${block}\n\n${text.slice(at)}`;
}

/** After the title and the first paragraph: the offset of the line after the first paragraph's blank line. */
export function afterFirstParagraph(text: string): number {
  const lines = text.split('\n');
  let i = 0;
  let offset = 0;
  const next = () => { offset += lines[i].length + 1; i++; };
  while (i < lines.length && !lines[i].startsWith('# ')) next();
  if (i < lines.length) next(); // the title
  while (i < lines.length && lines[i].trim() === '') next();
  while (i < lines.length && lines[i].trim() !== '') next(); // the first paragraph
  while (i < lines.length && lines[i].trim() === '') next();
  return Math.min(offset, text.length);
}

/** Before the first `## heading` line (or at the end): where a new section goes. */
export function beforeHeading(heading: string): (text: string) => number {
  return (text) => {
    const m = text.indexOf(`\n${heading}\n`);
    return m >= 0 ? m + 1 : text.length;
  };
}
