import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { makeFixedLayoutEpub } from '../support/make-fixed-layout-epub';
import { HOSTILE, makeHostileEpub } from '../support/make-hostile-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const TIME_MACHINE = 'se_h-g-wells_the-time-machine.epub';
/** 300+ pages: the long book the timings are taken on. */
const MUSKETEERS = 'se_alexandre-dumas_the-three-musketeers_william-robson.epub';

/** Kindle books the agent converts to EPUB for this reader. */
const KINDLE = ['calibre_r-u-r.mobi', 'calibre_the-adventures-of-sherlock-holmes.azw3'];
const FIXED_TITLE = 'A Picture Book';

const { agent } = agentForFile('reader-epub', async (library) => {
  writeFileSync(join(library, 'hostile.epub'), await makeHostileEpub());
  writeFileSync(join(library, 'pictures.epub'), await makeFixedLayoutEpub(FIXED_TITLE, 5));
  if (!corpusDir) return;
  for (const name of [TIME_MACHINE, MUSKETEERS])
    copyFileSync(corpusPath(`epub/${name}`), join(library, name));
  for (const name of KINDLE) copyFileSync(corpusPath(`mobi/${name}`), join(library, name));
});

/** The book found by `query` on the books page, opened with its Read button; waits for the first page. */
async function openReader(page: Page, query: string): Promise<void> {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books?q=${encodeURIComponent(query)}`);
  await page.getByTestId('book').first().click();
  await page.getByTestId('read').click();
  await expect(page).toHaveURL(/\/read\//);
  await expect(page.getByTestId('reader-location')).toBeVisible();
}

/** As openReader, for a book that cannot be shown: waits for the reader's message instead. */
async function openReaderExpectingProblem(page: Page, query: string): Promise<void> {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books?q=${encodeURIComponent(query)}`);
  await page.getByTestId('book').first().click();
  await page.getByTestId('read').click();
  await expect(page.getByTestId('reader-problem')).toBeVisible();
}

/** The CFI of the page shown (the reader keeps it on its element). */
function locator(page: Page): Promise<string | null> {
  return page.getByTestId('epub-reader').getAttribute('data-locator');
}

/** The book's frame (the chapter shown; in a spread both pages are one frame). */
function bookFrame(page: Page) {
  return page.frameLocator('[data-testid="epub-viewer"] iframe').first();
}

/**
 * Leaves the book and opens it again, then reloads it: it shows the same
 * page each time. Leaving the reader writes the position (a turn is written
 * within 3 s otherwise); the book page shows it once it is stored.
 */
async function expectSamePlaceAgain(page: Page): Promise<void> {
  const here = await locator(page);
  const where = (await page.getByTestId('reader-location').textContent()) ?? '';
  await page.getByRole('link', { name: "Back to the book's page" }).click();
  const percent = where.replace(/^.* · /, '');
  await expect(page.getByTestId('reading-where')).toContainText(`${percent} · this device`);
  await page.getByTestId('read').click();
  await expect.poll(() => locator(page)).toBe(here);
  await expect(page.getByTestId('reader-location')).toHaveText(where);
  await page.reload();
  await expect.poll(() => locator(page)).toBe(here);
  await expect(page.getByTestId('reader-location')).toHaveText(where);
}

/** Puts the keyboard focus inside the book's frame, and checks it is there. */
async function focusBook(page: Page): Promise<void> {
  await page.locator('[data-testid="epub-viewer"] iframe').first().focus();
  await expect
    .poll(() =>
      bookFrame(page)
        .locator('body')
        .evaluate(() => document.hasFocus()),
    )
    .toBe(true);
}

/** A computed style of an element in the chapter's document. */
async function chapterStyle(page: Page, selector: string, property: string): Promise<string> {
  return bookFrame(page)
    .locator(selector)
    .first()
    .evaluate((el, name) => getComputedStyle(el).getPropertyValue(name), property);
}

test('an EPUB opens at its first page and turns with the keyboard, on the page and inside the book', async ({
  page,
}) => {
  test.skip(!corpusDir, NO_CORPUS_MESSAGE);
  await openReader(page, 'time machine');
  const label = page.getByTestId('reader-location');
  await expect(label).toHaveText(/^Titlepage · \d+%$/);
  const first = await locator(page);
  expect(first).toMatch(/^epubcfi\(/);

  await page.keyboard.press('ArrowRight');
  await expect.poll(() => locator(page)).not.toBe(first);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => locator(page)).toBe(first);

  // Forward with every key a reader expects, until the chapter changes in the label.
  const keys = ['ArrowRight', ' ', 'PageDown'];
  for (let i = 0; i < 12 && /^Titlepage|^Imprint/.test((await label.textContent()) ?? ''); i++) {
    const before = await locator(page);
    await page.keyboard.press(keys[i % keys.length] ?? 'ArrowRight');
    await expect.poll(() => locator(page)).not.toBe(before);
  }
  await expect(label).toHaveText(/^I · \d+%$/);

  // Focus inside the book's frame (as after a click in the book): the keys still turn the page.
  const before = await locator(page);
  await focusBook(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => locator(page)).not.toBe(before);
  await page.keyboard.press('Shift+Space');
  await expect.poll(() => locator(page)).toBe(before);
  await page.keyboard.press('PageUp');
  await expect.poll(() => locator(page)).not.toBe(before);
});

test('the table of contents jumps to a chapter, and search finds words in context and goes there', async ({
  page,
}) => {
  test.skip(!corpusDir, NO_CORPUS_MESSAGE);
  await openReader(page, 'time machine');
  const label = page.getByTestId('reader-location');

  await page.getByTestId('toc-button').click();
  const toc = page.getByTestId('toc-panel');
  await expect(toc).toBeVisible();
  await toc.getByTestId('toc-entry').filter({ hasText: /^IV$/ }).click();
  await expect(label).toHaveText(/^IV · \d+%$/);
  await expect(toc).toBeHidden();
  await page.getByTestId('toc-button').click();
  await expect(toc.locator('[aria-current="location"]')).toHaveText('IV');
  await page.keyboard.press('Escape');
  await expect(toc).toBeHidden();

  await page.getByTestId('search-button').click();
  const search = page.getByTestId('search-panel');
  await page.getByTestId('book-search').fill('weena');
  await page.getByTestId('book-search').press('Enter');
  await expect(page.getByTestId('search-status')).toHaveText(/^\d+ matches for “weena”\.$/);
  const hits = search.getByTestId('search-hit');
  expect(await hits.count()).toBeGreaterThan(10);
  // Each hit says its chapter and shows the word (as the book writes it) in its sentence.
  const first = hits.first();
  await expect(first.locator('.chapter')).toHaveText(/^[IVX]+$/);
  await expect(first.locator('mark')).toHaveText('Weena');
  const chapter = (await first.locator('.chapter').textContent()) ?? '';
  await first.click();
  await expect(label).toHaveText(new RegExp(`^${chapter} · \\d+%$`));
  // The hit is marked on the page (epubjs draws the mark over the text).
  await expect(page.locator('[data-testid="epub-viewer"] .colophon-hit')).toHaveCount(1);
  // A later hit in another chapter goes there too.
  const later = hits.filter({ hasNot: page.locator(`.chapter:text-is("${chapter}")`) }).last();
  const laterChapter = (await later.locator('.chapter').textContent()) ?? '';
  await later.click();
  await expect(label).toHaveText(new RegExp(`^${laterChapter} · \\d+%$`));
});

test('theme and text size apply at once, are remembered, and the book reopens (and reloads) at the same page', async ({
  page,
}) => {
  test.skip(!corpusDir, NO_CORPUS_MESSAGE);
  await openReader(page, 'time machine');
  await page.getByTestId('toc-button').click();
  await page.getByTestId('toc-entry').filter({ hasText: /^II$/ }).click();
  await expect(page.getByTestId('reader-location')).toHaveText(/^II · /);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');

  await page.getByTestId('settings-button').click();
  const settings = page.getByTestId('settings-panel');
  await settings.getByTestId('theme-dark').click();
  await expect.poll(() => chapterStyle(page, 'body', 'background-color')).toBe('rgb(23, 20, 18)');
  await expect.poll(() => chapterStyle(page, 'p', 'color')).toBe('rgb(241, 235, 228)');
  const size = Number.parseFloat(await chapterStyle(page, 'p', 'font-size'));
  await settings.getByTestId('font-larger').click();
  await settings.getByTestId('font-larger').click();
  await expect(settings.getByTestId('font-size')).toHaveText('120%');
  await expect
    .poll(async () => Number.parseFloat(await chapterStyle(page, 'p', 'font-size')))
    .toBeCloseTo(size * 1.2, 0);
  await settings.getByTestId('publisher-styles').uncheck();
  await expect.poll(() => chapterStyle(page, 'p', 'font-family')).toMatch(/Iowan|Palatino|Georgia/);
  await page.keyboard.press('Escape');

  // The page shown after the restyle is where the reading goes on from.
  const restyled = await locator(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => locator(page)).not.toBe(restyled);
  await expectSamePlaceAgain(page);
  await expect.poll(() => chapterStyle(page, 'body', 'background-color')).toBe('rgb(23, 20, 18)');
  await page.getByTestId('settings-button').click();
  await expect(page.getByTestId('font-size')).toHaveText('120%');
  await expect(page.getByTestId('theme-dark').locator('input')).toBeChecked();
});

test('a 300-page book opens quickly and turns its pages quickly', async ({ page }) => {
  test.skip(!corpusDir, NO_CORPUS_MESSAGE);
  await signIn(page, agent());
  await page.goto(`${agent().url}/books?q=musketeers`);
  await page.getByTestId('book').first().click();
  const opening = Date.now();
  await page.getByTestId('read').click();
  await expect.poll(() => locator(page), { timeout: 30_000 }).toMatch(/^epubcfi/);
  const firstPage = Date.now() - opening;

  await page.getByTestId('toc-button').click();
  await page.getByTestId('toc-entry').filter({ hasText: /^X: / }).click();
  const turns: number[] = [];
  for (let i = 0; i < 10; i++) {
    const before = await locator(page);
    const start = Date.now();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => locator(page), { intervals: [10] }).not.toBe(before);
    turns.push(Date.now() - start);
  }

  // Search in the whole long book: the hits come chapter by chapter, then all are there.
  await page.getByTestId('search-button').click();
  const searching = Date.now();
  await page.getByTestId('book-search').fill("d'artagnan");
  await page.getByTestId('book-search').press('Enter');
  await expect(page.getByTestId('search-status')).toHaveText(/^The first 300 matches/, {
    timeout: 60_000,
  });
  const search = Date.now() - searching;
  await expect(page.getByTestId('search-hit').first().locator('mark')).toHaveText(/d’Artagnan/);
  await page.keyboard.press('Escape');

  turns.sort((a, b) => a - b);
  const median = turns[Math.floor(turns.length / 2)] ?? 0;
  test.info().annotations.push({
    type: 'timing',
    description: `first page ${firstPage} ms, page turn median ${median} ms (max ${turns.at(-1)} ms), search ${search} ms`,
  });
  console.log(
    `Three Musketeers: first page ${firstPage} ms; page turns ${turns.join(', ')} ms; search to 300 hits ${search} ms`,
  );
  // Generous bounds for a loaded machine: they tell a working reader from a stuck one.
  expect(firstPage).toBeLessThan(20_000);
  expect(median).toBeLessThan(2_000);
});

test('an EPUB kept on this device reads with no network', async ({ page }) => {
  test.skip(!corpusDir, NO_CORPUS_MESSAGE);
  await signIn(page, agent());
  await page.goto(`${agent().url}/books?q=${encodeURIComponent('time machine')}`);
  await page.getByTestId('book').first().click();
  await page.getByTestId('keep-button').click();
  await expect(page.getByTestId('kept')).toBeVisible();
  // The app (and the reader's code, loaded on demand) comes from the service worker's cache.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.context().setOffline(true);
  try {
    await page.getByTestId('read').click();
    await expect(page.getByTestId('reader-location')).toBeVisible();
    await expect(bookFrame(page).locator('body')).not.toBeEmpty();
    const first = await locator(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => locator(page)).not.toBe(first);
  } finally {
    await page.context().setOffline(false);
  }
});

test('the scrolled view scrolls a screen a key, goes on to the next chapter, and keeps the place', async ({
  page,
}) => {
  test.skip(!corpusDir, NO_CORPUS_MESSAGE);
  await openReader(page, 'time machine');
  await page.getByTestId('toc-button').click();
  await page.getByTestId('toc-entry').filter({ hasText: /^XI$/ }).click();
  await expect(page.getByTestId('reader-location')).toHaveText(/^XI · /);
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-panel').getByLabel('Scroll').check();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('reader-location')).toHaveText(/^XI · /);
  // The chapter scrolls in its frame's box, a screen a key, then the next chapter comes.
  const scroller = page.locator('[data-testid="epub-viewer"] .epub-container');
  await expect
    .poll(() => scroller.evaluate((box) => box.scrollHeight > box.clientHeight))
    .toBe(true);
  const top = await scroller.evaluate((box) => box.scrollTop);
  // Keys from inside the book; the next chapter is a new frame, and the keys go on from the page.
  await focusBook(page);
  await page.keyboard.press('PageDown');
  await expect.poll(() => scroller.evaluate((box) => box.scrollTop)).toBeGreaterThan(top);
  const label = page.getByTestId('reader-location');
  for (let i = 0; i < 40 && /^XI /.test((await label.textContent()) ?? ''); i++) {
    const before = await locator(page);
    await page.keyboard.press('Space');
    await expect.poll(() => locator(page)).not.toBe(before);
  }
  await expect(page.getByTestId('reader-location')).toHaveText(/^XII · /);
  // Back from a chapter's start is the end of the one before.
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('reader-location')).toHaveText(/^XI · /);
  await expectSamePlaceAgain(page);
  await expect(page.locator('[data-testid="epub-viewer"] .epub-container')).toHaveCSS(
    'overflow-y',
    'auto',
  );
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });

  test('taps on the sides turn, a tap in the middle hides the controls, and a swipe turns', async ({
    page,
  }) => {
    test.skip(!corpusDir, NO_CORPUS_MESSAGE);
    await openReader(page, 'time machine');
    await page.getByTestId('toc-button').click();
    await page.getByTestId('toc-entry').filter({ hasText: /^III$/ }).click();
    await expect(page.getByTestId('reader-location')).toHaveText(/^III · /);
    const box = await page.getByTestId('epub-viewer').boundingBox();
    if (!box) throw new Error('the book is not on screen');
    const at = (fraction: number) => ({
      x: box.x + box.width * fraction,
      y: box.y + box.height / 2,
    });

    const start = await locator(page);
    await page.touchscreen.tap(at(0.9).x, at(0.9).y);
    await expect.poll(() => locator(page)).not.toBe(start);
    await page.touchscreen.tap(at(0.1).x, at(0.1).y);
    await expect.poll(() => locator(page)).toBe(start);

    await page.touchscreen.tap(at(0.5).x, at(0.5).y);
    await expect(page.getByTestId('reader-controls')).toHaveCSS('opacity', '0');
    await page.touchscreen.tap(at(0.5).x, at(0.5).y);
    await expect(page.getByTestId('reader-controls')).toHaveCSS('opacity', '1');
    expect(await locator(page)).toBe(start);

    // A swipe to the left: the finger drags the next page in.
    const cdp = await page.context().newCDPSession(page);
    const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x, y: at(0.5).y }],
      });
    // (It starts in the middle: were it taken for a tap, the controls would toggle, no page turn.)
    await touch('touchStart', at(0.6).x);
    for (const f of [0.5, 0.4, 0.3, 0.2]) await touch('touchMove', at(f).x);
    await touch('touchEnd', at(0.15).x);
    await expect.poll(() => locator(page)).not.toBe(start);
  });
});

for (const [query, format] of [
  ['r.u.r', 'MOBI'],
  ['sherlock', 'AZW3'],
] as const)
  test(`a ${format} book opens in this reader, through the EPUB the agent makes of it`, async ({
    page,
  }) => {
    test.skip(!corpusDir, NO_CORPUS_MESSAGE);
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await openReader(page, query);
    expect(asked.some((path) => /^\/api\/books\/[^/]+\/epub$/.test(path))).toBe(true);
    await expect(bookFrame(page).locator('body')).not.toBeEmpty();
    const first = await locator(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => locator(page)).not.toBe(first);
    await page.getByTestId('toc-button').click();
    expect(await page.getByTestId('toc-entry').count()).toBeGreaterThan(1);
  });

test('a fixed-layout book shows its pages whole, two side by side on a wide screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await openReader(page, FIXED_TITLE);
  const frames = page.locator('[data-testid="epub-viewer"] iframe');
  await expect(
    page.frameLocator('[data-testid="epub-viewer"] iframe').first().locator('.page'),
  ).toHaveText('Page 1');
  // Each page is scaled to fit the screen's height, not laid out again.
  const first = await frames.first().boundingBox();
  expect(first?.height).toBeLessThanOrEqual(900);
  await page.keyboard.press('ArrowRight');
  await expect(frames).toHaveCount(2);
  const pages = await Promise.all(
    [0, 1].map((i) =>
      page.frameLocator('[data-testid="epub-viewer"] iframe').nth(i).locator('.page').textContent(),
    ),
  );
  expect(pages).toEqual(['Page 2', 'Page 3']);
  await page.getByTestId('settings-button').click();
  await expect(page.getByTestId('settings-panel')).toContainText('fixed layout');
  await expect(page.getByTestId('font-larger')).toHaveCount(0);
});

test('a file that is not an EPUB, or a refusal from the agent, says what to do', async ({
  page,
}) => {
  await page.route('**/api/files/**/hostile.epub', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/epub+zip',
      body: 'this is not a zip file',
    }),
  );
  await openReaderExpectingProblem(page, 'harmless');
  await expect(page.getByTestId('reader-problem')).toContainText('not a readable EPUB');

  await page.unroute('**/api/files/**/hostile.epub');
  await page.route('**/api/files/**/hostile.epub', (route) =>
    route.fulfill({
      status: 404,
      contentType: 'application/json',
      body: JSON.stringify({
        error: 'not-found',
        message: 'The file is no longer where the agent found it.',
      }),
    }),
  );
  await page.reload();
  await expect(page.getByTestId('reader-problem')).toContainText(
    'no longer where the agent found it',
  );
});

const SCREENS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 820, height: 1180 },
  { name: 'desktop', width: 1366, height: 900 },
];

for (const screen of SCREENS)
  test(`on a ${screen.name} (${screen.width}×${screen.height}) the page, the contents and the settings fit`, async ({
    page,
  }) => {
    test.skip(!corpusDir, NO_CORPUS_MESSAGE);
    await page.setViewportSize(screen);
    await openReader(page, 'time machine');
    await page.getByTestId('toc-button').click();
    await page.getByTestId('toc-entry').filter({ hasText: /^III$/ }).click();
    await expect(page.getByTestId('reader-location')).toHaveText(/^III · /);
    const shot = (what: string) =>
      page.screenshot({ path: test.info().outputPath(`reader-${screen.width}-${what}.png`) });
    await shot('page');

    // Every control is on screen and named, and the page does not scroll sideways.
    for (const id of ['prev-page', 'toc-button', 'search-button', 'settings-button', 'next-page'])
      await expect(page.getByTestId(id)).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Reading settings' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Next page' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      screen.width,
    );

    await page.getByTestId('settings-button').click();
    const settings = page.getByTestId('settings-panel');
    await expect(settings.getByTestId('font-larger')).toBeInViewport();
    await expect(settings.getByTestId('theme-sepia')).toBeInViewport();
    await shot('settings');
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();
    // The focus goes back to the button that opened the panel.
    await expect(page.getByTestId('settings-button')).toBeFocused();

    await page.getByTestId('toc-button').click();
    await expect(
      page.getByTestId('toc-panel').locator('[aria-current="location"]'),
    ).toBeInViewport();
    await shot('contents');
  });

test.describe('a hostile EPUB', () => {
  test.use({ serviceWorkers: 'block' });

  test('runs no script, reaches neither the app nor the network, and still shows its text', async ({
    page,
  }) => {
    // Every request that leaves the browser (as the agent would see it), with the frame asking.
    const sent: string[] = [];
    await page.route('**/*', (route) => {
      sent.push(route.request().url());
      return route.continue();
    });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openReader(page, 'harmless');
    const frame = bookFrame(page);
    await expect(frame.locator('body')).toContainText(HOSTILE.visibleText);
    const title = await page.title();
    expect(title).toContain(HOSTILE.title);

    // epubjs's frame: same origin (so the reader can style and read it), never scripts.
    const sandbox = await page
      .locator('[data-testid="epub-viewer"] iframe')
      .first()
      .getAttribute('sandbox');
    expect(sandbox).toBe('allow-same-origin');

    // Give a script, a timer, a failed image or a refresh every chance to act.
    await frame.locator('#go').click({ trial: true });
    await page.waitForTimeout(2_500);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(500);

    expect(await page.title()).toBe(title);
    expect(await page.evaluate((key) => localStorage.getItem(key), HOSTILE.storageKey)).toBeNull();
    expect(dialogs).toEqual([]);
    // The recorder does see what the reader itself fetched: the book.
    expect(sent.some((url) => url.endsWith('/hostile.epub'))).toBe(true);
    expect(
      sent.filter((url) => url.includes(HOSTILE.marker) || url.includes('example.invalid')),
    ).toEqual([]);
    // The chapter's frame is still where the reader put it (no refresh took it elsewhere), and
    // the book's own frame inside it never loaded the address it asked for.
    const chapters = page.frames().filter((f) => f.parentFrame() === page.mainFrame());
    expect(chapters.map((f) => f.url())).toEqual(chapters.map(() => 'about:srcdoc'));
    const inner = page.frames().filter((f) => !chapters.includes(f) && f !== page.mainFrame());
    expect(inner.filter((f) => f.url().includes(HOSTILE.marker))).toEqual([]);
  });
});
