import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub, type EpubSpec } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const BOOKS: EpubSpec[] = [
  {
    title: 'Germinal',
    authors: ['Émile Zola'],
    language: 'fr',
    date: '1885',
    series: { name: 'Les Rougon-Macquart', number: 13 },
    subjects: ['Coal miners'],
    description: 'A strike in the mines of northern France.',
  },
  {
    title: 'Nana',
    authors: ['Émile Zola'],
    language: 'fr',
    date: '1880',
    series: { name: 'Les Rougon-Macquart', number: 9 },
    subjects: ['Actresses'],
  },
  {
    title: 'La Bête humaine',
    authors: ['Émile Zola'],
    language: 'fr',
    date: '1890',
    series: { name: 'Les Rougon-Macquart', number: 17 },
  },
  {
    title: 'The Time Machine',
    authors: ['H. G. Wells'],
    language: 'en',
    date: '1895',
    subjects: ['Time travel', 'Science fiction'],
    description: 'A traveller visits the year 802,701.',
  },
  {
    title: 'The War of the Worlds',
    authors: ['H. G. Wells'],
    language: 'en',
    date: '1898',
    subjects: ['Martians', 'FICTION / Science Fiction / Alien Contact'],
  },
  {
    title: 'Ozma of Oz',
    authors: ['L. Frank Baum'],
    language: 'en',
    date: '1907',
    series: { name: 'Oz', number: 3 },
  },
  {
    title: 'The Wonderful Wizard of Oz',
    authors: ['L. Frank Baum'],
    language: 'en',
    date: '1900',
    series: { name: 'Oz', number: 1 },
  },
  {
    title: 'Dorothy and the Wizard in Oz',
    authors: ['L. Frank Baum'],
    language: 'en',
    date: '1908',
    series: { name: 'Oz', number: 4.5 },
  },
];

const { agent, library } = agentForFile('browse', async (library) => {
  for (const [i, spec] of BOOKS.entries())
    writeFileSync(join(library, `book-${i}.epub`), await makeEpub(spec));
});

test('search is accent- and case-insensitive, fielded, and highlights what matched', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('result-count')).toHaveText(`${BOOKS.length} books`);
  await page.getByTestId('search').fill('emile');
  await expect(page.getByTestId('result-count')).toHaveText('3 books');
  await expect(page).toHaveURL(/q=emile/);
  await expect(page.locator('mark').first()).toBeVisible();

  await page.getByTestId('search').fill('author:wells year:1890..1896');
  await expect(page.getByTestId('book-title')).toHaveText(['The Time Machine']);

  await page.getByTestId('search').fill('title:"unclosed');
  await expect(page.getByTestId('query-error')).toContainText(/position|quote/i);

  await page.getByTestId('search').fill('zola martians');
  await expect(page.getByTestId('no-results')).toBeVisible();
  await expect(page.getByTestId('suggestion').first()).toBeVisible();
});

test('filters combine, show counts, and live in the URL across a reload', async ({ page }) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books`);
  const french = page.getByRole('checkbox', { name: /^French\b/ });
  await expect(page.getByLabel('Filters')).toContainText('French');
  await french.check();
  await expect(page.getByTestId('result-count')).toHaveText('3 books');
  await expect(page).toHaveURL(/lang=fr/);
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('year');
  await expect(page).toHaveURL(/sort=year/);
  await expect(page.getByTestId('book-title')).toHaveText(['Nana', 'Germinal', 'La Bête humaine']);
  await page.reload();
  await expect(page.getByTestId('book-title')).toHaveText(['Nana', 'Germinal', 'La Bête humaine']);
  await expect(page.getByRole('checkbox', { name: /^French\b/ })).toBeChecked();
  await page.getByRole('button', { name: 'List' }).click();
  await expect(page).toHaveURL(/view=list/);
});

test('the Genre filter lists the genres subjects map to; genre: searches them', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books`);
  const genre = page.getByRole('group', { name: 'Filters' }).locator('fieldset', {
    has: page.getByText('Genre', { exact: true }),
  });
  // Two ways of writing one genre are one value; the raw subjects stay under Subject.
  await genre.getByRole('checkbox', { name: /^Science Fiction\b/ }).check();
  await expect(page.getByTestId('book-title')).toHaveText([
    'The Time Machine',
    'The War of the Worlds',
  ]);
  await expect(page).toHaveURL(/genre=Science\+Fiction/);
  await page.goto(`${agent().url}/books?q=${encodeURIComponent('genre:"science fiction"')}`);
  await expect(page.getByTestId('result-count')).toHaveText('2 books');
  await page.goto(`${agent().url}/books?q=${encodeURIComponent('genre:martians')}`);
  await expect(page.getByTestId('result-count')).toHaveText('0 books');
});

test('a book page shows each field with its source and confidence, and its series neighbours', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books?q=germinal`);
  await page.getByTestId('book').first().click();
  await expect(page.getByTestId('book-heading')).toHaveText('Germinal');
  const title = page.getByTestId('metadata').locator('tr[data-field="title"]');
  await expect(title).toContainText('EPUB package (OPF)');
  // How sure the merge is: the file states its title plainly; the file name's guess ("book-0")
  // is no evidence against it. Hovering the figure says why.
  await expect(title).toHaveText(/EPUB package \(OPF\)\s*(?:[89]\d|100)% sure/);
  await expect(title.getByTestId('confidence')).toHaveAttribute(
    'title',
    /^Stated by the file’s metadata \(OPF\)/,
  );
  await expect(page.getByTestId('file-facts')).toContainText('book-0.epub');
  await expect(page.getByTestId('previous')).toHaveText(/Nana/);
  await expect(page.getByTestId('next')).toHaveText(/La Bête humaine/);
  await page.getByTestId('next').click();
  await expect(page.getByTestId('book-heading')).toHaveText('La Bête humaine');
  // A book id the catalog does not know says so, instead of loading forever.
  await page.goto(`${agent().url}/book/book:nowhere:none`);
  await expect(page.getByRole('heading', { name: 'Not in the catalog' })).toBeVisible();
});

test('a book page downloads the original file under its own name, and the file serves byte ranges', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books?q=germinal`);
  await page.getByTestId('book').first().click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('book-0.epub');
  const whole = readFileSync(join(library, 'book-0.epub'));
  expect(readFileSync(await download.path())).toEqual(whole);
  // A reader opens large files a range at a time (pdf.js, comics): the agent answers 206.
  const href = (await page.getByTestId('download').getAttribute('href')) ?? '';
  const part = await page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { range: 'bytes=0-3' } });
    return { status: response.status, bytes: [...new Uint8Array(await response.arrayBuffer())] };
  }, href);
  expect(part).toEqual({ status: 206, bytes: [...whole.subarray(0, 4)] });
});

test('a series page lists books in order, decimals included, and marks the gaps', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/series`);
  await page.getByTestId('series').filter({ hasText: 'Oz' }).click();
  await expect(page.getByTestId('series-book')).toHaveText([
    /#1\b.*Wonderful/,
    /#3\b.*Ozma/,
    /#4.5.*Dorothy/,
  ]);
  await expect(page.getByTestId('series-gaps')).toContainText('#2');
  await expect(page.getByTestId('series-gap')).toHaveText(/#2/);
});

test('an author page lists their books and series', async ({ page }) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/authors`);
  await page.getByTestId('author').filter({ hasText: 'Zola, Émile' }).click();
  await expect(page.getByTestId('author-heading')).toHaveText('Émile Zola');
  await expect(page.getByTestId('author-book')).toHaveCount(3);
});

test('the dashboard counts, and search and filters still work with the agent stopped', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(agent().url);
  await expect(page.getByTestId('book-count')).toHaveText(String(BOOKS.length));
  await expect(page.getByTestId('completeness')).toContainText('Series');
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('result-count')).toHaveText(`${BOOKS.length} books`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await agent().stop();
  await page.goto(`${agent().url}/books?q=oz&lang=en`);
  await expect(page.getByTestId('result-count')).toHaveText('3 books');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  await page.getByTestId('search').fill('wizrd');
  await expect(page.getByTestId('book-title').first()).toContainText('Wizard');
});
