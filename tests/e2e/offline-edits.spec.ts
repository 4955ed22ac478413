import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { addUser } from './support/agent-process';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const { agent } = agentForFile('offline-edits', async (folder) => {
  writeFileSync(
    join(folder, 'dune.epub'),
    await makeEpub({ title: 'Dune', authors: ['Frank Herbert'], publisher: 'Chilton' }),
  );
  writeFileSync(
    join(folder, 'time.epub'),
    await makeEpub({ title: 'The Time Machine', authors: ['H. G. Wells'] }),
  );
});

/** A device of the admin's: its own browser storage, named in Settings, the app installed. */
async function device(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, agent());
  await page.goto(`${agent().url}/settings`);
  await page.getByTestId('device-name').fill(name);
  await page.getByTestId('device-name').press('Enter');
  await page.getByTestId('device-name').blur();
  return page;
}

/** Opens a book's metadata page from the library, and waits until it can work offline. */
async function openMetadata(page: Page, title: string): Promise<void> {
  await page.goto(`${agent().url}/books`);
  await page.getByTestId('book-title').filter({ hasText: title }).first().click();
  await expect(page.getByTestId('book-heading')).toHaveText(title);
  await page.getByTestId('edit-metadata').click();
  await expect(page.getByTestId('field-title').getByTestId('field-value')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-offline-ready', 'true', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'live');
}

async function typeValue(page: Page, field: string, value: string): Promise<void> {
  const section = page.getByTestId(`field-${field}`);
  await section.getByRole('button', { name: 'Type your own' }).click();
  await section.getByRole('textbox').fill(value);
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByTestId('field-value')).toHaveText(value);
}

const value = (page: Page, field: string) =>
  page.getByTestId(`field-${field}`).getByTestId('field-value');

test('two devices edit offline: different fields combine, the same field settles alike on both, and a pick resolves it', async ({
  browser,
}) => {
  const tablet = await device(browser, 'Tablet');
  const laptop = await device(browser, 'Laptop');
  await openMetadata(tablet, 'Dune');
  await openMetadata(laptop, 'Dune');

  await tablet.context().setOffline(true);
  await laptop.context().setOffline(true);
  await typeValue(tablet, 'title', 'Dune (tablet)');
  await expect(tablet.getByTestId('field-title').getByTestId('edit-waiting')).toBeVisible();
  await typeValue(laptop, 'publisher', 'Ace Books');
  // The laptop's title edit is made after the tablet's: it is the later one.
  await typeValue(laptop, 'title', 'Dune (laptop)');
  await expect(laptop.getByTestId('field-title').getByTestId('edit-waiting')).toBeVisible();

  await tablet.context().setOffline(false);
  await laptop.context().setOffline(false);
  for (const page of [tablet, laptop]) {
    // Both show the later title, the publisher from the laptop, and what each device chose.
    await expect(value(page, 'title')).toHaveText('Dune (laptop)', { timeout: 30_000 });
    await expect(value(page, 'publisher')).toHaveText('Ace Books', { timeout: 30_000 });
    const conflict = page.getByTestId('field-title').getByTestId('edit-conflict');
    await expect(conflict).toContainText('Changed on 2 devices', { timeout: 30_000 });
    await expect(conflict.getByTestId('conflict-choice')).toHaveText([
      'Laptop chose “Dune (laptop)”',
      'Tablet chose “Dune (tablet)”',
    ]);
    await expect(page.getByTestId('edit-waiting')).toHaveCount(0);
  }

  // Keeping the tablet's value, on the laptop, settles it on both.
  await laptop.getByTestId('field-title').getByRole('button', { name: 'Keep Tablet’s' }).click();
  for (const page of [laptop, tablet]) {
    await expect(value(page, 'title')).toHaveText('Dune (tablet)', { timeout: 30_000 });
    await expect(page.getByTestId('edit-conflict')).toHaveCount(0, { timeout: 30_000 });
  }
  // The history holds every edit, with the device that made it.
  await expect(laptop.getByTestId('edit-history')).toContainText('on Tablet', { timeout: 30_000 });
  await expect(laptop.getByTestId('edit-history')).toContainText('on Laptop');
  await tablet.context().close();
  await laptop.context().close();
});

test('an edit made offline survives a reload and syncs later', async ({ browser }) => {
  const phone = await device(browser, 'Phone');
  await openMetadata(phone, 'The Time Machine');
  await phone.context().setOffline(true);
  await typeValue(phone, 'title', 'The Time Machine (1895)');
  await phone.reload();
  await expect(value(phone, 'title')).toHaveText('The Time Machine (1895)');
  await expect(phone.getByTestId('field-title').getByTestId('edit-waiting')).toBeVisible();

  await phone.context().setOffline(false);
  await expect(phone.getByTestId('field-title').getByTestId('edit-waiting')).toHaveCount(0, {
    timeout: 30_000,
  });
  // Another device sees it, from the catalog the agent changed.
  const other = await device(browser, 'Desktop');
  await openMetadata(other, 'The Time Machine (1895)');
  await expect(value(other, 'title')).toHaveText('The Time Machine (1895)');
  await expect(other.getByTestId('field-title')).toContainText('your value');
  await phone.context().close();
  await other.context().close();
});

test('an edit the agent refuses says why on the device that made it, and the value goes back', async ({
  browser,
}) => {
  // A second admin edits offline; meanwhile the first makes them a reader.
  const editor = { username: 'edna', password: 'an editor edits by lamplight' };
  addUser(agent().dataDir, editor, 'admin');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${agent().url}/login`);
  await page.getByLabel('User name').fill(editor.username);
  await page.getByLabel('Password').fill(editor.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(editor.username);
  await openMetadata(page, 'Dune (tablet)');
  await context.setOffline(true);
  await typeValue(page, 'title', 'Dune (by a former admin)');

  const admin = await fetch(`${agent().url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(agent().admin),
  });
  const { csrf } = (await admin.json()) as { csrf: string };
  const cookie = admin.headers.get('set-cookie')?.split(';')[0] ?? '';
  const users = (await (
    await fetch(`${agent().url}/api/users`, { headers: { cookie } })
  ).json()) as {
    id: string;
    username: string;
  }[];
  const edna = users.find((u) => u.username === editor.username)?.id ?? '';
  const demoted = await fetch(`${agent().url}/api/users/${edna}`, {
    method: 'PATCH',
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'reader' }),
  });
  expect(demoted.status).toBe(200);

  await context.setOffline(false);
  const title = page.getByTestId('field-title');
  await expect(title.getByTestId('edit-refused')).toContainText(
    'Not saved on the agent: Only an admin edits metadata',
    { timeout: 30_000 },
  );
  await expect(title.getByTestId('field-value')).toHaveText('Dune (tablet)');
  await context.close();
});
