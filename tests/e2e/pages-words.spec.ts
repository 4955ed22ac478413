import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { corpusDir, corpusPath } from '../support/corpus';
import { makeEpub, type EpubSpec } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { AgentProcess, freePort, addUser } from './support/agent-process';
import { signIn } from './support/sign-in';

/**
 * The pages as a person reads them (issue 22): filters that fit a phone and a
 * tablet, series counts and gaps that mean something, jobs and settings in
 * sentences, unreadable files counted on every rescan, and a reader who is
 * told what is an admin's before clicking. A real agent over the corpus's
 * unreadable files (read in place) and generated books.
 */

test.describe.configure({ mode: 'serial' });
test.skip(!corpusDir, 'Corpus not found: these pages are checked against its unreadable files.');

const READER = { username: 'rita', password: 'a reader reads by lamplight' };
const LONG_SUBJECT =
  'Adventure stories, French -- Translations into English -- Fiction -- Nineteenth century';

const BOOKS: EpubSpec[] = [
  {
    title: 'Nana',
    authors: ['Émile Zola'],
    series: { name: 'Les Rougon-Macquart', number: 9 },
    subjects: [LONG_SUBJECT],
  },
  {
    title: 'Germinal',
    authors: ['Émile Zola'],
    series: { name: 'Les Rougon-Macquart', number: 13 },
    subjects: [LONG_SUBJECT, 'Coal miners -- Fiction'],
    description: '<p>A strike in the <b>mines</b> of northern France.</p>',
  },
  {
    title: 'La Bête humaine',
    authors: ['Émile Zola'],
    series: { name: 'Les Rougon-Macquart', number: 17 },
  },
  { title: 'Issue Eleven', authors: ['Joe Orlando'], series: { name: 'Lone Comic', number: 11 } },
  ...Array.from({ length: 8 }, (_, i) => ({
    title: `Filler ${i}`,
    authors: ['A. Writer'],
    subjects: [`Subject number ${i} -- with a fairly long heading to wrap`],
  })),
];

const data = tempDir('e2e-pages-data');
const library = tempDir('e2e-pages-library');
/** The corpus's hostile and broken files: some unreadable, read where they are. */
const bad = corpusDir ? corpusPath('bad') : '';
let agent: AgentProcess | undefined;

test.beforeAll(async () => {
  for (const [i, spec] of BOOKS.entries())
    writeFileSync(join(library.path, `book-${i}.epub`), await makeEpub(spec));
  // Lookups start 2 s after a scan, not a minute: the sources' failures are shown sooner.
  agent = new AgentProcess(await freePort(), data.path, [library.path, bad], {
    COLOPHON_LOOKUP_DELAY_S: '2',
  });
  await agent.start();
  addUser(data.path, READER, 'reader');
});

test.afterAll(async () => {
  await agent?.stop();
  data.remove();
  library.remove();
});

const theAgent = () => {
  if (!agent) throw new Error('The agent starts in beforeAll.');
  return agent;
};

async function signInAsReader(page: Page, next: string) {
  await page.goto(`${theAgent().url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('User name').fill(READER.username);
  await page.getByLabel('Password').fill(READER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
}

/** Waits until the catalog has reached the browser (every generated book listed). */
async function booksLoaded(page: Page) {
  await page.goto(`${theAgent().url}/books`);
  await expect(page.getByTestId('book').first()).toBeVisible({ timeout: 60_000 });
}

test('on a phone the filters fold into one closed line and the first book is on the first screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, theAgent());
  await booksLoaded(page);
  const toggle = page.getByTestId('filters-toggle');
  await expect(toggle).toBeVisible();
  await expect(toggle).toHaveText('Filters');
  await expect(page.getByRole('group', { name: 'Filters' })).toBeHidden();
  const first = await page.getByTestId('book').first().boundingBox();
  expect(first?.y ?? Infinity).toBeLessThan(844);

  await toggle.click();
  const panel = page.getByRole('group', { name: 'Filters' });
  // Statuses in words: one word for a file that cannot be read.
  await expect(panel).toContainText('Unreadable');
  await expect(panel).toContainText('Readable');
  await expect(panel).not.toContainText('corrupted');
  await panel.getByRole('checkbox', { name: /^Unreadable/ }).check();
  await expect(toggle).toHaveText('Filters (1 active)');
  await expect(page.getByTestId('book').first().getByTestId('status-badge')).toHaveText(
    'Unreadable',
  );
});

for (const size of [
  { width: 820, height: 1180 },
  { width: 1366, height: 900 },
]) {
  test(`at ${size.width} px long genre names wrap inside the filters, never over the books`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await signIn(page, theAgent());
    await booksLoaded(page);
    await expect(page.getByTestId('filters-toggle')).toBeHidden();
    const panel = page.getByRole('group', { name: 'Filters' });
    const long = panel.locator('li').filter({ hasText: LONG_SUBJECT });
    await expect(long).toBeVisible();
    const results = await page.getByRole('region', { name: 'Results' }).boundingBox();
    const count = await long.locator('.count').boundingBox();
    const name = await long.locator('.value').boundingBox();
    if (!results || !count || !name) throw new Error('The filter or the results are not laid out.');
    // The count sits beside the (wrapped) name, both left of the results.
    expect(count.x + count.width).toBeLessThanOrEqual(results.x);
    expect(name.x + name.width).toBeLessThanOrEqual(count.x);
    expect(name.height).toBeGreaterThan(count.height);
  });
}

test('the series list says how many books, which numbers and what is missing between them', async ({
  page,
}) => {
  await signIn(page, theAgent());
  await booksLoaded(page);
  await page.goto(`${theAgent().url}/series`);
  const series = page.getByTestId('series');
  await expect(series.filter({ hasText: 'Rougon-Macquart' }).getByTestId('series-meta')).toHaveText(
    /^3 books · #9 to #17 · 6 missing · Émile Zola$/,
  );
  // A lone #11 is one book, not "10 missing".
  await expect(series.filter({ hasText: 'Lone Comic' }).getByTestId('series-meta')).toHaveText(
    /^1 book · #11 · Joe Orlando$/,
  );
  await expect(page.locator('main')).not.toContainText(/\dof \d|of 1 books/);
});

test('the metadata table keeps its sources and fits a tablet; the description is formatted text', async ({
  page,
}) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page, theAgent());
  await booksLoaded(page);
  await page.getByTestId('book-title').filter({ hasText: 'Germinal' }).first().click();
  await expect(page.getByTestId('book-heading')).toHaveText('Germinal');
  const table = page.getByTestId('metadata');
  const title = table.locator('tr[data-field="title"]');
  await expect(title.getByTestId('origin')).toHaveText('EPUB package (OPF)');
  await expect(title.getByTestId('confidence')).toBeVisible();
  await expect(title.getByTestId('confidence')).toContainText('% sure');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  await page.getByTestId('edit-metadata').click();
  const description = page.getByTestId('field-description').getByTestId('field-value');
  await expect(description).toHaveText('A strike in the mines of northern France.');
  await expect(description.locator('b')).toHaveText('mines');
  await expect(page.getByTestId('field-title')).toContainText('from the file');
  await expect(page.getByTestId('field-title')).not.toContainText('embedded:opf');
  // The outside sources cannot be reached (a closed port): each says so on its own line.
  const failures = page.getByTestId('lookup-failure');
  await expect(failures.first()).toBeVisible({ timeout: 60_000 });
  for (const text of await failures.allTextContents())
    expect(text.trim()).toMatch(/^(Open Library|Google Books|Comic Vine):/);
});

test('a rescan still counts the unreadable files, and a finished scan says what it came to', async ({
  page,
}) => {
  await signIn(page, theAgent());
  await booksLoaded(page);
  await page.goto(`${theAgent().url}/scanning`);
  const heading = page.locator('#scan-heading');
  await expect(heading).toContainText('Finished', { timeout: 60_000 });
  const before = await heading.textContent();
  const listed = page.getByTestId('scan-problem');
  await expect(listed.first()).toBeVisible();
  const unreadable = await listed.count();
  expect(unreadable).toBeGreaterThan(0);
  expect(unreadable).toBeLessThanOrEqual(readdirSync(bad).length);

  await page.getByRole('button', { name: 'Scan now' }).click();
  await expect(heading).not.toHaveText(before ?? '');
  await expect(heading).toContainText('Finished', { timeout: 60_000 });
  await expect(page.getByTestId('scan-outcome')).toContainText('unchanged');
  await expect(page.getByTestId('job-progress')).toHaveCount(0);
  await expect(page.getByTestId('problem-count')).toHaveText(`(${unreadable})`);
  await expect(listed).toHaveCount(unreadable);
  await expect(listed.first()).toContainText('Unreadable');

  await page.goto(`${theAgent().url}/jobs`);
  const scans = page.getByTestId('job').filter({ hasText: 'Library scan #' });
  await expect(scans).toHaveCount(2);
  for (const outcome of await scans.getByTestId('job-outcome').allTextContents()) {
    expect(outcome).toMatch(/files looked at/);
    expect(outcome).not.toMatch(/bytesRead|seen \d|unchanged \d/);
  }
  await expect(scans.first().getByTestId('job-state')).toHaveText('Finished');
});

test('settings name values and units in words', async ({ page }) => {
  await signIn(page, theAgent(), '/settings');
  const formats = page.getByTestId('setting-enabledFormats');
  await expect(formats).toContainText('CBZ (comic, zip)');
  await expect(page.getByTestId('setting-sources')).toContainText('Open Library');
  await expect(page.getByTestId('setting-sources')).not.toContainText('openlibrary');
  await expect(page.getByTestId('setting-scanIntervalHours')).toContainText('hours');
  await expect(page.getByTestId('setting-targetProfile').getByRole('combobox')).toHaveText(
    /Linux \(ext4/,
  );
});

test('the root of the file system is refused with the reason, in the setup wizard', async ({
  page,
}) => {
  await signIn(page, theAgent(), '/wizard');
  const path = page.getByLabel("Folder on the agent's machine");
  await path.fill('/');
  await page.getByRole('button', { name: 'Add folder' }).click();
  await expect(page.getByTestId('folder-error')).toContainText('root of the file system');
  await path.fill('/etc');
  await page.getByRole('button', { name: 'Add folder' }).click();
  await expect(page.getByTestId('folder-error')).toContainText('system folder');
});

test("a reader is told what is an admin's before clicking, and what readers have", async ({
  page,
  browser,
}) => {
  // What readers have, as an admin reads it on the Users page: true today.
  const admin = await browser.newPage();
  await signIn(admin, theAgent(), '/settings/users');
  await expect(admin.getByTestId('roles-explained')).toContainText('their own shelves');
  await expect(admin.getByTestId('roles-explained')).toContainText('reading progress');
  await admin.close();

  // An admin's page says so before anything can be clicked.
  await signInAsReader(page, '/settings/users');
  await expect(page.getByTestId('admins-only')).toContainText('This page is for admins');
  await expect(page.getByRole('heading', { name: 'Add a user' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  for (const path of ['/jobs', '/data-sources']) {
    await page.goto(`${theAgent().url}${path}`);
    await expect(page.getByTestId('admins-only')).toBeVisible();
  }
  // Pages a reader may read hold no admin's buttons.
  await page.goto(`${theAgent().url}/scanning`);
  await expect(page.locator('#scan-heading')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scan now' })).toHaveCount(0);
  await page.goto(`${theAgent().url}/settings`);
  await expect(page.getByTestId('admin-only')).toContainText("an admin's to change");
  await expect(page.getByRole('heading', { name: 'Library folders' })).toHaveCount(0);
});
