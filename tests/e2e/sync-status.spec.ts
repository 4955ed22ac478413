import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn, signOut } from './support/sign-in';

const { agent } = agentForFile('sync-status', async (library) => {
  writeFileSync(join(library, 'book.epub'), await makeEpub({ title: 'A Quiet Library' }));
});

test('the status says Live again as soon as the network is back, with nothing new to sync', async ({
  page,
  context,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('book')).toHaveCount(1);
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-state', 'live');

  await context.setOffline(true);
  await expect(status).toHaveAttribute('data-state', 'offline');
  // Offline a while: the replication's own retry backs off further each time.
  await page.waitForTimeout(5000);

  // Back: no catalog change will come to wake the replication; the browser's 'online' does.
  await context.setOffline(false);
  await expect(status).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('book')).toHaveCount(1);
});

test('signed out, no sync status is shown: nothing syncs until someone signs in', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'live');
  await signOut(page);
  await expect(page.getByTestId('sync-status')).toHaveCount(0);
  await expect(page.getByRole('banner')).not.toContainText('Live');
});
