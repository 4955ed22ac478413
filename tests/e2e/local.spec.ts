import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobWriter, TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { pagePng } from '../support/make-comic';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { AgentProcess, freePort } from './support/agent-process';
import { signIn } from './support/sign-in';

/**
 * A folder on this device, scanned in the browser (#8). The test drives the
 * page as a user would, with one substitution: Playwright cannot click
 * through the browser's folder picker, so `showDirectoryPicker` is replaced
 * (addInitScript) by one that answers a folder of the origin-private file
 * system, which is the same FileSystemDirectoryHandle API. The test fills
 * that folder from Node, clicks "Open a folder on this device", and from
 * then on everything is the app's own code path: handle kept in IndexedDB,
 * scan worker, reader workers, PouchDB, the bridge, /books.
 */

test.describe.configure({ mode: 'serial' });

const FOLDER = 'library';

/** Corpus files of every format, where they are: path in the corpus → name in the folder. */
const CORPUS: Record<string, string> = {
  'epub/se_h-g-wells_the-time-machine.epub': 'Wells/The Time Machine.epub',
  'epub/komga_epub3_minimal.epub': 'minimal.epub',
  'mobi/libmobi_sample-cp1252.mobi': 'mobi/sample.mobi',
  'mobi/calibre_germinal.azw3': 'Zola/Germinal.azw3',
  'pdf/komga_komga.pdf': 'pdf/komga.pdf',
  'pdf/pdfjs_standard_fonts.pdf': 'pdf/standard fonts.pdf',
  'comics/comicbox_Captain Science #001.cbz': 'comics/Captain Science 001.cbz',
  'comics/comicbox_Captain Science #001-cbi.cbr': 'comics/Captain Science 001 (cbi).cbr',
  'comics/comicbox_Captain Science #001.cb7': 'comics/Captain Science 001.cb7',
  'comics/comicbox_Captain Science #001-cix.cbt': 'comics/Captain Science 001.cbt',
  'bad/random_garbage.cbz': 'broken/garbage.cbz',
};

/** A comic of one page, so a generated book has a cover without the corpus. */
async function makeComic(title: string): Promise<Uint8Array> {
  const writer = new ZipWriter(new BlobWriter('application/zip'), { useWebWorkers: false });
  // A page the size of a real one: a 1 × 1 image is a placeholder, never chosen as a cover.
  await writer.add('page-001.png', new Uint8ArrayReader(pagePng(1, 400, 600)));
  await writer.add(
    'ComicInfo.xml',
    new TextReader(`<?xml version="1.0"?><ComicInfo><Title>${title}</Title></ComicInfo>`),
  );
  return new Uint8Array(await (await writer.close()).arrayBuffer());
}

const GENERATED = ['Aurora', 'Borealis', 'Cassiopeia', 'Draco', 'Eridanus'];

const data = tempDir('e2e-local-data');
const agentLibrary = tempDir('e2e-local-agent-library');
let agent: AgentProcess;
let context: BrowserContext;
let page: Page;

async function writeFile(path: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(
    async ({ folder, path, base64 }) => {
      let dir = await (
        await navigator.storage.getDirectory()
      ).getDirectoryHandle(folder, {
        create: true,
      });
      const parts = path.split('/');
      const name = parts.pop() as string;
      for (const part of parts) dir = await dir.getDirectoryHandle(part, { create: true });
      const file = await dir.getFileHandle(name, { create: true });
      const writable = await file.createWritable();
      await writable.write(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
      await writable.close();
    },
    { folder: FOLDER, path, base64: Buffer.from(bytes).toString('base64') },
  );
}

async function removeFile(path: string): Promise<void> {
  await page.evaluate(
    async ({ folder, path }) => {
      let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
      const parts = path.split('/');
      const name = parts.pop() as string;
      for (const part of parts) dir = await dir.getDirectoryHandle(part);
      await dir.removeEntry(name);
    },
    { folder: FOLDER, path },
  );
}

test.beforeAll(async ({ browser }) => {
  // The agent has a library of its own: its books and the folder's show side by side.
  writeFileSync(
    join(agentLibrary.path, 'agent.epub'),
    await makeEpub({ title: 'Hydra on the Agent', authors: ['Agent Author'] }),
  );
  agent = new AgentProcess(await freePort(), data.path, [agentLibrary.path]);
  await agent.start();
  context = await browser.newContext();
  // The folder picker, answered with a folder of the origin-private file system.
  await context.addInitScript((folder) => {
    Object.defineProperty(window, 'showDirectoryPicker', {
      configurable: true,
      value: async () =>
        (await navigator.storage.getDirectory()).getDirectoryHandle(folder, { create: true }),
    });
    // Long tasks on the page's thread, for the responsiveness report.
    const longTasks: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = longTasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  }, FOLDER);
  page = await context.newPage();
  // Served by an agent with no library: signed in, as the app wants whenever an agent answers.
  await signIn(page, agent, '/local');
});

test.afterAll(async () => {
  await context?.close();
  await agent?.stop();
  data.remove();
  agentLibrary.remove();
});

test('a folder of every format is scanned in the browser, with covers', async () => {
  if (!corpusDir) console.log(NO_CORPUS_MESSAGE);
  const corpus = corpusDir ? Object.entries(CORPUS) : [];
  for (const [rel, name] of corpus)
    await writeFile(name, new Uint8Array(readFileSync(corpusPath(rel))));
  for (const [i, title] of GENERATED.entries()) {
    await writeFile(
      `generated/book-${i}.epub`,
      await makeEpub({ title, authors: ['Test Author'] }),
    );
  }
  await writeFile('generated/Comet.cbz', await makeComic('Comet Comic'));
  const total = corpus.length + GENERATED.length + 1;

  await page.evaluate(
    () => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0),
  );
  await page.getByRole('button', { name: 'Open a folder on this device' }).click();
  const card = page.getByTestId('local-folder').filter({ hasText: FOLDER });
  await expect(card).toHaveAttribute('data-state', 'scanning');
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const longest = await page.evaluate(() =>
    Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks),
  );
  console.log(`Longest task on the page's thread during the scan: ${Math.round(longest)} ms`);
  await expect(card.getByTestId('run-counts')).toContainText(`${total} files`);
  console.log(`Scan: ${await card.getByTestId('run-counts').innerText()}`);
  if (corpusDir) {
    await card.getByText('1 problem').click();
    await expect(card.getByTestId('local-problems')).toContainText('garbage.cbz');
  }

  await page.getByRole('link', { name: 'Books', exact: true }).click();
  await expect(page.getByTestId('result-count')).toHaveText(`${total + 1} books`);
  const comet = page.getByTestId('book').filter({ hasText: 'Comet Comic' });
  await expect(comet.getByTestId('cover-image')).toBeVisible();
  // Two libraries in the catalog: each book says which it comes from.
  await expect(comet.getByTestId('book-library')).toHaveText('This device');
  const hydra = page.getByTestId('book').filter({ hasText: 'Hydra on the Agent' });
  await expect(hydra.getByTestId('book-library')).toHaveText('Agent');
  if (corpusDir) {
    for (const title of ['The Time Machine', 'The Beginning', 'TCPDF', 'Libmobi']) {
      const book = page.getByTestId('book').filter({ hasText: title }).first();
      await book.scrollIntoViewIfNeeded();
      await expect(book.getByTestId('cover-image'), title).toBeVisible();
    }
  }
});

test('a rescan adds new files and marks removed ones missing', async () => {
  await writeFile('generated/late.epub', await makeEpub({ title: 'Fornax Arrives Late' }));
  await removeFile('generated/book-1.epub');
  await page.getByRole('link', { name: 'This device', exact: true }).click();
  const card = page.getByTestId('local-folder').filter({ hasText: FOLDER });
  await card.getByRole('button', { name: 'Rescan' }).click();
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(card.getByTestId('run-counts')).toContainText('1 read');
  await expect(card.getByTestId('run-counts')).toContainText('1 missing');

  await page.getByRole('link', { name: 'Books', exact: true }).click();
  await page.getByTestId('search').fill('fornax');
  await expect(page.getByTestId('book-title')).toHaveText(['Fornax Arrives Late']);
  await page.getByTestId('search').fill('borealis');
  await expect(page.getByTestId('book').getByTestId('status-badge')).toHaveText('Missing file');
});

test('a plain .zip of images is scanned as a comic, and a zip of anything else is left out', async () => {
  await writeFile('generated/Nebula.zip', await makeComic('Nebula Comic'));
  const code = new ZipWriter(new BlobWriter('application/zip'), { useWebWorkers: false });
  await code.add('README.txt', new TextReader('Source code, not a comic.'));
  await writeFile('generated/code.zip', new Uint8Array(await (await code.close()).arrayBuffer()));
  await page.getByRole('link', { name: 'This device', exact: true }).click();
  const card = page.getByTestId('local-folder').filter({ hasText: FOLDER });
  await card.getByRole('button', { name: 'Rescan' }).click();
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  // The comic is read; the other zip is opened, found to hold no pages, and is no problem.
  await expect(card.getByTestId('run-counts')).toContainText('1 read');
  await expect(card.getByTestId('run-counts')).toContainText('0 unreadable');

  await page.getByRole('link', { name: 'Books', exact: true }).click();
  await page.getByTestId('search').fill('nebula');
  const nebula = page.getByTestId('book').filter({ hasText: 'Nebula Comic' });
  await expect(nebula.getByTestId('cover-image')).toBeVisible();
  await page.getByTestId('search').fill('format:cbz nebula');
  await expect(page.getByTestId('book-title')).toHaveText(['Nebula Comic']);
  await page.getByTestId('search').fill('code');
  await expect(page.getByTestId('book').filter({ hasText: /^code/ })).toHaveCount(0);
  await removeFile('generated/code.zip');
});

test('a scan cut short by closing the tab resumes where it was on the next visit', async () => {
  const more = 150;
  for (let i = 0; i < more; i++) {
    await writeFile(`more/book-${i}.epub`, await makeEpub({ title: `Volume ${i}` }));
  }
  await page.goto(`${agent.url}/local`);
  const card = page.getByTestId('local-folder').filter({ hasText: FOLDER });
  await card.getByRole('button', { name: 'Rescan' }).click();
  await expect(card.getByTestId('local-progress')).toHaveAttribute('data-phase', 'reading');
  await expect(card.getByTestId('local-progress')).toContainText(/[1-9]\d* of \d+ files/);
  const started = await card.getAttribute('data-started');
  await page.close();

  page = await context.newPage();
  await page.goto(`${agent.url}/local`);
  const again = page.getByTestId('local-folder').filter({ hasText: FOLDER });
  // Access to the folder is still granted, so the scan picks up again by itself.
  await expect(again).toHaveAttribute('data-state', 'scanning');
  await expect(again).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  // The same run, finished: every new file read once, across both visits.
  expect(await again.getAttribute('data-started')).toBe(started);
  await expect(again.getByTestId('run-counts')).toContainText(`${more} read`);
});

test('renaming to a pattern moves the files through the handles, and the catalog follows', async () => {
  await page.goto(`${agent.url}/local`);
  const card = page.getByTestId('local-folder').filter({ hasText: FOLDER });
  await card.getByRole('button', { name: 'Rename to a pattern…' }).click();
  await card.getByLabel('Pattern').fill('${author.sortname}/${title}.${ext}');
  await card.getByRole('button', { name: 'Preview' }).click();
  await expect(card.getByTestId('rename-summary')).toBeVisible();
  await expect(card.getByTestId('rename-summary')).toContainText(/[1-9]\d* to rename/);
  await card.getByTestId('apply-rename').click();
  await page
    .getByTestId('confirm-rename')
    .getByRole('button', { name: /^Rename \d+ books?$/ })
    .click();
  await expect(card.getByTestId('rename-result')).toContainText('books have a new path');
  // On disk (well, in the origin-private file system): the file is at its new path.
  await page.evaluate(async (folder) => {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
    await (await root.getDirectoryHandle('Author, Test')).getFileHandle('Aurora.epub');
  }, FOLDER);
  // The index followed the moves: a rescan finds every file where it expects it.
  await card.getByRole('button', { name: 'Rescan' }).click();
  await expect(card).toHaveAttribute('data-state', 'done');
  await expect(card.getByTestId('run-counts')).toContainText('0 read');
  await expect(card.getByTestId('run-counts')).toContainText('0 moved');
});

test('without the folder picker, a folder is imported read-only and says what it cannot do', async ({
  browser,
}) => {
  const folder = tempDir('e2e-local-import');
  try {
    writeFileSync(join(folder.path, 'imported.epub'), await makeEpub({ title: 'Lyra Imported' }));
    const firefoxLike = await browser.newContext();
    await firefoxLike.addInitScript(() => {
      delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker;
    });
    const other = await firefoxLike.newPage();
    await signIn(other, agent, '/local');
    await expect(other.getByRole('note')).toContainText('import it again to update it');
    await expect(other.getByRole('note')).toContainText('cannot be renamed');
    await other.getByLabel('Import a folder').setInputFiles(folder.path);
    const card = other.getByTestId('local-folder');
    await expect(card).toHaveAttribute('data-state', 'done');
    await expect(card).toContainText('Imported · read-only');
    await expect(card.getByTestId('run-counts')).toContainText('1 read');
    await other.goto(`${agent.url}/books?q=lyra`);
    await expect(other.getByTestId('book-title')).toHaveText(['Lyra Imported']);
    await firefoxLike.close();
  } finally {
    folder.remove();
  }
});

test('the books and their covers are still there offline, with the agent stopped', async () => {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await agent.stop();
  await context.setOffline(true);
  await page.goto(`${agent.url}/books?q=comet`);
  const comet = page.getByTestId('book').filter({ hasText: 'Comet Comic' });
  await expect(comet.getByTestId('cover-image')).toBeVisible();
  await expect
    .poll(() =>
      comet.getByTestId('cover-image').evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBeGreaterThan(0);
  await page.getByTestId('search').fill('');
  await expect(page.getByTestId('result-count')).toHaveText(/\d+ books/);

  // Scanning works offline too: pdf.js's and libarchive's files come from the service worker.
  if (corpusDir) {
    await writeFile(
      'offline/copy.pdf',
      new Uint8Array(readFileSync(corpusPath('pdf/komga_komga.pdf'))),
    );
    const cbr = corpusPath('comics/comicbox_Captain Science #001-cbi.cbr');
    await writeFile('offline/copy.cbr', new Uint8Array(readFileSync(cbr)));
    await page.goto(`${agent.url}/local`);
    const card = page.getByTestId('local-folder').filter({ hasText: FOLDER });
    await card.getByRole('button', { name: 'Rescan' }).click();
    await expect(card).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(card.getByTestId('run-counts')).toContainText('2 read ·');
    await expect(card.getByTestId('run-counts')).toContainText('0 unreadable');
    await expect(card.getByTestId('run-counts')).toContainText('2 covers');
  }
  await context.setOffline(false);
});

test('removing the folder takes its books out of the catalog, after asking', async () => {
  await page.goto(`${agent.url}/local`);
  const card = page.getByTestId('local-folder').filter({ hasText: FOLDER });
  await card.getByRole('button', { name: 'Remove…' }).click();
  const dialog = page.getByTestId('confirm-remove');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Remove…' }).click();
  await dialog.getByRole('button', { name: 'Remove folder and its books' }).click();
  await expect(page.getByTestId('local-folder')).toHaveCount(0);
  await page.goto(`${agent.url}/books?q=comet`);
  await expect(page.getByTestId('no-results')).toBeVisible();
});
