import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { seriesKey } from '#core/books/series-index';
import { makeEpub } from '../support/make-epub';
import { corpusDir, corpusPath } from '../support/corpus';
import { agentForFile } from './support/agent-for-file';
import { addUser } from './support/agent-process';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });
test.skip(!corpusDir, 'needs a corpus EPUB with a cover');

/** A real EPUB with a cover of its own, so the picker has the file's cover and an upload. */
const BOOK = 'epub/kavita_TitleWithVolume.epub';
const READER = { username: 'rita', password: 'a reader’s long password' };
/** Set to a folder to take the screenshots at three widths. */
const SHOTS = process.env.REQUEST_SHOTS;
const SIZES = [
  { width: 390, height: 844 },
  { width: 820, height: 1180 },
  { width: 1366, height: 900 },
];

const { agent, library } = agentForFile('offline-requests', async (library) => {
  if (corpusDir) copyFileSync(corpusPath(BOOK), join(library, 'covered.epub'));
  const series = (number: number) => ({ name: 'Dune Chronicles', number });
  writeFileSync(
    join(library, 'dune.epub'),
    await makeEpub({ title: 'Dune', authors: ['Frank Herbert'], series: series(1) }),
  );
  writeFileSync(
    join(library, 'messiah.epub'),
    await makeEpub({ title: 'Dune Messiah', authors: ['Frank Herbert'], series: series(2) }),
  );
});

async function openBook(page: Page, title: RegExp | string, not = false): Promise<void> {
  await page.goto(`${agent().url}/books`);
  const titles = page.getByTestId('book-title');
  await (not ? titles.filter({ hasNotText: title }) : titles.filter({ hasText: title }))
    .first()
    .click();
  await expect(page.getByTestId('book-heading')).toBeVisible();
}

async function readyOffline(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-offline-ready', 'true', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'live');
}

const seriesUrl = (name: string) => `${agent().url}/series/${encodeURIComponent(seriesKey(name))}`;

test('a cover and a series rename asked offline show at once, marked, and are carried out when back', async ({
  page,
}) => {
  await signIn(page, agent());
  await openBook(page, /Dune/, true);
  await readyOffline(page);
  const picker = page.getByTestId('cover-picker');
  const candidates = picker.getByTestId('cover-candidate');
  // A second picture, uploaded (that needs the agent) and chosen while online.
  const square = await sharp({
    create: { width: 800, height: 800, channels: 3, background: { r: 30, g: 120, b: 60 } },
  })
    .png()
    .toBuffer();
  await picker
    .getByTestId('cover-upload')
    .setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: square });
  await expect(candidates).toHaveCount(2);
  const uploaded = candidates.filter({ hasText: 'Uploaded' });
  const fromFile = candidates.filter({ hasText: 'From the file' });
  await expect(uploaded).toContainText('Your choice', { timeout: 30_000 });
  await expect(picker.getByTestId('request-waiting')).toHaveCount(0, { timeout: 30_000 });

  await page.context().setOffline(true);
  // The file's cover again: shown as the choice at once, waiting for the agent.
  await fromFile.getByTestId('use-cover-embedded').click();
  await expect(fromFile).toContainText('Your choice');
  await expect(fromFile.getByTestId('request-waiting')).toBeVisible();
  if (SHOTS)
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await picker.screenshot({ path: `${SHOTS}/admin-cover-${size.width}.png` });
    }

  // The series renamed offline: the new name at once.
  await page.goto(seriesUrl('Dune Chronicles'));
  await expect(page.getByTestId('series-title')).toHaveText('Dune Chronicles');
  await page.getByTestId('series-name').fill('Dune Saga');
  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByTestId('series-title')).toHaveText('Dune Saga');
  await expect(page.getByTestId('series-pending').getByTestId('request-waiting')).toBeVisible();

  if (SHOTS)
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/admin-series-${size.width}.png`, fullPage: true });
    }

  // Back online: the agent renames the series; the page follows it to its new name.
  await page.context().setOffline(false);
  await expect(page).toHaveURL(seriesUrl('Dune Saga'), { timeout: 30_000 });
  await expect(page.getByTestId('series-title')).toHaveText('Dune Saga');
  await expect(page.getByTestId('request-waiting')).toHaveCount(0);
  await expect(page.getByTestId('series-book')).toHaveCount(2);

  // The cover the agent chose is the file's, from the catalog, no longer marked.
  await openBook(page, /Dune/, true);
  await expect(fromFile).toContainText('Your choice', { timeout: 30_000 });
  await expect(picker.getByTestId('request-waiting')).toHaveCount(0);
  if (SHOTS)
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/admin-book-${size.width}.png`, fullPage: true });
    }
});

test('a lookup asked offline on the metadata page runs as a job when the agent is back', async ({
  page,
}) => {
  await signIn(page, agent());
  await openBook(page, 'Dune Messiah');
  await readyOffline(page);
  await page.getByTestId('edit-metadata').click();
  await page.context().setOffline(true);
  await page.getByTestId('rescan-external').click();
  await expect(page.getByTestId('request-waiting')).toBeVisible();
  await expect(page.getByTestId('rescan-external')).toBeDisabled();
  if (SHOTS)
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/admin-lookup-${size.width}.png`, fullPage: true });
    }
  await page.context().setOffline(false);
  await expect(page.getByTestId('request-waiting')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('lookup-state')).toBeVisible({ timeout: 30_000 });
  // The same job as the Rescan button always started, on the Jobs page (the sources cannot be
  // reached in tests: it finds nothing).
  await page.goto(`${agent().url}/jobs`);
  await expect(page.getByText('Metadata lookup').first()).toBeVisible({ timeout: 30_000 });
});

test('a rename previewed and asked offline runs when the agent is back, as previewed', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/rename`);
  await readyOffline(page);
  await page.context().setOffline(true);
  // Previewed on this device from its copy of the catalog.
  await expect(page.getByTestId('rename-offline')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Pattern').fill('Shelf/${title}.${ext}');
  await expect(page.getByTestId('rename-run')).toHaveText('Rename 3 books', { timeout: 30_000 });
  await expect(page.getByText('Shelf/Dune Messiah.epub')).toBeVisible();
  await page.getByTestId('rename-run').click();
  await page
    .getByTestId('confirm-rename')
    .getByRole('button', { name: /^Rename/ })
    .click();
  await expect(page.getByTestId('rename-queued')).toContainText(
    'Queued until the agent is reachable',
  );
  // One rename on its way at a time: a second would only find the library changed.
  await expect(page.getByTestId('rename-run')).toBeDisabled();
  if (SHOTS)
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/admin-rename-${size.width}.png`, fullPage: true });
    }
  expect(existsSync(join(library, 'messiah.epub'))).toBe(true);

  // Back online: the agent plans it again, finds the same moves, and runs the rename job.
  await page.context().setOffline(false);
  await expect(page.getByTestId('request-waiting')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('request-refused')).toHaveCount(0);
  await expect
    .poll(() => existsSync(join(library, 'Shelf', 'Dune Messiah.epub')), { timeout: 30_000 })
    .toBe(true);
  await expect
    .poll(
      async () => {
        await page.goto(`${agent().url}/rename`);
        return page.getByTestId('batch').filter({ hasText: 'Shelf' }).count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
});

test('a reader has none of these controls', async ({ page }) => {
  addUser(agent().dataDir, READER, 'reader');
  await page.goto(`${agent().url}/login`);
  await page.getByLabel('User name').fill(READER.username);
  await page.getByLabel('Password').fill(READER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
  await page.goto(seriesUrl('Dune Saga'));
  await expect(page.getByTestId('series-title')).toHaveText('Dune Saga');
  await expect(page.getByTestId('series-name')).toHaveCount(0);
  await expect(page.getByTestId('renumber')).toHaveCount(0);
  if (SHOTS)
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/reader-series-${size.width}.png`, fullPage: true });
    }
  await page.goto(`${agent().url}/rename`);
  await expect(page.getByRole('heading', { name: 'For admins' })).toBeVisible();
  await expect(page.getByTestId('rename-run')).toHaveCount(0);
  if (SHOTS)
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/reader-rename-${size.width}.png`, fullPage: true });
    }
  await openBook(page, /Dune/, true);
  await expect(page.getByTestId('cover-picker').getByRole('button')).toHaveCount(0);
  await expect(page.getByTestId('cover-upload')).toHaveCount(0);
  if (SHOTS)
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/reader-book-${size.width}.png`, fullPage: true });
    }
});
