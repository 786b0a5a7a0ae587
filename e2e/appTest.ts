/**
 * The `test` and `expect` every spec imports: Playwright's, with the page object (`app`), a
 * second page in a fresh browser context (`openFresh`), and one problem watcher on every page of
 * every context the test opens. A test fails, after its own steps, on any page error, console
 * error or worker console error, and on any request that leaves the local servers, unless the
 * test allows that exact problem with `problems.allow` (which then must occur: a stale allowance
 * fails too).
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { DEV_PORT, PREVIEW_PORT } from './servers';
import { AppPage } from './pages/appPage';

/** The only origins a page may reach: the built app (preview) and the dev server (bench page). */
const LOCAL_ORIGINS = [PREVIEW_PORT, DEV_PORT].map((port) => `http://127.0.0.1:${port}`);

export class ProblemWatcher {
  private readonly seen: string[] = [];
  private readonly allowed: { pattern: RegExp; why: string; hits: number }[] = [];

  /** Watches a context's pages (those open now and those opened later) and their workers. */
  watch(context: BrowserContext): void {
    for (const page of context.pages()) this.watchPage(page);
    context.on('page', (page) => this.watchPage(page));
    context.on('request', (r) => {
      const url = r.url();
      if (!LOCAL_ORIGINS.some((o) => url.startsWith(`${o}/`)) && !url.startsWith('data:') && !url.startsWith('blob:')) this.record(`request to another origin: ${url}`);
    });
  }

  /** Lets one expected problem through; `why` says why this test provokes it. */
  allow(pattern: RegExp, why: string): void {
    this.allowed.push({ pattern, why, hits: 0 });
  }

  /** The problems no allowance covers, then each allowance that matched nothing. */
  unexpected(): string[] {
    const stale = this.allowed.filter((a) => a.hits === 0).map((a) => `allowed but never seen: ${a.pattern} (${a.why})`);
    return [...this.seen, ...stale];
  }

  private watchPage(page: Page): void {
    page.on('pageerror', (e) => this.record(`pageerror: ${e.message}`));
    // The page's console events carry its workers' messages too (training, data, map workers).
    page.on('console', (m) => { if (m.type() === 'error') this.record(`${m.worker() ? 'worker console' : 'console'}: ${m.text()}`); });
  }

  private record(problem: string): void {
    const allowance = this.allowed.find((a) => a.pattern.test(problem));
    if (allowance) allowance.hits++;
    else this.seen.push(problem);
  }
}

interface AppFixtures {
  problems: ProblemWatcher;
  app: AppPage;
  /** The app in a new browser context (its own storage, like another user's browser), watched too. */
  openFresh: (url: string) => Promise<AppPage>;
}

export const test = base.extend<AppFixtures>({
  problems: [async ({ context }, use) => {
    const problems = new ProblemWatcher();
    problems.watch(context);
    await use(problems);
    expect(problems.unexpected(), 'page errors, console errors, worker console errors, foreign requests').toEqual([]);
  }, { auto: true }],
  app: async ({ page }, use) => { await use(new AppPage(page)); },
  openFresh: async ({ browser, problems }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (url) => {
      const context = await browser.newContext();
      contexts.push(context);
      problems.watch(context);
      const app = new AppPage(await context.newPage());
      await app.goto(url);
      return app;
    });
    for (const c of contexts) await c.close();
  },
});

export { expect };
