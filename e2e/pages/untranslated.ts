/**
 * What a Chinese reader would still see in English: each visible element's own text (buttons,
 * labels, headings, table cells, paragraphs, list items, options shown) with words to read and no
 * Chinese character. Names that read the same in both languages are allowed (TECHNICAL, the same
 * list the catalogs test uses); text marked lang="en" (a paper's title) is meant to stay English.
 */
import type { Page } from '@playwright/test';
import { TECHNICAL } from '../../src/i18n/scan';

export async function englishOnScreen(page: Page): Promise<string[]> {
  return page.evaluate((technical) => {
    const allowed = new Set(technical);
    const cjk = /[\u3400-\u9fff]/;
    const out: string[] = [];
    const sel = 'button, label, h1, h2, h3, h4, th, td, legend, [role=tab], summary, p, li, dt, dd, figcaption, caption, [role=status], [role=alert], select';
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      if (!el.checkVisibility?.() || el.closest('[lang="en"]') || el.closest('[data-user-text]')) continue;
      let text = el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.textContent ?? '') : el.innerText;
      // Raw catalog keys would be the worst case: they are words too, so they are caught below.
      text = text.replace(/\s+/g, ' ').trim();
      if (!text || cjk.test(text)) continue;
      const words = (text.match(/[A-Za-z][A-Za-z0-9'-]*/g) ?? []).filter((w) => !allowed.has(w) && !allowed.has(w.replace(/[-']+$/, '')) && /[A-Za-z]{3,}/.test(w));
      if (words.length > 0) out.push(`<${el.tagName.toLowerCase()}> ${text.slice(0, 120)}`);
    }
    return [...new Set(out)];
  }, [...TECHNICAL]);
}

/** Catalog keys shown instead of text ("setup.sections.optimisation"). */
export async function rawKeysOnScreen(page: Page): Promise<string[]> {
  const body = await page.locator('body').innerText();
  return [...body.matchAll(/\b(?:app|data|setup|charts|compare|history|learn|messages|content)\.[a-zA-Z][\w-]*(?:\.[\w-]+)*/g)].map((m) => m[0]);
}
