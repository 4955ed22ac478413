import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeEpub, type EpubSpec } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const BOOKS: EpubSpec[] = [
  {
    title: 'Germinal',
    authors: ['Émile Zola'],
    language: 'fr',
    series: { name: 'Les Rougon-Macquart', number: 13 },
    description: 'A strike in the mines of northern France.',
  },
  {
    title: 'Nana',
    authors: ['Émile Zola'],
    series: { name: 'Les Rougon-Macquart', number: 9 },
  },
  {
    title: 'La Bête humaine, ou le roman des chemins de fer et de la jalousie la plus noire',
    authors: ['Émile Zola'],
    series: { name: 'Les Rougon-Macquart', number: 17 },
  },
  { title: 'Les Soirées de Médan', authors: ['Émile Zola', 'Guy de Maupassant'] },
];

const { agent } = agentForFile('book-page', async (library) => {
  for (const [i, spec] of BOOKS.entries())
    writeFileSync(join(library, `book-${i}.epub`), await makeEpub(spec));
});

async function openGerminal(page: Page): Promise<void> {
  await page.goto(`${agent().url}/books?q=${encodeURIComponent('title:germinal')}`);
  await page.getByTestId('book').filter({ hasText: 'Germinal' }).click();
  await expect(page.getByTestId('book-heading')).toHaveText('Germinal');
}

const SCREENS = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
];

for (const screen of SCREENS) {
  test(`at ${screen.width}×${screen.height} the book page puts Read on the first screen, then the description, then the details`, async ({
    page,
  }) => {
    await page.setViewportSize(screen);
    await signIn(page, agent());
    await openGerminal(page);
    await expect(page.getByTestId('series-place')).toHaveText('Book 13 of Les Rougon-Macquart');
    const read = await page.getByTestId('read').boundingBox();
    const description = await page.getByTestId('book-description').boundingBox();
    const details = await page.getByTestId('metadata').boundingBox();
    if (!read || !description || !details) throw new Error('The book page lacks a part.');
    expect(read.y + read.height).toBeLessThanOrEqual(screen.height);
    expect(read.y).toBeLessThan(description.y);
    expect(description.y).toBeLessThan(details.y);
    await expect(page.getByTestId('book-description')).toHaveText(
      'A strike in the mines of northern France.',
    );
  });
}

test('a series page shows its books as cards in reading order, covers all 2:3, counts in words', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, agent());
  await openGerminal(page);
  await page.getByTestId('series-place').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les Rougon-Macquart');
  // (How many are missing is the gap count's business, tested with the series index.)
  await expect(page.getByTestId('series-summary')).toHaveText(
    /^3 books in the library · #9 to #17/,
  );
  const cards = page.getByTestId('series-book');
  await expect(cards).toHaveText([/#9.*Nana/, /#13.*Germinal/, /#17.*La Bête humaine/]);
  for (const card of await cards.all()) {
    const cover = await card.locator('.cover').first().boundingBox();
    if (!cover) throw new Error('A card has no cover.');
    expect(cover.height / cover.width).toBeCloseTo(1.5, 1);
    // Two cards to a row on a phone: no card is wider than half the screen.
    expect(cover.width).toBeLessThan(390 / 2);
  }
});

test('several authors read as a list: each a link, a comma and a space between', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books?q=${encodeURIComponent('title:médan')}`);
  await page.getByTestId('book').filter({ hasText: 'Les Soirées de Médan' }).click();
  const authors = page.locator('p.authors');
  await expect(authors).toHaveText('by Émile Zola, Guy de Maupassant');
  await expect(authors.getByRole('link')).toHaveText(['Émile Zola', 'Guy de Maupassant']);
});
