import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { addUser } from './support/agent-process';
import { signIn, signOut } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const READER = { username: 'ivo', password: 'a reader reads by lamplight' };

const { agent, library } = agentForFile('job-notices', async (library) => {
  writeFileSync(join(library, 'first.epub'), await makeEpub({ title: 'The First' }));
});

test('an admin browsing the books is told when a scan has cataloged a new file', async ({
  page,
}) => {
  await signIn(page, agent(), '/books');
  await expect(page.getByTestId('book-title').filter({ hasText: 'The First' })).toBeVisible();
  // The scan that took the first file has ended before this page watched it: nothing to say.
  await expect(page.getByTestId('job-notice')).toHaveCount(0);

  writeFileSync(join(library, 'second.epub'), await makeEpub({ title: 'The Second' }));
  const notice = page.getByTestId('job-notice');
  await expect(notice).toContainText('Library scan finished.', { timeout: 60_000 });
  await expect(notice).toContainText('1 read');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('the Scanning page shows a scan end itself, so no notice covers it', async ({ page }) => {
  await signIn(page, agent(), '/scanning');
  const before = await lastScanId(page);
  writeFileSync(join(library, 'third.epub'), await makeEpub({ title: 'The Third' }));
  await expect(async () => expect(await lastScanId(page)).toBeGreaterThan(before)).toPass({
    timeout: 60_000,
  });
  await expect(page.getByTestId('job-notice')).toHaveCount(0);
});

/** The newest finished scan that read a file, from the agent's job list (this page's cookie). */
async function lastScanId(page: Page): Promise<number> {
  const jobs = (await (await page.request.get(`${agent().url}/api/jobs`)).json()) as {
    id: number;
    kind: string;
    state: string;
    result?: { read?: number };
  }[];
  const read = jobs.filter((j) => j.kind === 'scan' && j.state === 'done' && j.result?.read);
  return Math.max(0, ...read.map((j) => j.id));
}

test('system notifications are a choice of this device, kept after a reload', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['notifications']);
  await signIn(page, agent(), '/settings');
  const choice = page.getByTestId('system-notices');
  await expect(choice).not.toBeChecked();
  await choice.check();
  await page.reload();
  await expect(page.getByTestId('system-notices')).toBeChecked();
});

test('a reader is not told of the admins’ work and has no such setting', async ({ page }) => {
  addUser(agent().dataDir, READER, 'reader');
  await page.goto(`${agent().url}/login?next=/settings`);
  await page.getByLabel('User name').fill(READER.username);
  await page.getByLabel('Password').fill(READER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'You' })).toBeVisible();
  await expect(page.getByTestId('system-notices')).toHaveCount(0);
  await page.goto(`${agent().url}/books`);
  writeFileSync(join(library, 'fourth.epub'), await makeEpub({ title: 'The Fourth' }));
  await expect(page.getByTestId('book-title').filter({ hasText: 'The Fourth' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId('job-notice')).toHaveCount(0);
  await signOut(page);
});

for (const [width, height] of [
  [390, 844],
  [1366, 900],
] as const) {
  test(`a notice at ${width}px sits in the corner without spilling`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height });
    await signIn(page, agent(), '/books');
    writeFileSync(join(library, `wide-${width}.epub`), await makeEpub({ title: `Wide ${width}` }));
    const notice = page.getByTestId('job-notice');
    await expect(notice).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: testInfo.outputPath(`notice-${width}.png`) });
    const box = await notice.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );
  });
}
