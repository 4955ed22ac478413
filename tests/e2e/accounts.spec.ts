import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';
import { addUser } from './support/agent-process';

test.describe.configure({ mode: 'serial' });

const READER = { username: 'rita', password: 'a reader reads by lamplight' };

const { agent, library } = agentForFile('accounts', async (library) => {
  writeFileSync(join(library, 'book.epub'), await makeEpub({ title: 'A Quiet Book' }));
});

test('a refused folder leaves the Add button where it was: one click adds the next one', async ({
  page,
}) => {
  await signIn(page, agent(), '/settings');
  const path = page.getByLabel("Folder on the agent's machine");
  await path.fill('/etc');
  await page.getByRole('button', { name: 'Add folder' }).click();
  await expect(page.getByTestId('folder-error')).toContainText('system folder');
  const more = join(library, 'more');
  mkdirSync(more, { recursive: true });
  await path.fill(more);
  // Leaving the box checks the folder (the error goes); the same click still adds it.
  await page.getByRole('button', { name: 'Add folder' }).click();
  await expect(page.getByTestId('folders')).toContainText(more);
});

test("a reader's weak password is refused as an error, a strong one says the other devices are signed out", async ({
  browser,
}) => {
  addUser(agent().dataDir, READER, 'reader');
  const signInAs = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${agent().url}/login?next=/settings`);
    await page.getByLabel('User name').fill(` ${READER.username.toUpperCase()} `);
    await page.getByLabel('Password').fill(READER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
    return page;
  };
  const other = await signInAs();
  const page = await signInAs();
  // A reader's screens: their own Settings, and none of the admin's actions.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Books' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Rename' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Sources' })).toHaveCount(0);
  await page.goto(`${agent().url}/scanning`);
  await expect(page.getByRole('heading', { name: /Library scan #\d+/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scan now' })).toBeHidden();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings/);
  await page.getByLabel('Current password').fill(READER.password);
  await page.getByLabel('New password').fill('rita123456');
  await page.getByRole('button', { name: 'Change password' }).click();
  const outcome = page.getByTestId('password-outcome');
  await expect(outcome).toContainText('too easy to guess');
  await expect(outcome).toHaveAttribute('role', 'alert');
  await page.getByLabel('New password').fill('lamplight and a long winter evening');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(outcome).toContainText('other browsers and devices are signed out');
  // The other browser's session is over: the agent no longer knows it.
  const session = await other.evaluate(async () => (await fetch('/api/session')).json());
  expect((session as { user: unknown }).user).toBeNull();
});
