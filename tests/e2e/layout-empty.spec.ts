import { expect, test, type Page } from '@playwright/test';
import { agentForFile } from './support/agent-for-file';
import {
  addReader,
  checkRoute,
  openRoute,
  READER,
  signInAs,
  WIDTHS,
} from './support/layout-checks';

/**
 * A new library, still empty: every route fits each width, no text overlaps
 * and axe finds nothing serious, signed in and signed out. With it, the
 * app's shell: the skip link, visible focus, the phone menu, and a menu that
 * shows each role what it can use.
 */

test.describe.configure({ mode: 'serial', timeout: 180_000 });

const { agent } = agentForFile('layout-empty', async () => {});

const ROUTES = [
  '/',
  '/books',
  '/book/book:none:none',
  '/series',
  '/authors',
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
  '/wizard',
];

test.beforeAll(() => addReader(agent()));

for (const width of WIDTHS) {
  test(`empty library, ${width.width}×${width.height}: every route fits, no text overlaps${width.axe ? ', axe passes' : ''}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      viewport: { width: width.width, height: width.height },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    // Signed out first: the sign-in page, with no menu to offer yet.
    await openRoute(page, `${agent().url}/login`);
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    problems.push(...(await checkRoute(page, `signed out ${width.width} /login`, width)));
    await signInAs(page, agent(), agent().admin);
    for (const route of ROUTES) {
      await openRoute(page, `${agent().url}${route}`);
      problems.push(...(await checkRoute(page, `empty ${width.width} ${route}`, width)));
    }
    expect(problems).toEqual([]);
    await context.close();
  });
}

async function focused(page: Page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return undefined;
    const style = getComputedStyle(e);
    return {
      tag: e.tagName.toLowerCase(),
      id: e.id,
      text: (e.textContent ?? '').trim(),
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    };
  });
}

test('the first Tab reaches "Skip to content", Enter moves focus into the page, and focus is always drawn', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, agent(), agent().admin);
  await openRoute(page, `${agent().url}/settings`);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Skip to content', outline: true });
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeInViewport();
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatchObject({ tag: 'main', id: 'main' });
  // The next Tab lands in the page itself, past the menu.
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement)),
  ).toBe(true);
  // From the top, every link and button the keyboard reaches shows where focus is.
  await openRoute(page, `${agent().url}/`);
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    const at = await focused(page);
    if (!at) break;
    expect(at, `focus on ${at.tag} "${at.text}" is drawn`).toMatchObject({ outline: true });
  }
  await context.close();
});

test('on a phone the menu is one button: it opens a list, Escape closes it, and a link closes it on the way', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInAs(page, agent(), agent().admin);
  await openRoute(page, `${agent().url}/`);
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Books' })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  for (const name of [
    'Dashboard',
    'Books',
    'Series',
    'Authors',
    'Shelves',
    'This device',
    'Scanning',
    'Jobs',
    'Rename',
    'Sources',
  ])
    await expect(nav.getByRole('link', { name, exact: true })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await menu.click();
  await nav.getByRole('link', { name: 'Series' }).click();
  await expect(page).toHaveURL(/\/series$/);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Series' })).toBeHidden();
  await context.close();
});

test("a reader's menu holds only what a reader can use; an admin page visited says it is for admins", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, agent(), READER);
  await openRoute(page, `${agent().url}/`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText([
    'Dashboard',
    'Books',
    'Series',
    'Authors',
    'Shelves',
    'This device',
  ]);
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
  for (const route of [
    '/jobs',
    '/rename',
    '/data-sources',
    '/settings/users',
    '/duplicates',
    '/missing',
    '/formats',
  ]) {
    await openRoute(page, `${agent().url}${route}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('For admins');
    await expect(page.getByTestId('admins-only')).toContainText('This page is for admins');
    await expect(page.locator('main').getByRole('button')).toHaveCount(0);
  }
  // An admin sees the whole menu.
  await signInAs(page, agent(), agent().admin);
  await openRoute(page, `${agent().url}/`);
  await expect(nav.getByRole('link')).toHaveText([
    'Dashboard',
    'Books',
    'Series',
    'Authors',
    'Shelves',
    'This device',
    'Scanning',
    'Jobs',
    'Rename',
    'Sources',
  ]);
  // On a laptop the admin's whole header is one row: the menu, Settings and Sign out side by side.
  const row = async (name: string) =>
    (await page.getByRole('banner').getByRole('link', { name, exact: true }).boundingBox())?.y;
  // (Within a few pixels: the account links are set a little smaller.)
  expect(Math.abs(((await row('Settings')) ?? 0) - ((await row('Dashboard')) ?? 100))).toBeLessThan(
    8,
  );
  // The library's upkeep pages are reached from Scanning.
  await openRoute(page, `${agent().url}/scanning`);
  const care = page.getByTestId('library-care');
  await care.getByRole('link', { name: 'Duplicates' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Duplicates');
  await page.goBack();
  await care.getByRole('link', { name: 'Missing books' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Missing');
  await context.close();
});
