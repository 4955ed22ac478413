import { copyFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { corpusDir, corpusFiles, corpusPath, expected } from '../support/corpus';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const titles: string[] = [];

const { agent, library } = agentForFile('library', async (library) => {
  for (const [i, title] of ['Zebra Crossings', 'An Apple a Day', 'Middlemarch Notes'].entries()) {
    writeFileSync(
      join(library, `generated-${i}.epub`),
      await makeEpub({ title, authors: ['Test Author'] }),
    );
    titles.push(title);
  }
  for (const rel of corpusFiles('epub', '.epub').slice(0, 6)) {
    copyFileSync(corpusPath(rel), join(library, basename(rel)));
    const opf = expected()[rel]?.opf;
    const title = opf?.titles.main ?? opf?.titles.title;
    if (title) titles.push(title);
  }
  if (!corpusDir) console.warn('Corpus not found: the browser test uses generated EPUBs only.');
});

test('lists the library, keeps it offline, and shows new books live', async ({ page }) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('book')).toHaveCount(titles.length);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'live');
  const shown = await page.getByTestId('book-title').allTextContents();
  expect([...shown].sort()).toEqual([...titles].sort());
  // Sorted by title, ignoring a leading article: "An Apple a Day" sorts under A.
  expect(shown.indexOf('An Apple a Day')).toBeLessThan(shown.indexOf('Middlemarch Notes'));
  expect(shown.indexOf('Middlemarch Notes')).toBeLessThan(shown.indexOf('Zebra Crossings'));
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  // The agent goes away: the app and the whole list still load.
  await agent().stop();
  await page.reload();
  await expect(page.getByTestId('book')).toHaveCount(titles.length);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');

  // The agent comes back; a new file appears after a rescan, with no reload.
  await agent().start();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'live', {
    timeout: 30_000,
  });
  writeFileSync(
    join(library, 'new-arrival.epub'),
    await makeEpub({ title: 'The New Arrival', authors: ['Late Comer'] }),
  );
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await page.getByRole('button', { name: 'Rescan' }).click();
  await page.getByRole('link', { name: 'Books', exact: true }).click();
  await expect(page.getByTestId('book-title').filter({ hasText: 'The New Arrival' })).toBeVisible();
  await expect(page.getByTestId('book')).toHaveCount(titles.length + 1);
});
