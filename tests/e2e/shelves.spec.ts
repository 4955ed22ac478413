import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { makeEpub, type EpubSpec } from '../support/make-epub';
import { addUser } from './support/agent-process';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const BOOKS: EpubSpec[] = [
  { title: 'Germinal', authors: ['Émile Zola'] },
  { title: 'Nana', authors: ['Émile Zola'] },
  { title: 'The Time Machine', authors: ['H. G. Wells'] },
  { title: 'Ozma of Oz', authors: ['L. Frank Baum'] },
];
const LATER: EpubSpec = { title: 'La Bête humaine', authors: ['Émile Zola'] };
const READER = { username: 'rosa', password: 'a reader reads by lamplight' };
const SHOTS = process.env.COLOPHON_SHOTS;

const { agent, library } = agentForFile('shelves', async (folder) => {
  for (const [i, spec] of BOOKS.entries())
    writeFileSync(join(folder, `book-${i}.epub`), await makeEpub(spec));
});

/** Opens a book's page from the library, as a person does. */
async function openBook(page: Page, title: string): Promise<void> {
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('result-count')).toHaveText(/\d+ books?/);
  await page.getByTestId('book').filter({ hasText: title }).first().click();
  await expect(page.getByTestId('book-heading')).toHaveText(title);
}

/** Puts the open book on a shelf through its page's Add to shelf. */
async function addToShelf(page: Page, shelf: string): Promise<void> {
  await page.getByTestId('add-to-shelf-button').click();
  await page.getByTestId('add-to-shelf').getByLabel(shelf).check();
  await expect(page.getByTestId('add-to-shelf-button')).toContainText('On 1 shelf');
}

const titlesOn = (page: Page) => page.getByTestId('shelf-book').getByTestId('book-title');

/** Another device of the same user: its own browser storage. */
async function anotherDevice(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, agent());
  return page;
}

let shelfUrl = '';

test('a shelf is made, filled from book pages, reordered, and kept over a reload', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/`);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Shelves' })
    .click();
  await expect(page.getByTestId('no-shelves')).toBeVisible();
  await page.getByTestId('new-shelf').click();
  await page.getByTestId('create-shelf').getByLabel('Name').fill('Summer reading');
  await page.getByTestId('shelf-save').click();
  await expect(page.getByTestId('shelf-heading')).toHaveText('Summer reading');
  shelfUrl = page.url();

  await openBook(page, 'Germinal');
  await addToShelf(page, 'Summer reading');
  await openBook(page, 'The Time Machine');
  await addToShelf(page, 'Summer reading');

  await page.goto(shelfUrl);
  await expect(titlesOn(page)).toHaveText(['Germinal', 'The Time Machine']);
  // Reordered with the keyboard: the button keeps focus as its book moves.
  const down = page.getByRole('button', { name: 'Move Germinal down' });
  await down.focus();
  await page.keyboard.press('Enter');
  await expect(titlesOn(page)).toHaveText(['The Time Machine', 'Germinal']);
  await expect(page.getByRole('button', { name: 'Move Germinal up' })).toBeEnabled();

  // The agent has it: no mark waits.
  await expect(page.getByTestId('shelf-waiting')).toHaveCount(0);
  await page.reload();
  await expect(titlesOn(page)).toHaveText(['The Time Machine', 'Germinal']);
  await expect(page.getByTestId('shelf-count')).toHaveText('2 books');
});

test('a book added offline waits to sync, then reaches the agent and another device', async ({
  page,
  context,
  browser,
}) => {
  await signIn(page, agent());
  await openBook(page, 'Ozma of Oz');
  // Only once the app is installed can it open another page offline.
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-offline-ready', 'true', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'live');

  await context.setOffline(true);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  await addToShelf(page, 'Summer reading');
  // The app moves on without the agent: its shelf page shows the book, marked as waiting.
  await page.getByRole('link', { name: 'All shelves' }).click();
  await page.getByRole('link', { name: 'Summer reading' }).click();
  await expect(titlesOn(page)).toHaveText(['The Time Machine', 'Germinal', 'Ozma of Oz']);
  await expect(page.getByTestId('shelf-waiting')).toBeVisible();

  await context.setOffline(false);
  await expect(page.getByTestId('shelf-waiting')).toHaveCount(0);

  const other = await anotherDevice(browser);
  await other.goto(shelfUrl);
  await expect(titlesOn(other)).toHaveText(['The Time Machine', 'Germinal', 'Ozma of Oz']);
  await other.context().close();
});

test('a smart shelf saved from a search shows its matches, and a book cataloged later', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books?q=${encodeURIComponent('author:zola')}`);
  await expect(page.getByTestId('result-count')).toHaveText('2 books');
  await page.getByTestId('save-smart-shelf').click();
  const form = page.getByTestId('create-shelf');
  await expect(form.getByLabel('Search', { exact: true })).toHaveValue('author:zola');
  await form.getByLabel('Name').fill('Zola');
  await page.getByTestId('shelf-save').click();
  await expect(page.getByTestId('shelf-heading')).toHaveText('Zola');
  await expect(titlesOn(page)).toHaveText(['Germinal', 'Nana']);
  const zola = page.url();

  writeFileSync(join(library, 'later.epub'), await makeEpub(LATER));
  await page.goto(`${agent().url}/scanning`);
  await page.getByRole('button', { name: 'Scan now' }).click();
  await expect(page.locator('#scan-heading .state')).toHaveText('Finished', { timeout: 30_000 });
  await page.goto(zola);
  await expect(titlesOn(page)).toHaveText(['Germinal', 'La Bête humaine', 'Nana']);
  await expect(page.getByTestId('shelf-count')).toContainText('3 books matching');
  // The list of shelves counts a smart shelf's books as it stands now.
  await page.goto(`${agent().url}/shelves`);
  await expect(
    page.getByTestId('shelf-item').filter({ hasText: 'Zola' }).getByTestId('smart-count'),
  ).toHaveText('3 books now');
});

test('a shelf can be renamed (its search kept) and deleted, after being asked', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/shelves`);
  const item = page.getByTestId('shelf-item').filter({ hasText: 'Zola' });
  await item.getByRole('button', { name: 'Edit Zola' }).click();
  await expect(page.getByTestId('rename-shelf').getByLabel('Search', { exact: true })).toHaveValue(
    'author:zola',
  );
  await page.getByTestId('rename-shelf').getByLabel('Name').fill('Émile Zola');
  await page.getByTestId('rename-shelf').getByTestId('shelf-save').click();
  const renamed = page.getByTestId('shelf-item').filter({ hasText: 'Émile Zola' });
  await renamed.getByRole('button', { name: 'Delete Émile Zola' }).click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('the books stay in the library');
  await page.getByRole('button', { name: 'Delete shelf' }).click();
  await expect(page.getByTestId('shelf-item')).toHaveText([/Summer reading/]);
});

test('a browser that never signed in, with the agent out of reach, says to sign in once', async ({
  browser,
}) => {
  const context = await browser.newContext();
  // The app's files load; the agent's API and databases do not answer.
  await context.route(/\/(api|db)\//, (route) => route.abort('connectionrefused'));
  const page = await context.newPage();
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('sign-in-once')).toContainText('Sign in once while connected');
  await expect(page.getByTestId('no-results')).toHaveCount(0);
  await context.close();
});

test('after the first visit the app says it is ready to work offline', async ({ page }) => {
  await signIn(page, agent());
  await expect(page.getByTestId('offline-ready')).toContainText('Ready to work offline', {
    timeout: 60_000,
  });
  await page.getByTestId('offline-ready').getByRole('button', { name: 'OK' }).click();
  await page.reload();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await expect(page.getByTestId('offline-ready')).toHaveCount(0);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-offline-ready', 'true');
});

test('a shelf the agent refuses says why, on the device that made it', async ({ browser }) => {
  const NORA = { username: 'nora', password: 'shelves all the way up' };
  addUser(agent().dataDir, NORA, 'reader');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${agent().url}/login?next=/shelves`);
  await page.getByLabel('User name').fill(NORA.username);
  await page.getByLabel('Password').fill(NORA.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(NORA.username);
  // Another device of Nora's filled her 500 shelves, the most the agent keeps.
  const stored = await page.evaluate(async () => {
    const { csrf, user } = (await (await fetch('/api/session')).json()) as {
      csrf: string;
      user: { id: string };
    };
    const at = new Date().toISOString();
    const docs = Array.from({ length: 500 }, (_, i) => ({
      _id: `shelf:full${String(i).padStart(5, '0')}`,
      type: 'shelf',
      v: 1,
      kind: 'manual',
      name: `Shelf ${i}`,
      books: [],
      createdAt: at,
      updatedAt: at,
      device: 'other',
    }));
    const response = await fetch(`/db/user-${user.id}/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ docs }),
    });
    return ((await response.json()) as { ok?: boolean }[]).filter((a) => a.ok).length;
  });
  expect(stored).toBe(500);
  await page.goto(`${agent().url}/shelves`);
  await expect(page.getByTestId('shelf-item')).toHaveCount(500, { timeout: 60_000 });
  await page.getByTestId('new-shelf').click();
  await page.getByTestId('create-shelf').getByLabel('Name').fill('One more');
  await page.getByTestId('shelf-save').click();
  await expect(page.getByTestId('shelf-heading')).toHaveText('One more');
  await expect(page.getByTestId('shelf-refused')).toContainText(
    'Not saved on the agent: You have 500 shelves already',
  );
  await page.reload();
  await expect(page.getByTestId('shelf-refused')).toContainText('500 shelves already');
  await context.close();
});

test('screenshots: shelves and Add to shelf, as an admin and a reader', async ({ browser }) => {
  test.skip(!SHOTS, 'COLOPHON_SHOTS names the folder for screenshots');
  addUser(agent().dataDir, READER, 'reader');
  for (const who of ['admin', 'reader'] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (who === 'admin') await signIn(page, agent());
    else {
      await page.goto(`${agent().url}/login?next=/shelves`);
      await page.getByLabel('User name').fill(READER.username);
      await page.getByLabel('Password').fill(READER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
      await page.goto(`${agent().url}/shelves`);
      await page.getByTestId('new-shelf').click();
      await page
        .getByTestId('create-shelf')
        .getByLabel('Name')
        .fill('A rather long shelf name for the long evenings of winter by the fire');
      await page.getByTestId('shelf-save').click();
      await expect(page.getByTestId('shelf-heading')).toBeVisible();
      await openBook(page, 'Germinal');
      await addToShelf(
        page,
        'A rather long shelf name for the long evenings of winter by the fire',
      );
      await openBook(page, 'Nana');
      await page.getByTestId('add-to-shelf-button').click();
      await page.getByTestId('add-to-shelf').getByLabel('A rather long').check();
    }
    for (const width of [390, 820, 1366]) {
      await page.setViewportSize({
        width,
        height: width === 390 ? 844 : width === 820 ? 1180 : 900,
      });
      await page.goto(`${agent().url}/shelves`);
      await expect(page.getByTestId('shelf-item').first()).toBeVisible();
      await page.screenshot({
        path: join(SHOTS as string, `shelves-${who}-${width}.png`),
        fullPage: true,
      });
      await page.getByTestId('shelf-item').first().getByRole('link').click();
      await expect(page.getByTestId('shelf-book').first()).toBeVisible();
      await page.screenshot({
        path: join(SHOTS as string, `shelf-${who}-${width}.png`),
        fullPage: true,
      });
      await openBook(page, 'Germinal');
      await page.getByTestId('add-to-shelf-button').click();
      await page.getByTestId('add-to-shelf').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS as string, `add-to-shelf-${who}-${width}.png`) });
    }
    await context.close();
  }
});
