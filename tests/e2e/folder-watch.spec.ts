import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { addUser } from './support/agent-process';
import { signIn, signOut } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const READER = { username: 'wren', password: 'a reader reads by lamplight' };

const { agent, library } = agentForFile('folder-watch', async (library) => {
  writeFileSync(join(library, 'first.epub'), await makeEpub({ title: 'The First' }));
});

test('a watched folder says so, and a file dropped into it is cataloged without a scan', async ({
  page,
}) => {
  await signIn(page, agent(), '/settings');
  const folder = page.getByTestId('folders').getByRole('listitem').first();
  await expect(folder.getByTestId('folder-watch')).toHaveAttribute('data-mode', 'native');
  await expect(folder.getByTestId('folder-watch')).toContainText(/^Watching for changes \(.+\)$/);

  writeFileSync(join(library, 'second.epub'), await makeEpub({ title: 'The Second' }));
  // The list is read when the page opens: reopen it until the watcher's scan has run.
  await expect(async () => {
    await page.reload();
    await expect(folder).toContainText('2 books cataloged', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
});

test('turning watching off in Settings says so on the folder at once', async ({ page }) => {
  await signIn(page, agent(), '/settings');
  const field = page.getByTestId('setting-watchFolders');
  await field.getByRole('checkbox').uncheck();
  await field.getByRole('button', { name: 'Save' }).click();
  const watch = page.getByTestId('folder-watch').first();
  await expect(watch).toHaveAttribute('data-mode', 'off');
  await expect(watch).toContainText('Not watching for changes: turned off in Settings');

  await field.getByRole('checkbox').check();
  await field.getByRole('button', { name: 'Save' }).click();
  await expect(watch).toHaveAttribute('data-mode', 'native');
});

for (const [width, height] of [
  [390, 844],
  [820, 1180],
  [1366, 900],
] as const) {
  test(`the folders and the setting at ${width}px, as an admin and a reader`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height });
    await signIn(page, agent(), '/settings');
    const folders = page.locator('section', {
      has: page.getByRole('heading', { name: 'Library folders' }),
    });
    await expect(folders.getByTestId('folder-watch').first()).toBeVisible();
    await folders.screenshot({ path: testInfo.outputPath(`folders-admin-${width}.png`) });
    const setting = page.getByTestId('setting-watchFolders');
    await setting.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`setting-admin-${width}.png`) });
    // Nothing spills sideways: the page is as wide as the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );

    await signOut(page);
    if (width === 390) addUser(agent().dataDir, READER, 'reader');
    await page.goto(`${agent().url}/login?next=/settings`);
    await page.getByLabel('User name').fill(READER.username);
    await page.getByLabel('Password').fill(READER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('admin-only')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`settings-reader-${width}.png`) });
  });
}
