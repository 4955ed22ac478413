import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { addUser } from './support/agent-process';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

/** Where screenshots go when a person wants to look at them. */
const SHOTS = process.env.COLOPHON_SHOTS;
const READER = { username: 'rosa', password: 'a reader reads by lamplight' };

const { agent, library } = agentForFile('doctor', async (library) => {
  writeFileSync(join(library, 'dune.epub'), await makeEpub({ title: 'Dune', authors: ['F. H.'] }));
});

const orphan = () => join(agent().dataDir, 'covers', 'cd', `${'cd'.repeat(32)}-medium.webp`);

async function scanned(page: Page) {
  await expect(page.getByRole('heading', { name: /Library scan #\d+ · Finished/ })).toBeVisible();
}

test('an admin checks the library, reads the report, and repairs after confirming', async ({
  page,
}) => {
  await signIn(page, agent(), '/scanning');
  await scanned(page);
  const check = page.getByTestId('check-library');
  await check.getByRole('button', { name: 'Check the library' }).click();
  await expect(check.getByTestId('check-healthy')).toBeVisible();

  // A book file the watcher has not cataloged yet is not a given; a thumbnail nobody uses is.
  mkdirSync(join(agent().dataDir, 'covers', 'cd'), { recursive: true });
  writeFileSync(orphan(), 'left over');
  const old = new Date(Date.now() - 3 * 60 * 60 * 1000);
  utimesSync(orphan(), old, old);

  await check.getByRole('button', { name: 'Check again' }).click();
  const finding = check.getByTestId('check-finding');
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('1 cover thumbnail');
  await expect(finding).toContainText('(1 KB) in the data folder belongs to no book.');
  await expect(finding).toContainText('Repair: They are deleted');

  // It ran as a job: the Jobs page lists it, with what it found; the report is kept with it,
  // so a reload (or another device) shows it again without checking anew.
  await page.goto(`${agent().url}/jobs`);
  const job = page
    .getByTestId('job')
    .filter({ hasText: /Library check #\d+/ })
    .first();
  await expect(job.getByTestId('job-state')).toHaveText('Finished');
  await expect(job.getByTestId('job-outcome')).toContainText(
    'Found 1 thing to look at: 1 cover thumbnail',
  );
  await expect(job.getByTestId('job-retry')).toHaveCount(0);
  await page.goto(`${agent().url}/scanning`);
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('1 cover thumbnail');

  // Nothing is repaired before the admin confirms; Cancel leaves all as it was.
  await check.getByTestId('check-repair').click();
  await expect(check.getByRole('group', { name: 'Confirm the repair' })).toContainText(
    'No book file is deleted or moved',
  );
  await check.getByRole('button', { name: 'Cancel' }).click();
  expect(existsSync(orphan())).toBe(true);

  await check.getByTestId('check-repair').click();
  await check.getByTestId('check-confirm').click();
  await expect(check.getByTestId('check-repaired')).toContainText('Deleted 1 cover thumbnail');
  await expect(check.getByTestId('check-healthy')).toBeVisible();
  expect(existsSync(orphan())).toBe(false);
  expect(existsSync(join(library, 'dune.epub'))).toBe(true);
  await page.goto(`${agent().url}/jobs`);
  await expect(
    page
      .getByTestId('job')
      .filter({ hasText: /Library repair #\d+/ })
      .getByTestId('job-outcome'),
  ).toContainText('Deleted 1 cover thumbnail');
});

test('a check started on one device shows its progress and report on another', async ({
  browser,
}) => {
  const here = await browser.newContext();
  const there = await browser.newContext();
  try {
    const a = await here.newPage();
    const b = await there.newPage();
    await signIn(a, agent(), '/scanning');
    await signIn(b, agent(), '/scanning');
    await scanned(b);
    const before = await b.getByTestId('check-job').textContent();
    await a.getByTestId('check-start').click();
    await expect(a.getByTestId('check-report')).toBeVisible();
    await expect(a.getByTestId('check-job')).not.toHaveText(before ?? '');
    const job = await a.getByTestId('check-job').textContent();
    // The other device follows the job through the jobs stream, to its report.
    await expect(b.getByTestId('check-job')).toHaveText(job ?? '');
    await expect(b.getByTestId('check-healthy')).toBeVisible();
  } finally {
    await here.close();
    await there.close();
  }
});

test('a reader sees no Check the library', async ({ page }) => {
  addUser(agent().dataDir, READER, 'reader');
  await page.goto(`${agent().url}/login?next=/scanning`);
  await page.getByLabel('User name').fill(READER.username);
  await page.getByLabel('Password').fill(READER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
  await scanned(page);
  await expect(page.getByTestId('check-library')).toHaveCount(0);
  await page.goto(`${agent().url}/settings`);
  await expect(page.getByTestId('download-my-data')).toBeVisible();
});

test('screenshots: Check the library and Settings, as an admin and a reader', async ({
  browser,
}) => {
  test.skip(!SHOTS, 'COLOPHON_SHOTS names the folder for screenshots');
  // The reader is made by the test before, unless this one runs alone.
  try {
    addUser(agent().dataDir, READER, 'reader');
  } catch {
    // Already there.
  }
  // Something to report: a thumbnail no book uses (the repair is confirmed by nobody here).
  mkdirSync(join(agent().dataDir, 'covers', 'cd'), { recursive: true });
  writeFileSync(orphan(), 'left over');
  const old = new Date(Date.now() - 3 * 60 * 60 * 1000);
  utimesSync(orphan(), old, old);
  for (const who of ['admin', 'reader'] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (who === 'admin') await signIn(page, agent(), '/scanning');
    else {
      await page.goto(`${agent().url}/login?next=/scanning`);
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
      await page.goto(`${agent().url}/scanning`);
      await scanned(page);
      if (who === 'admin') {
        await page.getByTestId('check-start').click();
        await expect(page.getByTestId('check-report')).toBeVisible();
        await page.getByTestId('check-repair').click();
      }
      await page.screenshot({
        path: join(SHOTS as string, `doctor-${who}-${width}.png`),
        fullPage: true,
      });
      await page.goto(`${agent().url}/settings`);
      await expect(page.getByTestId('download-my-data')).toBeVisible();
      await page.screenshot({
        path: join(SHOTS as string, `settings-${who}-${width}.png`),
        fullPage: true,
      });
    }
    await context.close();
  }
});
