import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { agentForFile } from './support/agent-for-file';
import { addUser } from './support/agent-process';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

/** Where screenshots go when a person wants to look at them. */
const SHOTS = process.env.COLOPHON_SHOTS;
const READER = { username: 'bea', password: 'a reader reads by lamplight' };

const { agent } = agentForFile('backup-now', async (library) => {
  writeFileSync(join(library, 'dune.epub'), await makeEpub({ title: 'Dune', authors: ['F. H.'] }));
});
const out = tempDir('e2e-backup-now-out');
test.afterAll(() => out.remove());

const dated = () =>
  readdirSync(out.path)
    .filter((name) => name.startsWith('colophon-backup-'))
    .sort();

async function backUpNow(page: Page) {
  const now = page.getByTestId('backup-now');
  await now.getByRole('button', { name: 'Back up now' }).click();
  await expect(now.getByRole('button', { name: 'Back up now' })).toBeEnabled();
  return now;
}

test('an admin keeps the last 2 backups and backs up now, to the folder set', async ({ page }) => {
  mkdirSync(join(out.path, 'photos'));
  await signIn(page, agent(), '/settings');
  const form = page.getByTestId('setting-backupSchedule');
  await expect(form.getByTestId('backup-keep')).toHaveValue('7');
  await form.getByTestId('backup-folder').fill(out.path);
  await form.getByTestId('backup-keep').fill('2');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Saved.')).toBeVisible();

  for (let i = 1; i <= 3; i++) {
    const now = await backUpNow(page);
    await expect(now.getByTestId('backup-now-done')).toContainText(
      new RegExp(`^Backed up to ${out.path}/colophon-backup-\\S+ \\(\\d+(\\.\\d)? (KB|MB)\\)`),
    );
    await expect.poll(() => dated().length).toBe(Math.min(i, 2));
  }
  await expect(page.getByTestId('backup-now-done')).toContainText(
    '1 older backup removed, beyond the number kept',
  );
  // Only the backups are pruned: the admin's own folder stays.
  expect(readdirSync(out.path)).toContain('photos');
  // The last backup's line moved on to it.
  await expect(form).toContainText(`in ${join(out.path, dated()[1] ?? '')}`);

  // The Jobs page lists each backup with where it went.
  await page.goto(`${agent().url}/jobs`);
  const jobs = page.getByTestId('job').filter({ hasText: /Backup #\d+/ });
  await expect(jobs).toHaveCount(3);
  await expect(jobs.first().getByTestId('job-outcome')).toContainText(`Backed up to ${out.path}`);
});

test('a backup that cannot be written says why', async ({ page }) => {
  await signIn(page, agent(), '/settings');
  const form = page.getByTestId('setting-backupSchedule');
  await form.getByTestId('backup-folder').fill(join(agent().dataDir, 'backups'));
  const now = await backUpNow(page);
  await expect(now.getByTestId('backup-now-failed')).toContainText(
    'is inside the data folder it would back up',
  );
});

test('a reader sees no backup controls', async ({ page }) => {
  addUser(agent().dataDir, READER, 'reader');
  await page.goto(`${agent().url}/login?next=/settings`);
  await page.getByLabel('User name').fill(READER.username);
  await page.getByLabel('Password').fill(READER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
  await expect(page.getByTestId('download-my-data')).toBeVisible();
  await expect(page.getByTestId('backup-now')).toHaveCount(0);
  await expect(page.getByTestId('backup-keep')).toHaveCount(0);
  // Nor the admins' backup jobs (their results name folders on the agent's machine).
  const jobs = (await (await page.request.get(`${agent().url}/api/jobs`)).json()) as {
    kind: string;
  }[];
  expect(jobs.length).toBeGreaterThan(0);
  expect(jobs.filter((job) => job.kind === 'backup')).toEqual([]);
});

test('screenshots: the backup settings, as an admin and a reader', async ({ browser }) => {
  test.skip(!SHOTS, 'COLOPHON_SHOTS names the folder for screenshots');
  try {
    addUser(agent().dataDir, READER, 'reader');
  } catch {
    // Already there.
  }
  for (const who of ['admin', 'reader'] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (who === 'admin') await signIn(page, agent(), '/settings');
    else {
      await page.goto(`${agent().url}/login?next=/settings`);
      await page.getByLabel('User name').fill(READER.username);
      await page.getByLabel('Password').fill(READER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
    }
    for (const width of [390, 820, 1366]) {
      await page.setViewportSize({
        width,
        height: width === 390 ? 844 : width === 820 ? 1180 : 900,
      });
      await page.goto(`${agent().url}/settings`);
      await expect(page.getByTestId('download-my-data')).toBeVisible();
      const target =
        who === 'admin' ? page.getByTestId('setting-backupSchedule') : page.locator('main');
      await target.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS as string, `backup-${who}-${width}.png`) });
      await page.screenshot({
        path: join(SHOTS as string, `backup-${who}-${width}-full.png`),
        fullPage: true,
      });
      if (who === 'admin') {
        // The Jobs page with the backups and the library checks, in words.
        await page.goto(`${agent().url}/jobs`);
        await expect(page.getByTestId('job').first()).toBeVisible();
        await page.screenshot({ path: join(SHOTS as string, `jobs-admin-${width}.png`) });
      }
    }
    await context.close();
  }
});
