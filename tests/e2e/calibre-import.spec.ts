import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { copyCalibreLibrary } from '../support/calibre-corpus';
import { corpusDir } from '../support/corpus';
import { tempDir } from '../support/temp';
import { AgentProcess, freePort } from './support/agent-process';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });
test.skip(!corpusDir, 'Corpus not found: the Calibre import test needs its Calibre library.');

const data = tempDir('e2e-calibre-data');
const copy = tempDir('e2e-calibre-copy');
let library: string;
let agent: AgentProcess;

/** A comment a hostile library could carry: shown, it must run nothing. */
const HOSTILE =
  '<p>Safe <b>bold</b></p><img src="x" onerror="window.__calibreXss = 1"><script>window.__calibreXss = 2</script>';

test.beforeAll(async () => {
  if (!corpusDir) return;
  library = copyCalibreLibrary(join(copy.path, 'Calibre Library'));
  const db = new Database(join(library, 'metadata.db'));
  db.prepare('UPDATE comments SET text = ? WHERE book = 2').run(HOSTILE);
  db.close();
  agent = new AgentProcess(await freePort(), data.path, []);
  await agent.start();
});

test.afterAll(async () => {
  await agent?.stop();
  data.remove();
  copy.remove();
});

async function openBook(page: Page, title: string) {
  // Found by a search: a long list on a small screen draws only the rows in view.
  await page.goto(`${agent.url}/books?view=list&q=${encodeURIComponent(`"${title}"`)}`);
  await page.getByTestId('book-title').filter({ hasText: title }).first().click();
  await expect(page.getByTestId('book-heading')).toHaveText(title);
}

test('an admin imports a Calibre library from Settings and finds its curated titles and series', async ({
  page,
}) => {
  await signIn(page, agent, '/settings');
  const path = page.getByLabel('Calibre library folder');
  await path.fill(join(copy.path, 'nowhere'));
  await path.blur();
  await expect(page.getByTestId('calibre-error')).toContainText('does not exist');
  await path.fill(library);
  await path.blur();
  await expect(page.getByTestId('calibre-check')).toContainText('holds 13 books in 12 files');
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  const summary = page.getByTestId('calibre-summary');
  await expect(summary).toContainText('Imported 12 of 13 books', { timeout: 60_000 });
  await expect(summary).toContainText('onto 12 files, with 12 covers');
  await expect(page.getByTestId('calibre-problems')).toContainText(
    'A Book Without Files Calibre lists no file for this book.',
  );
  await expect(page.getByTestId('folders')).toContainText(library);

  await page.goto(`${agent.url}/books?view=list`);
  const edited = page.getByTestId('book').filter({ hasText: 'Title Corrected In Calibre' });
  await expect(edited).toContainText(/Curated Shelf\s*#1\.5/, { timeout: 30_000 });
  await expect(page.getByTestId('book-title')).toHaveCount(12);

  await openBook(page, 'Title Corrected In Calibre');
  await expect(page.getByTestId('rating')).toContainText('Rated 4 of 5');
  await expect(page.getByRole('navigation', { name: 'Series' })).toContainText(
    'Book 1.5 of Curated Shelf',
  );
  const description = page.getByTestId('description');
  await expect(description.locator('b')).toHaveText('in');
  await expect(description).toHaveText('Edited in Calibre.');
  await expect(page.locator('tr[data-field="title"] .origin')).toHaveText('Calibre');
});

test('comments from Calibre are shown sanitised', async ({ page }) => {
  await signIn(page, agent, '/books');
  await openBook(page, 'The Adventures of Sherlock Holmes');
  const description = page.getByTestId('description');
  await expect(description.locator('b')).toHaveText('bold');
  await expect(description.locator('script, img, [onerror]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __calibreXss?: number }).__calibreXss)).toBe(
    undefined,
  );
});

test('looks right at 390, 820 and 1366 px', async ({ page }, testInfo) => {
  await signIn(page, agent, '/settings');
  const shots = process.env.COLOPHON_SHOTS;
  if (shots) mkdirSync(shots, { recursive: true });
  const save = async (name: string) => {
    const file = testInfo.outputPath(`${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (shots) copyFileSync(file, join(shots, `${name}.png`));
  };
  for (const width of [390, 820, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${agent.url}/settings`);
    const section = page.getByTestId('calibre-summary');
    await expect(section).toBeVisible();
    await section.scrollIntoViewIfNeeded();
    await save(`calibre-settings-${width}`);
    await page.goto(`${agent.url}/wizard`);
    await expect(page.getByTestId('folders')).toContainText('Calibre Library');
    await page.getByTestId('wizard-calibre').locator('summary').click();
    await expect(page.getByTestId('wizard-calibre').getByTestId('calibre-summary')).toBeVisible();
    await save(`calibre-wizard-${width}`);
    await openBook(page, 'Title Corrected In Calibre');
    await save(`calibre-book-${width}`);
  }
});
