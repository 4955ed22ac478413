import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { readBook } from '#core/formats/read-book';
import { readCover } from '#core/formats/read-cover';
import { corpusDir, corpusPath, readCorpusSource } from '../support/corpus';
import { agentForFile } from './support/agent-for-file';
import { addUser } from './support/agent-process';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });
test.skip(!corpusDir, 'needs the corpus’s EPUB covers');

/** A real EPUB whose cover is a 1000 × 1572 JPEG. */
const BOOK = 'epub/kavita_TitleWithVolume.epub';
const READER = { username: 'rita', password: 'a reader’s long password' };
const SHOTS = process.env.COVER_SHOTS;

const { agent } = agentForFile('cover-picker', async (library) => {
  if (corpusDir) copyFileSync(corpusPath(BOOK), join(library, 'book.epub'));
});

async function openBook(page: Page): Promise<void> {
  await page.goto(`${agent().url}/books`);
  await page.getByTestId('book-title').first().click();
  await expect(page.getByTestId('book-heading')).toBeVisible();
}

async function fileCover(): Promise<Buffer> {
  const source = await readCorpusSource(BOOK);
  const book = await readBook(source, 'epub');
  const cover = book.cover && (await readCover(source, 'epub', book.cover));
  if (!cover) throw new Error(`${BOOK} has no cover`);
  return Buffer.from(cover.bytes);
}

test('the picker lists each cover with its size and sources, best first, copies folded', async ({
  page,
}) => {
  await signIn(page, agent());
  await openBook(page);
  const picker = page.getByTestId('cover-picker');
  const candidates = picker.getByTestId('cover-candidate');
  await expect(candidates).toHaveCount(1);
  await expect(candidates.first().getByTestId('cover-sources')).toHaveText('From the file');
  await expect(candidates.first().getByTestId('cover-pixels')).toHaveText('1000 × 1572');
  await expect(candidates.first().getByTestId('cover-bytes')).toHaveText(/^\d+(\.\d)? KB JPEG$/);
  await expect(candidates.first()).toContainText('Shown');

  // The same picture, smaller and as WebP (as a source's thumbnail would be): one candidate.
  const copy = await sharp(await fileCover())
    .resize(300)
    .webp()
    .toBuffer();
  await picker
    .getByTestId('cover-upload')
    .setInputFiles({ name: 'copy.webp', mimeType: 'image/webp', buffer: copy });
  await expect(picker.getByRole('status')).toContainText('uploaded and chosen');
  await expect(candidates).toHaveCount(1);
  await expect(candidates.first().getByTestId('cover-sources')).toHaveText(
    'From the file, Uploaded',
  );
  // Listed by its best copy, the file's; the upload the user chose is in it.
  await expect(candidates.first().getByTestId('cover-pixels')).toHaveText('1000 × 1572');
  await expect(candidates.first()).toContainText('Your choice');

  // A different picture, larger but square: a second candidate, ranked below the 2:3 one.
  const square = await sharp(await fileCover())
    .resize(1400, 1400, { fit: 'cover' })
    .negate()
    .png()
    .toBuffer();
  await picker
    .getByTestId('cover-upload')
    .setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: square });
  await expect(picker.getByRole('status')).toContainText('uploaded and chosen');
  await expect(candidates).toHaveCount(2);
  await expect(candidates.nth(0).getByTestId('cover-sources')).toHaveText('From the file');
  await expect(candidates.nth(1).getByTestId('cover-sources')).toHaveText('Uploaded');
  await expect(candidates.nth(1).getByTestId('cover-pixels')).toHaveText('1400 × 1400');
  await expect(candidates.nth(1).getByTestId('cover-bytes')).toHaveText(/ PNG$/);
  await expect(candidates.nth(1)).toContainText('Your choice');

  // Automatic again: the best is shown, and the page offers its original to large screens.
  await page.getByRole('button', { name: 'Choose automatically' }).click();
  await expect(candidates.nth(0)).toContainText('Shown');
  const cover = page.getByTestId('medium-cover');
  await expect(cover).toHaveAttribute('srcset', /\/api\/covers\/[0-9a-f]{64}\/original 1000w/);
});

test('a large, dense screen draws the book page’s cover from the original', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  await signIn(page, agent());
  const original = page.waitForResponse((r) =>
    /\/api\/covers\/[0-9a-f]{64}\/original$/.test(r.url()),
  );
  await openBook(page);
  const response = await original;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/jpeg');
  expect(
    Buffer.compare(new Uint8Array(await response.body()), new Uint8Array(await fileCover())),
  ).toBe(0);
  await context.close();
});

test('a reader sees the sizes and sources, and cannot choose', async ({ page }) => {
  addUser(agent().dataDir, READER, 'reader');
  await page.goto(`${agent().url}/login`);
  await page.getByLabel('User name').fill(READER.username);
  await page.getByLabel('Password').fill(READER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
  await openBook(page);
  const candidates = page.getByTestId('cover-candidate');
  await expect(candidates).toHaveCount(2);
  await expect(candidates.nth(0).getByTestId('cover-pixels')).toHaveText('1000 × 1572');
  await expect(page.getByRole('button', { name: 'Use this' })).toHaveCount(0);
  await expect(page.getByTestId('cover-upload')).toHaveCount(0);
  const full = await page.request.get(
    `${agent().url}${(await page.getByTestId('medium-cover').getAttribute('src'))!.replace('/medium', '/original')}`,
  );
  expect(full.status()).toBe(200);
  expect(full.headers()['content-type']).toBe('image/jpeg');
});

test('screenshots of the picker', async ({ page }) => {
  test.skip(!SHOTS, 'set COVER_SHOTS to a folder to take them');
  for (const role of ['admin', 'reader'] as const) {
    if (role === 'admin') await signIn(page, agent());
    else {
      await page.goto(`${agent().url}/login`);
      await page.getByLabel('User name').fill(READER.username);
      await page.getByLabel('Password').fill(READER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
    }
    for (const size of [
      { width: 390, height: 844 },
      { width: 820, height: 1180 },
      { width: 1366, height: 900 },
    ]) {
      await page.setViewportSize(size);
      await openBook(page);
      const picker = page.getByTestId('cover-picker');
      await expect(picker.getByTestId('cover-candidate')).toHaveCount(2);
      await picker.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/${role}-${size.width}.png`, fullPage: true });
    }
    await page.context().clearCookies();
  }
});
