import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { addUser } from './support/agent-process';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const READER = { username: 'rita', password: 'correct horse battery' };

/**
 * Each file's title is in its OPF and in its name: two candidates. The
 * replicated document carries the file's answer only; the page shows both
 * once it has the book's details from the agent.
 */
const { agent } = agentForFile('metadata-details', async (library) => {
  mkdirSync(join(library, 'Frank Herbert'));
  for (const title of ['Dune Messiah', 'Children of Dune'])
    writeFileSync(
      join(library, 'Frank Herbert', `Frank Herbert - ${title}.epub`),
      await makeEpub({ title, authors: ['Frank Herbert'] }),
    );
});

/** The metadata page of the book with this title, from the books list; its path. */
async function openMetadata(page: Page, title: string): Promise<string> {
  await page.goto(`${agent().url}/books`);
  await page.getByTestId('book-title').filter({ hasText: title }).first().click();
  await expect(page.getByTestId('book-heading')).toHaveText(title);
  await page.getByTestId('edit-metadata').click();
  await expect(page.getByRole('heading', { name: 'Metadata' })).toBeVisible();
  return new URL(page.url()).pathname;
}

const titleCandidates = (page: Page) => page.getByTestId('field-title').locator('.candidates li');

test('the metadata page lists every candidate, and still does offline once opened', async ({
  page,
  context,
}) => {
  await signIn(page, agent(), '/books');
  await expect(page.getByTestId('book-title')).toHaveCount(2);
  const opened = await openMetadata(page, 'Dune Messiah');
  await expect(titleCandidates(page)).toHaveCount(2);
  await expect(titleCandidates(page).filter({ hasText: 'File name' })).toHaveCount(1);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await agent().stop();
  await context.setOffline(true);
  try {
    await page.goto(`${agent().url}${opened}`);
    await expect(page.getByTestId('field-title').getByTestId('field-value')).toHaveText(
      'Dune Messiah',
    );
    await expect(titleCandidates(page)).toHaveCount(2);
    await expect(titleCandidates(page).filter({ hasText: 'File name' })).toHaveCount(1);
  } finally {
    await context.setOffline(false);
    await agent().start();
  }
});

test('a book whose page was never opened shows the replicated answer offline, without the list', async ({
  page,
  context,
}) => {
  await signIn(page, agent(), '/books');
  await page.getByTestId('book-title').filter({ hasText: 'Children of Dune' }).first().click();
  await expect(page.getByTestId('book-heading')).toHaveText('Children of Dune');
  const metadata = `${new URL(page.url()).pathname}/metadata`;
  // A fresh browser context: it holds the replica, and no book's details.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await agent().stop();
  await context.setOffline(true);
  try {
    await page.goto(`${agent().url}${metadata}`);
    await expect(page.getByTestId('field-title').getByTestId('field-value')).toHaveText(
      'Children of Dune',
    );
    await expect(titleCandidates(page)).toHaveCount(0);
  } finally {
    await context.setOffline(false);
    await agent().start();
  }
});

test('a reader sees every candidate too', async ({ page }) => {
  addUser(agent().dataDir, READER, 'reader');
  await page.goto(`${agent().url}/login?next=%2Fbooks`);
  await page.getByLabel('User name').fill(READER.username);
  await page.getByLabel('Password').fill(READER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
  await openMetadata(page, 'Dune Messiah');
  await expect(page.getByTestId('admin-only')).toBeVisible();
  await expect(titleCandidates(page)).toHaveCount(2);
});
