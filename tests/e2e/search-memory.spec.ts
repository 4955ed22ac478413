import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { makeEpub, type EpubSpec } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';
import { addUser } from './support/agent-process';

test.describe.configure({ mode: 'serial' });

const BOOKS: EpubSpec[] = [
  { title: 'Germinal', authors: ['Émile Zola'], language: 'fr', date: '1885' },
  { title: 'Nana', authors: ['Émile Zola'], language: 'fr', date: '1880' },
  { title: 'La Bête humaine', authors: ['Émile Zola'], language: 'fr', date: '1890' },
  { title: 'The File on H.', authors: ['Ismail Kadare'], language: 'en', date: '1981' },
  { title: 'The Time Machine', authors: ['H. G. Wells'], language: 'en', date: '1895' },
  { title: 'Ozma of Oz', authors: ['L. Frank Baum'], language: 'en', date: '1907' },
  { title: 'The Wonderful Wizard of Oz', authors: ['L. Frank Baum'], language: 'en', date: '1900' },
  {
    title: 'Dorothy and the Wizard in Oz',
    authors: ['L. Frank Baum'],
    language: 'en',
    date: '1908',
  },
];
const READER = { username: 'rosa', password: 'a reader reads by lamplight' };
const SHOTS = process.env.COLOPHON_SHOTS;

const { agent } = agentForFile('search-memory', async (library) => {
  for (const [i, spec] of BOOKS.entries())
    writeFileSync(join(library, `book-${i}.epub`), await makeEpub(spec));
});

async function openBooks(page: Page): Promise<void> {
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('result-count')).toHaveText(`${BOOKS.length} books`);
}

/** Runs a search the way a person does: types it and presses Enter. */
async function search(page: Page, query: string): Promise<void> {
  const box = page.getByTestId('search');
  await box.fill(query);
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(query).replace(/%20/g, '\\+')}`));
}

/** Another device of the same user: its own browser storage. */
async function anotherDevice(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, agent());
  return page;
}

test('recent searches are offered as you type, survive a reload, reach the other device, and clear', async ({
  page,
  browser,
}) => {
  await signIn(page, agent());
  await openBooks(page);
  await search(page, 'zola');
  await expect(page.getByTestId('result-count')).toHaveText('3 books');
  await search(page, 'author:wells');
  await expect(page.getByTestId('result-count')).toHaveText('1 book');

  await page.reload();
  const box = page.getByTestId('search');
  await box.fill('');
  await box.focus();
  await expect(page.getByTestId('recent-search')).toHaveText(['author:wells', 'zola']);
  // The open list is a combobox's listbox that assistive technology can follow.
  const axe = await new AxeBuilder({ page }).include('.toolbar').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  // Offered as one types: only what contains the letters typed.
  await box.fill('zo');
  await expect(page.getByTestId('recent-search')).toHaveText(['zola']);
  await box.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'recent-searches-0');
  await box.press('Enter');
  await expect(page).toHaveURL(/q=zola/);
  await expect(box).toHaveValue('zola');
  await expect(page.getByTestId('result-count')).toHaveText('3 books');

  // The same user on another device gets them through the agent.
  const phone = await anotherDevice(browser);
  await phone.goto(`${agent().url}/books`);
  await phone.getByTestId('search').focus();
  await expect(phone.getByTestId('recent-search')).toHaveText(['zola', 'author:wells']);

  await box.fill('');
  await box.focus();
  await page.getByTestId('clear-recent').click();
  await expect(page.getByTestId('recent-searches')).toBeHidden();
  await page.reload();
  await page.getByTestId('search').focus();
  await expect(page.getByTestId('recent-searches')).toBeHidden();
  // Cleared on the other device too.
  await phone.reload();
  await phone.getByTestId('search').focus();
  await expect(phone.getByTestId('recent-searches')).toBeHidden();
  await phone.context().close();
});

test('no books match: the widened searches offered each find books, and émile finds Zola', async ({
  page,
}) => {
  await signIn(page, agent());
  await openBooks(page);
  await page.getByTestId('search').fill('émile');
  await expect(page.getByTestId('result-count')).toHaveText('3 books');
  await expect(page.getByTestId('book-title')).toHaveText(['Germinal', /Bête/, 'Nana']);

  // A field term and a filter that together find nothing.
  await page.goto(`${agent().url}/books?q=${encodeURIComponent('title:zola')}&lang=en`);
  await expect(page.getByTestId('no-results')).toContainText('No books match.');
  const offers = page.getByTestId('suggestion');
  await expect(offers.first()).toBeVisible();
  for (const text of await offers.allTextContents()) expect(text).toMatch(/\d+ books?$/);
  // "zola" is an author, not a title, and no English book has it: both must go.
  await expect(offers).toHaveText(['Search “zola” in every field, without filters3 books']);
  await page.goto(`${agent().url}/books?q=${encodeURIComponent('author:zola')}&lang=en`);
  const dropLanguage = page
    .getByTestId('suggestion')
    .filter({ hasText: 'Without the language filter' });
  await expect(dropLanguage).toContainText('3 books');
  await dropLanguage.click();
  await expect(page.getByTestId('result-count')).toHaveText('3 books');
  await expect(page).not.toHaveURL(/lang=/);

  await page.getByTestId('search').fill('title:zola');
  const anywhere = page.getByTestId('suggestion').filter({ hasText: 'in every field' });
  await expect(anywhere).toContainText('3 books');
  await anywhere.click();
  await expect(page).toHaveURL(/q=zola(&|$)/);
  await expect(page.getByTestId('search')).toHaveValue('zola');
  await expect(page.getByTestId('result-count')).toHaveText('3 books');
});

test('/ searches from anywhere, arrows move through the results, Enter opens a book', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, agent());
  await page.goto(`${agent().url}/series`);
  // A person presses / once the page is there.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('/');
  await expect(page).toHaveURL(/\/books/);
  const box = page.getByTestId('search');
  await expect(box).toBeFocused();
  // In a field, / is a character.
  await page.keyboard.type('a/b');
  await expect(box).toHaveValue('a/b');
  await box.fill('');
  await expect(page.getByTestId('result-count')).toHaveText(`${BOOKS.length} books`);
  await box.press('Escape');
  await page.getByTestId('book').first().focus();
  await page.keyboard.press('/');
  await expect(box).toBeFocused();

  // Down from the box (nothing offered) to the first book, then book to book.
  await box.fill('oz');
  await expect(page.getByTestId('result-count')).toHaveText('3 books');
  await box.press('ArrowDown');
  const books = page.getByTestId('book');
  await expect(books.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(books.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(books.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(box).toBeFocused();
  await box.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const chosen = (await books.nth(1).getByTestId('book-title').textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('book-heading')).toHaveText(chosen);

  // Up and down move by rows: with every book shown, down lands below, in the same column.
  await page.goto(`${agent().url}/books?view=grid`);
  await expect(page.getByTestId('result-count')).toHaveText(`${BOOKS.length} books`);
  await page.setViewportSize({ width: 820, height: 1180 });
  await books.nth(1).focus();
  const first = await books.nth(1).boundingBox();
  await page.keyboard.press('ArrowDown');
  const focused = page.locator('a[data-testid="book"]:focus');
  const below = await focused.boundingBox();
  expect(below && first && below.y > first.y + first.height / 2).toBe(true);
  expect(below && first && Math.abs(below.x - first.x)).toBeLessThan(2);
  await page.keyboard.press('ArrowUp');
  await expect(books.nth(1)).toBeFocused();
});

test('a book opened recently comes first among equal matches, never above a better one', async ({
  page,
}) => {
  await signIn(page, agent());
  await openBooks(page);
  await page.getByTestId('search').fill('zola');
  await expect(page.getByTestId('book-title')).toHaveText(['Germinal', /Bête/, 'Nana']);
  await page.getByTestId('book').filter({ hasText: 'Nana' }).click();
  await expect(page.getByTestId('book-heading')).toHaveText('Nana');
  await page.goBack();
  await expect(page.getByTestId('book-title')).toHaveText(['Nana', 'Germinal', /Bête/]);
  // A better match (the title) stays above the book opened recently.
  await page.getByTestId('search').fill('germinal zola');
  await expect(page.getByTestId('book-title')).toHaveText(['Germinal']);
  await page.getByTestId('search').fill('nana OR germinal');
  await expect(page.getByTestId('book-title')).toHaveText(['Nana', 'Germinal']);
});

test('screenshots: the search box offering recent searches, and the searches that widen', async ({
  browser,
}) => {
  test.skip(!SHOTS, 'COLOPHON_SHOTS names the folder for screenshots');
  addUser(agent().dataDir, READER, 'reader');
  for (const who of ['admin', 'reader'] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (who === 'admin') await signIn(page, agent());
    else {
      await page.goto(`${agent().url}/login?next=/books`);
      await page.getByLabel('User name').fill(READER.username);
      await page.getByLabel('Password').fill(READER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
    }
    await openBooks(page);
    for (const q of ['author:wells', 'zola', 'wizard of oz year:1900..1910', 'émile zola'])
      await search(page, q);
    for (const [width, height] of [
      [390, 844],
      [820, 1180],
      [1366, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${agent().url}/books`);
      await page.getByTestId('search').focus();
      await expect(page.getByTestId('recent-search').first()).toHaveText('émile zola');
      await page.getByTestId('search').press('ArrowDown');
      await page.screenshot({ path: join(SHOTS as string, `recent-${who}-${width}.png`) });
      await page.goto(`${agent().url}/books?q=${encodeURIComponent('author:zola wells')}&lang=en`);
      await expect(page.getByTestId('suggestion').first()).toBeVisible();
      await page.screenshot({ path: join(SHOTS as string, `widen-${who}-${width}.png`) });
    }
    await context.close();
  }
});
