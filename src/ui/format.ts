/** How the UI writes numbers. */

/** An accuracy as "42.1%", or "—" when not measured. */
export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
