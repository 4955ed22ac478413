import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeEpub, type EpubSpec } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const BOOKS: EpubSpec[] = [
  { title: 'Paris', authors: ['Émile Zola'], series: { name: 'Les Trois Villes', number: 3 } },
  { title: 'Lourdes', authors: ['Émile Zola'], series: { name: 'Les Trois Villes', number: 1 } },
  { title: 'Rome', authors: ['Émile Zola'], series: { name: 'Les Trois Villes', number: 2 } },
  { title: 'Candide', authors: ['Voltaire'] },
];

const { agent } = agentForFile('reading-status', async (library) => {
  for (const [i, spec] of BOOKS.entries())
    writeFileSync(join(library, `book-${i}.epub`), await makeEpub(spec));
});

async function openBook(page: Page, title: string): Promise<void> {
  await page.goto(`${agent().url}/books?q=${encodeURIComponent(`title:${title}`)}`);
  await page.getByTestId('book').filter({ hasText: title }).click();
  await expect(page.getByTestId('book-heading')).toHaveText(title);
}

const card = (page: Page, title: string) => page.getByTestId('book').filter({ hasText: title });

test('a status set by hand shows on the book, its card, in search, and on another device', async ({
  page,
  browser,
}) => {
  await signIn(page, agent());
  await openBook(page, 'Lourdes');
  const status = page.getByTestId('reading-status');
  await expect(status).toHaveValue('unread');
  await status.selectOption('finished');
  await expect(status).toHaveValue('finished');

  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('result-count')).toHaveText(`${BOOKS.length} books`);
  await expect(card(page, 'Lourdes').getByTestId('reading-mark')).toHaveText('Finished');
  // Unread books carry no mark.
  await expect(card(page, 'Candide').getByTestId('reading-mark')).toHaveCount(0);
  await page.getByTestId('search').fill('status:finished');
  await expect(page.getByTestId('book-title')).toHaveText(['Lourdes']);
  await page.getByTestId('search').fill('status:unread zola');
  await expect(page.getByTestId('result-count')).toHaveText('2 books');

  // Another browser (its own storage) as the same user: the status came through the agent.
  const other = await browser.newContext();
  try {
    const second = await other.newPage();
    await signIn(second, agent());
    await second.goto(`${agent().url}/books?q=status%3Afinished`);
    await expect(second.getByTestId('book-title')).toHaveText(['Lourdes']);
    await expect(card(second, 'Lourdes').getByTestId('reading-mark')).toHaveText('Finished');
    // And back: a book started there is one to continue here.
    await openBook(second, 'Rome');
    await second.getByTestId('reading-status').selectOption('reading');
    await expect(second.getByTestId('reading-status')).toHaveValue('reading');
    // The other device stays open while the status travels: it is written there first, then pushed.
    await page.goto(agent().url);
    await expect(page.getByTestId('continue-book')).toHaveText([/Rome/]);
    await expect(page.getByTestId('continue-book')).toHaveAttribute('href', /\/read\/book/);
  } finally {
    await other.close();
  }
});

test('a series page counts the books read and goes on with the next one', async ({ page }) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/series`);
  await page.getByTestId('series').filter({ hasText: 'Les Trois Villes' }).click();
  await expect(page.getByTestId('series-read')).toHaveText('1 of 3 read');
  await expect(page.getByTestId('continue-series')).toHaveText(/Continue series: Rome/);
  await expect(page.getByTestId('series-book')).toHaveText([
    /Lourdes\s*Finished/,
    /Rome\s*Reading/,
    /Paris/,
  ]);
});
