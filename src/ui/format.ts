/** How the UI writes numbers. */

import { formatPercent } from '../i18n/format';

/** An accuracy as "42.1%" in the reader's locale, or "—" when not measured. */
export const pct = (v: number | null | undefined) => formatPercent(v, 1);
