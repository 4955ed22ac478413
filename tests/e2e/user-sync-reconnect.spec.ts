import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

const { agent } = agentForFile('user-sync-reconnect', async (folder) => {
  writeFileSync(
    join(folder, 'emma.epub'),
    await makeEpub({ title: 'Emma', authors: ['Jane Austen'] }),
  );
});

test('an edit made on a device offline a while reaches the agent once the network is back, not at the next retry', async ({
  page,
  context,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books`);
  await page.getByTestId('book-title').filter({ hasText: 'Emma' }).first().click();
  await page.getByTestId('edit-metadata').click();
  const title = page.getByTestId('field-title');
  await expect(title.getByTestId('field-value')).toHaveText('Emma');
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-offline-ready', 'true', { timeout: 60_000 });
  await expect(status).toHaveAttribute('data-state', 'live');

  await context.setOffline(true);
  await title.getByRole('button', { name: 'Type your own' }).click();
  await title.getByRole('textbox').fill('Emma (1815)');
  await title.getByRole('button', { name: 'Save' }).click();
  await expect(title.getByTestId('field-value')).toHaveText('Emma (1815)');
  // Opened again offline: the page has no session token until the agent answers.
  await page.reload();
  await expect(title.getByTestId('edit-waiting')).toBeVisible();
  // Offline past half a minute: the replication's own retries are 30 s apart by now,
  // longer than an assertion waits, so only the browser's 'online' can bring the edit up in time.
  await page.waitForTimeout(35_000);

  await context.setOffline(false);
  await expect(title.getByTestId('edit-waiting')).toHaveCount(0);
  await expect(status).toHaveAttribute('data-state', 'live');
  // The agent applied it: the catalog's value comes back to the page as the book's title.
  await expect(title).toContainText('your value');
});
