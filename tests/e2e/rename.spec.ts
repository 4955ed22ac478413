import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const { agent, library } = agentForFile('rename', async (library) => {
  mkdirSync(join(library, 'in'));
  const books = [
    ['in/a.epub', 'Dune', 'Frank Herbert'],
    ['in/b.epub', 'Dune', 'Frank Herbert'],
    ['in/c.epub', 'Emma', 'Jane Austen'],
  ] as const;
  for (const [rel, title, author] of books)
    writeFileSync(join(library, rel), await makeEpub({ title, authors: [author] }));
});

test('preview, resolve a conflict, rename, see the new paths, undo', async ({ page }) => {
  await signIn(page, agent(), '/scanning');
  await expect(page.getByRole('heading', { name: /Library scan #\d+ · Finished/ })).toBeVisible();
  await page.goto(`${agent().url}/rename`);

  const pattern = page.getByLabel('Pattern');
  await pattern.fill('${author.sortname}/${title}.${ext}');
  const entries = page.getByTestId('preview-entry');
  await expect(entries).toHaveCount(3);

  // Two books want the same name: with "Skip", the second stays, and the preview says why.
  const skipped = page.locator('[data-testid="preview-entry"][data-status="skipped"]');
  await expect(skipped).toHaveCount(1);
  await expect(skipped).toContainText('same destination');

  // Resolve it by numbering: the preview shows exactly the name it will get.
  await page.getByRole('radio', { name: /Number/ }).check();
  await expect(page.getByTestId('preview-to')).toHaveText([
    'Herbert, Frank/Dune.epub',
    'Herbert, Frank/Dune (1).epub',
    'Austen, Jane/Emma.epub',
  ]);
  await expect(page.getByTestId('conflict').first()).toContainText('numbered');

  // A bad pattern is marked where it is wrong, and nothing can run.
  await pattern.fill('${author.sortname}/${titel}.${ext}');
  await expect(page.locator('#pattern-problem')).toContainText('titel');
  await expect(page.getByRole('button', { name: /^Rename/ })).toBeDisabled();
  await pattern.fill('${author.sortname}/${title}.${ext}');
  await expect(page.getByTestId('preview-to')).toHaveCount(3);

  await page.getByRole('button', { name: 'Rename 3 books' }).click();
  // Nothing moves before the user says yes, knowing the count and the way back.
  const confirm = page.getByTestId('confirm-rename');
  await expect(confirm).toContainText('Rename 3 books?');
  await expect(confirm).toContainText('undo this from History');
  await confirm.getByRole('button', { name: 'Not now' }).click();
  await expect(confirm).toBeHidden();
  expect(existsSync(join(library, 'Austen, Jane/Emma.epub'))).toBe(false);
  await page.getByRole('button', { name: 'Rename 3 books' }).click();
  await confirm.getByRole('button', { name: 'Rename 3 books' }).click();
  await expect(page.getByTestId('rename-outcome')).toContainText('3 files renamed');
  for (const rel of [
    'Herbert, Frank/Dune.epub',
    'Herbert, Frank/Dune (1).epub',
    'Austen, Jane/Emma.epub',
  ])
    expect(existsSync(join(library, rel)), rel).toBe(true);
  expect(existsSync(join(library, 'in'))).toBe(false);

  // The history lists the batch and its moves; the preview now finds every book in place.
  const batch = page.getByTestId('batch').first();
  await expect(batch).toHaveAttribute('data-state', 'done');
  await batch.getByRole('button', { name: /^Batch / }).click();
  await expect(batch.getByTestId('batch-move')).toHaveCount(3);
  await expect(batch.getByRole('table')).toContainText('Herbert, Frank/Dune (1).epub');
  await expect(page.getByTestId('preview-summary')).toContainText('3 already in place');

  await batch.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('rename-outcome')).toContainText(
    '3 files put back under their old names',
  );
  await expect(page.locator('[data-testid="batch"][data-kind="undo"]')).toHaveCount(1);
  for (const rel of ['in/a.epub', 'in/b.epub', 'in/c.epub'])
    expect(existsSync(join(library, rel)), rel).toBe(true);
  expect(existsSync(join(library, 'Herbert, Frank'))).toBe(false);
  // The preview plans from the old paths again.
  await expect(page.getByTestId('preview-entry').locator('.from')).toHaveText([
    'in/a.epub',
    'in/b.epub',
    'in/c.epub',
  ]);
});

test('renames only the books a search found, or the one book asked for', async ({ page }) => {
  await signIn(page, agent(), '/books?q=author%3Aausten');
  await expect(page.getByTestId('result-count')).toHaveText('1 book');
  await page.getByTestId('rename-these').click();
  await expect(page.getByTestId('rename-scope')).toContainText(
    'the 1 book matching “author:austen”',
  );

  await page.getByLabel('Pattern').fill('${author.sortname}/${title}.${ext}');
  await expect(page.getByTestId('preview-to')).toHaveText(['Austen, Jane/Emma.epub']);
  await page.getByRole('button', { name: 'Rename 1 book', exact: true }).click();
  await page
    .getByTestId('confirm-rename')
    .getByRole('button', { name: 'Rename 1 book', exact: true })
    .click();
  await expect(page.getByTestId('rename-outcome')).toContainText('1 file renamed');
  expect(existsSync(join(library, 'Austen, Jane/Emma.epub'))).toBe(true);
  for (const rel of ['in/a.epub', 'in/b.epub'])
    expect(existsSync(join(library, rel)), rel).toBe(true);

  // From a book's page: that book alone.
  await page.goto(`${agent().url}/books?q=dune`);
  await page.getByRole('link', { name: /Dune/ }).first().click();
  await page.getByTestId('rename-book').click();
  await expect(page.getByTestId('rename-scope')).toContainText('Renaming “Dune”.');
  await page.getByLabel('Pattern').fill('${title}.${ext}');
  await expect(page.getByTestId('preview-entry')).toHaveCount(1);
  await page.getByRole('link', { name: 'Rename the whole library instead' }).click();
  await expect(page.getByTestId('rename-scope')).toContainText('the whole library');
  await expect(page.getByTestId('preview-entry')).toHaveCount(3);
});
