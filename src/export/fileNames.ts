/** Download file names: the run's name and what the file holds, as lower-case ASCII words joined by "-". */

const MAX_STEM = 100;

/** "SimCLR: NT-Xent temperature 0.2" -> "simclr-nt-xent-temperature-0-2" (whole words up to 100 characters). */
export function slug(text: string, fallback = 'run'): string {
  const s = text
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '') // drop accents: "é" -> "e"
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (s.length <= MAX_STEM) return s || fallback;
  const cut = s.slice(0, MAX_STEM + 1);
  const word = cut.lastIndexOf('-');
  return (word > 0 ? cut.slice(0, word) : s.slice(0, MAX_STEM)) || fallback;
}

/** A run's file: "simclr-100-steps.metrics.csv". */
export function runFileName(runName: string, what: string, ext: string): string {
  return `${slug(runName)}.${what}.${ext}`;
}

/** A chart's PNG, named by the run (or comparison) it shows and the chart: "simclr-100-steps.training-loss.png". */
export function chartFileName(title: string, subject?: string): string {
  const chart = slug(title, 'chart');
  const who = subject ? slug(subject) : '';
  return who && who !== chart ? `${who}.${chart}.png` : `${chart}.png`;
}
