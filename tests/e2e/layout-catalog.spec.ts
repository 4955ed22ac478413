import { expect, test, type Browser, type Page } from '@playwright/test';
import { agentForFile } from './support/agent-for-file';
import {
  addReader,
  checkRoute,
  openRoute,
  READER,
  signInAs,
  WIDTHS,
  type Account,
} from './support/layout-checks';
import { EPUB_TO_READ, fillRealisticCatalog } from './support/realistic-catalog';

/**
 * Every route, at a phone's, a tablet's and a laptop's width, with a library
 * as people have them: the page fits the window, no text is drawn over other
 * text, and axe finds nothing serious — in the light theme and the dark one,
 * as an admin and as a reader.
 */

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const { agent } = agentForFile('layout-catalog', fillRealisticCatalog);

/** Routes with ids, found once from the catalog as a user would (the first link of each list). */
let ids: { book: string; series: string; author: string; read: string } | undefined;

async function linkTarget(page: Page, url: string, testId: string, name?: RegExp) {
  await openRoute(page, url);
  const links = page.getByTestId(testId);
  const link = name ? links.filter({ hasText: name }).first() : links.first();
  const href = await link.getAttribute('href');
  if (!href) throw new Error(`No ${testId} link on ${url}`);
  return href;
}

async function adminRoutes(): Promise<string[]> {
  if (!ids) throw new Error('ids are found in beforeAll');
  return [
    '/',
    '/books',
    '/books?view=list',
    ids.book,
    `${ids.book}/metadata`,
    '/series',
    ids.series,
    '/authors',
    ids.author,
    '/scanning',
    '/jobs',
    '/rename',
    '/data-sources',
    '/duplicates',
    '/missing',
    '/formats',
    '/local',
    '/settings',
    '/settings/users',
    ids.read,
  ];
}

/** What a reader can reach from their menu, and the pages of their Settings. */
function readerRoutes(): string[] {
  if (!ids) throw new Error('ids are found in beforeAll');
  return [
    '/',
    '/books',
    ids.book,
    `${ids.book}/metadata`,
    '/series',
    ids.series,
    '/authors',
    ids.author,
    '/local',
    '/settings',
    // Admin pages visited by a reader say they are for admins.
    '/rename',
    '/missing',
    ids.read,
  ];
}

async function pageAt(browser: Browser, width: (typeof WIDTHS)[number], account: Account) {
  const context = await browser.newContext({
    viewport: { width: width.width, height: width.height },
  });
  const page = await context.newPage();
  await signInAs(page, agent(), account);
  return page;
}

async function checkAll(
  page: Page,
  routes: string[],
  width: (typeof WIDTHS)[number],
  label: string,
): Promise<string[]> {
  const problems: string[] = [];
  for (const route of routes) {
    await openRoute(page, `${agent().url}${route}`);
    problems.push(...(await checkRoute(page, `${label} ${route}`, width)));
  }
  return problems;
}

test.beforeAll(async ({ browser }) => {
  addReader(agent());
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, agent(), agent().admin);
  // The whole library is in the catalog before anything is measured.
  await openRoute(page, `${agent().url}/books`);
  await expect(page.getByTestId('book').filter({ hasText: 'Annual Report' })).toHaveCount(1);
  await expect(page.getByTestId('book').filter({ hasText: 'Pocket Comic' })).toHaveCount(1);
  const book = await linkTarget(page, `${agent().url}/books`, 'book', /Lighthouse Keeper/);
  const read = await linkTarget(page, `${agent().url}/books?q=${EPUB_TO_READ}`, 'card-read');
  const series = await linkTarget(page, `${agent().url}/series`, 'series', /Northern Lighthouses/);
  const author = await linkTarget(page, `${agent().url}/authors`, 'author', /Konstantinopoulou/);
  ids = { book, read, series, author };
  await context.close();
});

for (const width of WIDTHS) {
  test(`admin, light, ${width.width}×${width.height}: every route fits, no text overlaps${width.axe ? ', axe passes' : ''}`, async ({
    browser,
  }) => {
    const page = await pageAt(browser, width, agent().admin);
    expect(await checkAll(page, await adminRoutes(), width, `admin ${width.width}`)).toEqual([]);
    await page.context().close();
  });
}

for (const width of WIDTHS) {
  test(`reader, light, ${width.width}×${width.height}: the reader's routes fit, no text overlaps${width.axe ? ', axe passes' : ''}`, async ({
    browser,
  }) => {
    const page = await pageAt(browser, width, READER);
    expect(await checkAll(page, readerRoutes(), width, `reader ${width.width}`)).toEqual([]);
    await page.context().close();
  });
}

// Colours do not change with the width: the dark theme is held to the same checks at the phone's.
test('the dark theme chosen in Settings is a real theme: every route passes axe and fits', async ({
  browser,
}) => {
  const page = await pageAt(browser, WIDTHS[0], agent().admin);
  await openRoute(page, `${agent().url}/settings`);
  await page.getByTestId('theme').selectOption('dark');
  await openRoute(page, `${agent().url}/`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await checkAll(page, await adminRoutes(), WIDTHS[0], `dark ${WIDTHS[0].width}`)).toEqual(
    [],
  );
  await page.context().close();
});
