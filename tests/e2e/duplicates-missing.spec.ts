import { existsSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const { agent, library } = agentForFile('duplicates', async (library) => {
  mkdirSync(join(library, 'copies'));
  const dune = await makeEpub({ title: 'Dune', authors: ['Frank Herbert'] });
  writeFileSync(join(library, 'dune.epub'), dune);
  writeFileSync(join(library, 'copies', 'dune (1).epub'), dune);
  writeFileSync(
    join(library, 'gone.epub'),
    await makeEpub({ title: 'The Lost Book', authors: ['Nobody Knows'] }),
  );
});

test('an admin keeps one copy after confirming, sees the group gone, and undoes', async ({
  page,
}) => {
  await signIn(page, agent(), '/scanning');
  await expect(page.getByRole('heading', { name: /Library scan #\d+ · Finished/ })).toBeVisible();
  await page.getByRole('link', { name: 'Duplicates' }).first().click();
  await expect(page.getByRole('heading', { name: 'Duplicates', level: 1 })).toBeVisible();

  const group = page.getByTestId('duplicate-group');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('Dune');
  await expect(group).toContainText('copies/dune (1).epub');
  // Keep the copy in copies/: dune.epub is the one to go.
  await group.getByRole('radio', { name: /copies\/dune \(1\)\.epub/ }).check();
  await group.getByRole('button', { name: 'Keep only the chosen copy…' }).click();
  const confirm = page.getByTestId('confirm-keep-one');
  await expect(confirm).toContainText('Keeps copies/dune (1).epub where it is');
  await expect(confirm).toContainText(`dune.epub → ${library}/.colophon-trash/`);
  await confirm.getByRole('button', { name: 'Not now' }).click();
  await expect(confirm).toBeHidden();
  expect(existsSync(join(library, 'dune.epub'))).toBe(true);

  await group.getByRole('button', { name: 'Keep only the chosen copy…' }).click();
  await confirm.getByRole('button', { name: 'Move to the trash folder' }).click();
  await expect(page.getByTestId('last-action')).toContainText('1 copy moved to the trash folder');
  await expect(page.getByTestId('duplicate-group')).toHaveCount(0);
  await expect(page.getByTestId('no-duplicates')).toBeVisible();
  expect(existsSync(join(library, 'dune.epub'))).toBe(false);
  expect(existsSync(join(library, 'copies', 'dune (1).epub'))).toBe(true);

  await page.getByTestId('last-action').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('last-action')).toContainText('Undone:');
  await expect(page.getByTestId('duplicate-group')).toHaveCount(1);
  expect(existsSync(join(library, 'dune.epub'))).toBe(true);
  await expect(page.getByTestId('recent-action').first()).toContainText('Undone');
});

test('the Missing page removes a book after confirming, and undoes', async ({ page }) => {
  unlinkSync(join(library, 'gone.epub'));
  await signIn(page, agent(), '/scanning');
  const finished = page.getByRole('heading', { name: /Library scan #\d+ · Finished/ });
  const first = await finished.textContent();
  await page.getByRole('button', { name: 'Scan now' }).click();
  await expect(finished).not.toHaveText(first ?? '');
  await expect(finished).toBeVisible();
  await page.getByRole('link', { name: 'Missing' }).first().click();
  await expect(page.getByRole('heading', { name: 'Missing books', level: 1 })).toBeVisible();

  const book = page.getByTestId('missing-book');
  await expect(book).toHaveCount(1);
  await expect(book).toContainText('The Lost Book');
  await expect(book).toContainText('Last at gone.epub');
  const confirm = page.getByTestId('confirm-remove');
  // The folder watcher may scan again after the file went: a removal asked meanwhile is refused
  // in words ("A scan is running … try again"), and asked again, as a person would.
  await expect(async () => {
    await book.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Remove selected (1)…' }).click();
    await expect(confirm).toContainText('Remove this book from the catalog?');
    await expect(confirm).toContainText('“The Lost Book” will leave the catalog');
    await confirm.getByRole('button', { name: 'Remove from catalog' }).click();
    await expect(page.getByTestId('last-action').or(page.getByRole('alert'))).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('last-action')).toContainText('Removed 1 missing book');
  await expect(page.getByTestId('no-missing')).toBeVisible();

  await page.getByTestId('last-action').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('last-action')).toContainText('Undone:');
  await expect(page.getByTestId('missing-book')).toContainText('The Lost Book');
});
