/**
 * The shared problem watcher (appTest.ts) itself: it sees each kind of problem it is there for,
 * and an allowance lets exactly its problem through. Uses Playwright's own `test`, so the
 * watcher under test is the only one.
 */
import { expect, test } from '@playwright/test';
import { ProblemWatcher } from './appTest';

test('the problem watcher records page errors, console errors, worker console errors and foreign requests; an unused allowance is reported', async ({ context, page }) => {
  const problems = new ProblemWatcher();
  problems.watch(context);
  problems.allow(/^console: expected$/, 'logged on purpose below');
  problems.allow(/^console: never logged$/, 'a stale allowance');
  problems.allow(/^console: Failed to load resource: net::ERR_UNSAFE_PORT$/, 'the fetch below, to port 9');
  await page.setContent('<p>blank</p>');
  await page.evaluate(async () => {
    console.error('expected');
    console.error('unexpected');
    console.warn('a warning is not a problem');
    setTimeout(() => { throw new Error('thrown in the page'); });
    const worker = new Worker(URL.createObjectURL(new Blob(["console.error('from the worker')"], { type: 'text/javascript' })));
    await new Promise((resolve) => setTimeout(resolve, 500));
    worker.terminate();
    await fetch('http://127.0.0.2:9/elsewhere').catch(() => undefined);
  });
  await expect.poll(() => problems.unexpected().length).toBe(5);
  expect(problems.unexpected().sort()).toEqual([
    'allowed but never seen: /^console: never logged$/ (a stale allowance)',
    'console: unexpected',
    'pageerror: thrown in the page',
    'request to another origin: http://127.0.0.2:9/elsewhere',
    'worker console: from the worker',
  ]);
});
