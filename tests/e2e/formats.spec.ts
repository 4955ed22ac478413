import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { makePdf } from '../support/make-pdf';
import { addUser } from './support/agent-process';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const READER = { username: 'rita', password: 'a reader reads by lamplight' };

const { agent } = agentForFile('formats', async (library) => {
  writeFileSync(
    join(library, 'dune.epub'),
    await makeEpub({ title: 'Dune', authors: ['Frank Herbert'] }),
  );
  writeFileSync(join(library, 'dune.pdf'), makePdf({ title: 'Dune', author: 'Frank Herbert' }));
  writeFileSync(
    join(library, 'emma.epub'),
    await makeEpub({ title: 'Emma', authors: ['Jane Austen'] }),
  );
});

test('an admin groups the EPUB and PDF of one book: one card, both formats on its page; then splits them', async ({
  page,
}) => {
  await signIn(page, agent(), '/scanning');
  await expect(page.getByRole('heading', { name: /Library scan #\d+ · Finished/ })).toBeVisible();
  await page.getByRole('link', { name: 'Formats of one book' }).click();
  await expect(page.getByRole('heading', { name: 'Formats of one book', level: 1 })).toBeVisible();

  const proposal = page.getByTestId('format-proposal');
  await expect(proposal).toHaveCount(1);
  await expect(proposal).toContainText('Dune');
  await expect(proposal).toContainText('the same title and authors');
  await expect(proposal.getByRole('radio', { name: /^EPUB/ })).toBeChecked();
  await proposal.getByRole('button', { name: 'Group as one book' }).click();
  await expect(page.getByTestId('last-action')).toContainText(
    'Grouped “Dune” as one book: EPUB (main) · PDF.',
  );
  await expect(page.getByTestId('format-proposal')).toHaveCount(0);
  await expect(page.getByTestId('format-group')).toContainText('EPUB (main) · PDF');

  // The catalog lists the work once.
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('book-title')).toHaveText(['Dune', 'Emma']);
  await page.goto(`${agent().url}/books?q=herbert`);
  await expect(page.getByTestId('book-title')).toHaveText(['Dune']);
  await page.getByTestId('book').filter({ hasText: 'Dune' }).click();
  const formats = page.getByTestId('formats');
  await expect(formats.getByRole('heading')).toHaveText('Formats: EPUB · PDF');
  await expect(formats.getByTestId('format-row')).toHaveCount(2);
  await expect(formats.getByTestId('download-format')).toHaveText([
    /Download EPUB/,
    /Download PDF/,
  ]);
  const mainUrl = page.url();
  const pdfDownload = await formats.getByTestId('download-format').nth(1).getAttribute('href');
  const response = await page.request.get(`${agent().url}${pdfDownload ?? ''}`);
  expect(response.status()).toBe(200);
  expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The PDF's own page (an old link) leads to the book; its Read opens the PDF.
  const readPdf = await formats.getByTestId('read-format').nth(1).getAttribute('href');
  const pdfId = decodeURIComponent(readPdf?.split('/').at(-1) ?? '');
  expect(pdfId).toMatch(/^book:/);
  await page.goto(`${agent().url}/book/${encodeURIComponent(pdfId)}`);
  await expect(page).toHaveURL(mainUrl);
  await expect(page.getByTestId('formats')).toBeVisible();
  await page.getByTestId('formats').getByTestId('read-format').nth(1).click();
  await expect(page).toHaveURL((url) => decodeURIComponent(url.pathname) === `/read/${pdfId}`);

  // Split again: two books, the proposal does not come back, and Undo groups them once more.
  await page.goto(`${agent().url}/formats`);
  await page
    .getByTestId('format-group')
    .getByRole('button', { name: 'Split into separate books' })
    .click();
  await expect(page.getByTestId('last-action')).toContainText('Split “Dune” into 2 books');
  await expect(page.getByTestId('format-group')).toHaveCount(0);
  await expect(page.getByTestId('no-proposals')).toBeVisible();
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('book-title')).toHaveText(['Dune', 'Dune', 'Emma']);
});

test('a reader is told the page is an admin’s', async ({ page }) => {
  addUser(agent().dataDir, READER, 'reader');
  await page.goto(`${agent().url}/login?next=/formats`);
  await page.getByLabel('User name').fill(READER.username);
  await page.getByLabel('Password').fill(READER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('admins-only')).toBeVisible();
  await expect(page.getByTestId('format-proposal')).toHaveCount(0);
});

test('a grouped book counts under each format, and what was read or shelved of a format shows under the book', async ({
  page,
}) => {
  // Split by the first test: the PDF of Dune is a book of its own. Read it and shelve it.
  await signIn(page, agent(), '/books?q=format%3Apdf');
  await expect(page.getByTestId('book-title')).toHaveText(['Dune']);
  await page.getByTestId('book').filter({ hasText: 'Dune' }).click();
  await expect(page.getByTestId('download')).toContainText('Download PDF');
  const pdfId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
  await page.getByTestId('reading-status').selectOption('reading');
  await page.getByTestId('add-to-shelf-button').click();
  await page.getByTestId('new-shelf-name').fill('Desert planets');
  await page.getByRole('button', { name: 'Create and add' }).click();
  await expect(page.getByTestId('add-to-shelf-button')).toContainText('On 1 shelf');

  // Then the admin groups the two again (Undo of the split): the EPUB is the main.
  await page.goto(`${agent().url}/formats`);
  const split = page.getByTestId('recent-action').filter({ hasText: 'Split “Dune”' }).first();
  await split.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('format-group')).toContainText('EPUB (main) · PDF');

  // The Format filter counts Dune under EPUB and under PDF; format:pdf finds it.
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('book-title')).toHaveText(['Dune', 'Emma']);
  // The filters stand open beside the grid on a wide window.
  const formats = page.getByRole('group', { name: 'Filters' }).locator('fieldset', {
    hasText: 'Format',
  });
  await expect(formats.locator('label', { hasText: 'EPUB' }).locator('.count')).toHaveText('2');
  await expect(formats.locator('label', { hasText: 'PDF' }).locator('.count')).toHaveText('1');
  await formats.locator('label', { hasText: 'PDF' }).locator('input').check();
  await expect(page.getByTestId('book-title')).toHaveText(['Dune']);
  await page.goto(`${agent().url}/books?q=format%3Apdf`);
  await expect(page.getByTestId('book-title')).toHaveText(['Dune']);

  // The book's page: the PDF's reading status and shelf are the book's.
  await page.getByTestId('book').filter({ hasText: 'Dune' }).click();
  await expect(page.getByTestId('formats').getByRole('heading')).toHaveText('Formats: EPUB · PDF');
  await expect(page.getByTestId('reading-status')).toHaveValue('reading');
  await expect(page.getByTestId('add-to-shelf-button')).toContainText('On 1 shelf');
  const mainPath = new URL(page.url()).pathname;

  // Continue reading on the dashboard: the book, opening the PDF that was being read.
  await page.goto(`${agent().url}/`);
  const continuing = page.getByTestId('continue-book');
  await expect(continuing).toHaveCount(1);
  await expect(continuing).toContainText('Dune');
  await continuing.click();
  await expect(page).toHaveURL((url) => decodeURIComponent(url.pathname) === `/read/${pdfId}`);

  // The shelf shows the book, leading to its page.
  await page.goto(`${agent().url}/shelves`);
  await page.getByRole('link', { name: 'Desert planets' }).click();
  const shelved = page.getByTestId('shelf-book');
  await expect(shelved).toHaveCount(1);
  await shelved.getByTestId('book').click();
  await expect(page).toHaveURL((url) => url.pathname === mainPath);
});
