import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { makeCbz } from '../support/make-comic';
import { makeEpub, type EpubSpec } from '../support/make-epub';
import { makePdf } from '../support/make-pdf';
import { tempDir } from '../support/temp';
import { AgentProcess, addUser, freePort } from './support/agent-process';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const READER = { username: 'rosa', password: 'reads the whole shelf twice' };

function addReader(agent: AgentProcess): void {
  addUser(agent.dataDir, READER, 'reader');
}

async function readerPage(browser: Browser, agent: AgentProcess): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${agent.url}/login`);
  await page.getByLabel('User name').fill(READER.username);
  await page.getByLabel('Password').fill(READER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
  return page;
}

/** A bar chart's rows as "name figure", in the order shown. */
async function bars(chart: Locator): Promise<string[]> {
  await expect(chart.getByTestId('bar').first()).toBeVisible();
  return (await chart.getByTestId('bar').allInnerTexts()).map((t) =>
    t
      .replace(/\s*:\s*/, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

test.describe('a known catalog', () => {
  const EPUBS: EpubSpec[] = [
    { title: 'Germinal', authors: ['Émile Zola'], language: 'fr', date: '1885' },
    { title: 'Nana', authors: ['Émile Zola'], language: 'fr', date: '1880' },
    { title: 'The Time Machine', authors: ['H. G. Wells'], language: 'en', date: '1895' },
    { title: 'Ozma of Oz', authors: ['L. Frank Baum'], language: 'en', date: '1907' },
  ];
  const { agent, library } = agentForFile('dashboard', async (library) => {
    for (const [i, spec] of EPUBS.entries())
      writeFileSync(join(library, `book-${i}.epub`), await makeEpub(spec));
    writeFileSync(join(library, 'report.pdf'), makePdf({ title: 'Annual Report' }));
    writeFileSync(join(library, 'manual.pdf'), makePdf({ title: 'Boiler Manual' }));
    writeFileSync(join(library, 'comic.cbz'), await makeCbz({ pages: 3, title: 'Comet Comic' }));
  });

  test('the charts show the catalog: formats, languages, decades and books added this month', async ({
    page,
  }) => {
    await signIn(page, agent());
    await expect(page.getByTestId('book-count')).toHaveText('7');
    expect(await bars(page.getByTestId('chart-formats'))).toEqual(['EPUB 4', 'PDF 2', 'CBZ 1']);
    const languages = await bars(page.getByTestId('chart-languages'));
    expect(languages).toContain('English 2');
    expect(languages).toContain('French 2');
    // Oldest decade first.
    expect(await bars(page.getByTestId('chart-decades'))).toEqual([
      '1880s 2',
      '1890s 1',
      '1900s 1',
    ]);
    // Every book was found by this scan: the last month of the growth chart holds them all.
    const month = new Date().toLocaleDateString('en', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await expect(page.getByTestId('growth')).toContainText(`7 added in ${month}`);
    await expect(
      page.getByTestId('chart-added').locator('tbody tr').last().locator('td'),
    ).toHaveText([month, '7']);
    // A format's bar opens the books of that format.
    await page.getByTestId('chart-formats').getByRole('link', { name: 'PDF' }).click();
    await expect(page.getByTestId('result-count')).toHaveText('2 books');
  });

  test('with nothing read the dashboard says how to start; a finished book is counted', async ({
    page,
  }) => {
    await signIn(page, agent());
    await expect(page.getByTestId('start-reading')).toContainText('Nothing read yet');
    await page.getByTestId('start-reading').getByRole('link', { name: 'Start reading' }).click();
    await expect(page).toHaveURL(/\/books/);

    await page.getByTestId('book').filter({ hasText: 'Germinal' }).click();
    await page.getByTestId('reading-status').selectOption('finished');
    await expect(page.getByTestId('reading-status')).toHaveValue('finished');
    await page.goto(agent().url);
    await expect(page.getByTestId('finished-total')).toHaveText('1 finished');
    await expect(page.getByTestId('reading-now')).toHaveText('0 being read');
    await expect(page.getByTestId('start-reading')).toHaveCount(0);
    const rows = page.getByTestId('finished-by-month').locator('tbody tr');
    await expect(rows).toHaveCount(12);
    await expect(rows.last().locator('td').last()).toHaveText('1');
  });

  test("a reader sees the same catalog's charts, and their own reading only", async ({
    browser,
  }) => {
    addReader(agent());
    const page = await readerPage(browser, agent());
    await expect(page.getByTestId('book-count')).toHaveText('7');
    expect(await bars(page.getByTestId('chart-formats'))).toEqual(['EPUB 4', 'PDF 2', 'CBZ 1']);
    // The admin finished a book; this reader has read nothing.
    await expect(page.getByTestId('start-reading')).toBeVisible();
  });

  test('the count says at once which of its books cannot be read or lost their file', async ({
    page,
  }) => {
    writeFileSync(join(library, 'broken.epub'), 'not a zip at all');
    rmSync(join(library, 'manual.pdf'));
    await signIn(page, agent());
    // The folder watcher (or this scan) takes both changes.
    await page.request.post(`${agent().url}/api/scans`);
    await expect(page.getByTestId('library-status')).toHaveText(
      'Of these, 1 cannot be read and 1 has its file missing.',
      { timeout: 60_000 },
    );
    await expect(page.getByTestId('book-count')).toHaveText('8');
    await page
      .getByTestId('library-status')
      .getByRole('link', { name: /missing/ })
      .click();
    await expect(page).toHaveURL(/\/missing$/);
    // In the grid, only a book whose file is there offers Read over its cover.
    await page.goto(`${agent().url}/books`);
    const card = (title: string) =>
      page.locator('.place', { has: page.getByTestId('book-title').filter({ hasText: title }) });
    await expect(card('Germinal').getByTestId('card-read')).toHaveCount(1);
    await expect(card('Boiler Manual').getByTestId('card-read')).toHaveCount(0);
  });
});

test.describe('an empty library', () => {
  const data = tempDir('e2e-dashboard-empty-data');
  let agent: AgentProcess;
  test.beforeAll(async () => {
    // No library folder at all, as after a first start without --library.
    agent = new AgentProcess(await freePort(), data.path, []);
    await agent.start();
  });
  test.afterAll(async () => {
    await agent?.stop();
    data.remove();
  });

  test('an admin is told to add a library folder, and the link goes where folders are added', async ({
    page,
  }) => {
    await signIn(page, agent);
    const empty = page.getByTestId('empty-library');
    await expect(empty).toContainText('Your library is empty');
    await empty.getByRole('link', { name: 'Add a library folder' }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole('heading', { name: 'Library folders' })).toBeVisible();
  });

  test('a reader is told to ask an admin, and is offered no admin link', async ({ browser }) => {
    addReader(agent);
    const page = await readerPage(browser, agent);
    const empty = page.getByTestId('empty-library');
    await expect(empty).toContainText('Your library is empty; ask an admin to add books.');
    await expect(empty.getByRole('link', { name: 'Add a library folder' })).toHaveCount(0);
  });
});

test.describe('library folders that gave no books yet', () => {
  const { agent, library } = agentForFile('dashboard-no-books', async () => {});

  test('a reader is told an admin can scan them', async ({ browser }) => {
    addReader(agent());
    const page = await readerPage(browser, agent());
    await expect(page.getByTestId('library-not-scanned')).toContainText('an admin can scan them');
    await expect(page.getByTestId('scan-now')).toHaveCount(0);
  });

  test('an admin is not told the library is empty: a scan finds what was put there since', async ({
    page,
  }) => {
    await signIn(page, agent());
    const none = page.getByTestId('library-not-scanned');
    await expect(none).toContainText('No books yet');
    await expect(page.getByTestId('empty-library')).toHaveCount(0);
    writeFileSync(join(library, 'arrived.epub'), await makeEpub({ title: 'Arrived Later' }));
    await none.getByTestId('scan-now').click();
    await expect(page.getByTestId('book-count')).toHaveText('1');
  });
});
