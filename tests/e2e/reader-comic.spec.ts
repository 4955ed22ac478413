import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { makeCbz } from '../support/make-comic';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

/**
 * The comics reader against a real agent: corpus comics (a CBZ, a CBR and an
 * archive with no pages) copied into a temporary library, and a generated
 * 120-page manga that reads right to left. Pages come one at a time from the
 * pages API, never as the whole archive; a kept copy reads in the browser.
 */

test.describe.configure({ mode: 'serial' });

const MANGA_TITLE = 'Hundred Twenty Manga';
const MANGA_PAGES = 120;
const CBZ = 'comicbox_Captain Science #001.cbz';
const CBR = 'comicbox_Captain Science #001-cbi.cbr';
const EMPTY = 'comicbox_empty.cbz';
/** Single pages: portrait, so the automatic spread stays off. */
const TABLET = { width: 820, height: 1180 };
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const SHOWN = 'colophon:page-shown';

const { agent } = agentForFile('reader-comic', async (library) => {
  writeFileSync(
    join(library, 'manga.cbz'),
    await makeCbz({
      pages: MANGA_PAGES,
      rightToLeft: true,
      title: MANGA_TITLE,
      // A double-page scan: in a spread it stands alone.
      widePages: [9],
      // Zero-free names, so natural order (page-2 before page-10) is what the reader must follow.
      pageName: (i) => `page-${i + 1}.png`,
    }),
  );
  if (!corpusDir) return;
  for (const name of [CBZ, CBR, EMPTY])
    copyFileSync(corpusPath(`comics/${name}`), join(library, name));
});

/** Every path the page asks for from now on. */
function recordRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => paths.push(decodeURIComponent(new URL(request.url()).pathname)));
  return paths;
}

/** Opens the first book `query` finds on /books through its page's Read button; answers its id. */
async function openFromBooks(page: Page, query: string): Promise<string> {
  await page.goto(`${agent().url}/books?${query}`);
  await page.getByTestId('book').first().click();
  await page.getByTestId('read').click();
  await expect(page).toHaveURL(/\/read\//);
  // A page is shown (the one an earlier test left it at, maybe): from now on keys turn pages.
  await expect(page.getByTestId('comic-reader')).toHaveAttribute('data-shown', /\d/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
}

const reader = (page: Page) => page.getByTestId('comic-reader');
const location = (page: Page) => page.getByTestId('reader-location');

/** Waits for the view showing these pages (0-based), drawn. */
async function expectShown(page: Page, pages: number[]): Promise<void> {
  await expect(reader(page)).toHaveAttribute('data-shown', pages.join(' '));
  for (const index of pages) await expect(page.locator(`img[data-page="${index}"]`)).toBeVisible();
}

/** Clicks a third of the pages: 'left' or 'right' (the middle shows or hides the controls). */
async function tap(page: Page, side: 'left' | 'right' | 'middle'): Promise<void> {
  const box = await page.getByTestId('comic-viewport').boundingBox();
  if (!box) throw new Error('The pages are not on screen.');
  const x = { left: 0.15, middle: 0.5, right: 0.85 }[side] * box.width;
  await page.mouse.click(box.x + x, box.y + box.height * 0.3);
}

/**
 * A one-finger horizontal swipe across the pages, `dx` CSS pixels (positive:
 * to the right), as the pointer events a touch screen sends.
 */
async function swipe(page: Page, dx: number): Promise<void> {
  await page.getByTestId('comic-viewport').evaluate((viewport, dx) => {
    const box = viewport.getBoundingClientRect();
    const y = box.top + box.height / 2;
    const x = box.left + box.width / 2 - dx / 2;
    const event = (type: string, clientX: number) =>
      new PointerEvent(type, {
        pointerType: 'touch',
        pointerId: 7,
        isPrimary: true,
        button: type === 'pointermove' ? -1 : 0,
        clientX,
        clientY: y,
        bubbles: true,
      });
    viewport.dispatchEvent(event('pointerdown', x));
    viewport.dispatchEvent(event('pointermove', x + dx / 2));
    viewport.dispatchEvent(event('pointerup', x + dx));
  }, dx);
}

/** The page numbers asked of the pages API for this book, in order. */
function pagesAsked(paths: string[], id: string): number[] {
  const prefix = `/api/books/${id}/pages/`;
  return paths.filter((p) => p.startsWith(prefix)).map((p) => Number(p.slice(prefix.length)));
}

test.describe('with the corpus', () => {
  test.skip(!corpusDir, NO_CORPUS_MESSAGE);

  test('a CBZ turns with keys and clicks, asking the agent for single pages only', async ({
    page,
  }) => {
    await page.setViewportSize(TABLET);
    await signIn(page, agent());
    const paths = recordRequests(page);
    const id = await openFromBooks(page, 'format=cbz&q=captain');
    await expectShown(page, [0]);
    await expect(location(page)).toHaveText('Page 1 of 5');
    await expect(reader(page)).toHaveAttribute('data-direction', 'ltr');

    await page.keyboard.press('ArrowRight');
    await expectShown(page, [1]);
    await expect(location(page)).toHaveText('Page 2 of 5');
    await tap(page, 'right');
    await expectShown(page, [2]);
    await tap(page, 'left');
    await expectShown(page, [1]);
    await page.keyboard.press('Space');
    await expectShown(page, [2]);
    await page.keyboard.press('PageUp');
    await expectShown(page, [1]);
    await page.keyboard.press('End');
    await expectShown(page, [4]);
    await expect(location(page)).toHaveText('Page 5 of 5');
    await page.keyboard.press('ArrowRight');
    await expectShown(page, [4]);
    await page.keyboard.press('Home');
    await expectShown(page, [0]);
    // Taps put the controls aside; a tap in the middle brings them back.
    await expect(page.getByTestId('comic-controls')).toHaveCSS('opacity', '0');
    await tap(page, 'middle');
    await page.getByRole('button', { name: 'Next page' }).click();
    await expectShown(page, [1]);

    // Each page was asked for once (an image already here is not fetched again), the list once,
    // and the archive itself never.
    const asked = pagesAsked(paths, id);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(paths.filter((p) => p === `/api/books/${id}/pages`)).toHaveLength(1);
    expect(paths.filter((p) => p.startsWith('/api/files/'))).toEqual([]);
  });

  test('a CBR reads through the agent the same way', async ({ page }) => {
    await page.setViewportSize(TABLET);
    await signIn(page, agent());
    const paths = recordRequests(page);
    const id = await openFromBooks(page, 'format=cbr');
    await expectShown(page, [0]);
    await expect(location(page)).toHaveText('Page 1 of 5');
    await page.keyboard.press('ArrowRight');
    await expectShown(page, [1]);
    expect(pagesAsked(paths, id).length).toBeGreaterThan(0);
    expect(paths.filter((p) => p.startsWith('/api/files/'))).toEqual([]);
  });

  test('a copy kept on this device reads in the browser, with no page asked of the agent', async ({
    page,
  }) => {
    await page.setViewportSize(TABLET);
    await signIn(page, agent());
    for (const format of ['cbz', 'cbr']) {
      await page.goto(`${agent().url}/books?format=${format}&q=captain`);
      await page.getByTestId('book').first().click();
      await page.getByTestId('keep-button').click();
      await expect(page.getByTestId('kept')).toBeVisible();
      const paths = recordRequests(page);
      await page.getByTestId('read').click();
      // An earlier test read this comic as the same user: it opens where that left off.
      await expect(reader(page)).toHaveAttribute('data-shown', /\d/);
      await page.keyboard.press('Home');
      await expectShown(page, [0]);
      await expect(location(page)).toHaveText('Page 1 of 5');
      await page.keyboard.press('ArrowRight');
      await expectShown(page, [1]);
      expect(
        paths.filter((p) => p.startsWith('/api/books/')),
        format,
      ).toEqual([]);
    }
  });

  test('an archive with no pages says so', async ({ page }) => {
    await signIn(page, agent());
    await page.goto(`${agent().url}/books?format=cbz`);
    // The empty archive is the one without the series (its file name is its title).
    await page.getByTestId('book').filter({ hasText: /empty/i }).click();
    await page.getByTestId('read').click();
    await expect(page.getByTestId('reader-problem')).toContainText('This archive holds no pages');
  });
});

test('a right-to-left manga turns the other way, jumps by the slider, and reopens where it was left', async ({
  page,
}) => {
  await page.setViewportSize(TABLET);
  await signIn(page, agent());
  const paths = recordRequests(page);
  const id = await openFromBooks(page, `q=${encodeURIComponent(MANGA_TITLE)}`);
  await expectShown(page, [0]);
  await expect(location(page)).toHaveText(`Page 1 of ${MANGA_PAGES}`);
  await expect(reader(page)).toHaveAttribute('data-direction', 'rtl');

  // Right to left: the next page lies to the left.
  await page.keyboard.press('ArrowLeft');
  await expectShown(page, [1]);
  await tap(page, 'left');
  await expectShown(page, [2]);
  await page.keyboard.press('ArrowRight');
  await expectShown(page, [1]);
  await tap(page, 'right');
  await expectShown(page, [0]);

  // A finger dragging the page to the right brings in the next one (it lies to the left).
  await swipe(page, 150);
  await expectShown(page, [1]);
  await swipe(page, -150);
  await expectShown(page, [0]);

  // The toggle turns the book around (and is remembered for it).
  await tap(page, 'middle');
  const direction = page.getByTestId('direction');
  await expect(direction).toHaveAttribute('aria-pressed', 'true');
  await direction.click();
  await expect(reader(page)).toHaveAttribute('data-direction', 'ltr');
  await page.keyboard.press('ArrowRight');
  await expectShown(page, [1]);
  await direction.click();
  await expect(reader(page)).toHaveAttribute('data-direction', 'rtl');

  // The slider jumps; page 10 after page 9, as natural order says.
  await page.getByTestId('page-slider').fill('10');
  await expectShown(page, [9]);
  await expect(location(page)).toHaveText(`Page 10 of ${MANGA_PAGES}`);
  await page.keyboard.press('ArrowLeft');
  await expectShown(page, [10]);

  // Only the pages around those shown were asked for: never the book's 120, never the archive.
  const asked = pagesAsked(paths, id);
  expect(asked.length).toBeLessThanOrEqual(16);
  expect(Math.max(...asked)).toBeLessThanOrEqual(14);
  expect(paths.filter((p) => p.startsWith('/api/files/'))).toEqual([]);

  await page.getByTestId('fit').selectOption('width');
  await page.reload();
  await expectShown(page, [10]);
  await expect(location(page)).toHaveText(`Page 11 of ${MANGA_PAGES}`);
  await expect(page.getByTestId('fit')).toHaveValue('width');
  await expect(reader(page)).toHaveAttribute('data-direction', 'rtl');
  await page.getByTestId('fit').selectOption('page');
});

test('on a wide screen two pages face each other, the cover and a double-page scan alone', async ({
  page,
}) => {
  await page.setViewportSize(LAPTOP);
  await signIn(page, agent());
  await openFromBooks(page, `q=${encodeURIComponent(MANGA_TITLE)}`);
  await page.keyboard.press('Home');
  await expectShown(page, [0]);
  await expect(reader(page)).toHaveAttribute('data-spread', 'true');
  await page.keyboard.press('ArrowLeft');
  await expectShown(page, [1, 2]);
  // Right to left: the earlier page is on the right.
  const second = await page.locator('img[data-page="1"]').boundingBox();
  const third = await page.locator('img[data-page="2"]').boundingBox();
  expect(second && third && second.x > third.x).toBe(true);
  await page.keyboard.press('ArrowLeft');
  await expectShown(page, [3, 4]);
  await page.keyboard.press('ArrowLeft');
  await expectShown(page, [5, 6]);
  await page.keyboard.press('ArrowLeft');
  await expectShown(page, [7, 8]);
  // Page 10 is a double-page scan: alone, and pairing starts again after it.
  await page.keyboard.press('ArrowLeft');
  await expectShown(page, [9]);
  await page.keyboard.press('ArrowLeft');
  await expectShown(page, [10, 11]);
  await expect(location(page)).toHaveText(`Pages 11–12 of ${MANGA_PAGES}`);
});

test('looks right on a phone, a tablet and a laptop', async ({ page }, testInfo) => {
  await signIn(page, agent());
  await page.setViewportSize(PHONE);
  await openFromBooks(page, `q=${encodeURIComponent(MANGA_TITLE)}`);
  for (const [name, size, pages] of [
    ['phone', PHONE, [[0], [1]]],
    ['tablet', TABLET, [[0], [1]]],
    ['laptop', LAPTOP, [[0], [1, 2]]],
  ] as const) {
    await page.setViewportSize(size);
    await page.keyboard.press('Home');
    await expectShown(page, [...pages[0]]);
    await page.screenshot({ path: testInfo.outputPath(`${name}-cover.png`) });
    await page.keyboard.press('ArrowLeft');
    await expectShown(page, [...pages[1]]);
    await page.screenshot({ path: testInfo.outputPath(`${name}-turned.png`) });
    // Controls tucked away, as while reading.
    await tap(page, 'middle');
    await expect(page.getByTestId('comic-controls')).toHaveCSS('opacity', '0');
    await page.screenshot({ path: testInfo.outputPath(`${name}-reading.png`) });
    await tap(page, 'middle');
    // Every control can be reached by the keyboard and says what it is.
    for (const name of ['Previous page', 'Next page', 'Fit', 'Pages side by side', 'Page'])
      await expect(page.getByLabel(name, { exact: true })).toBeVisible();
  }
});

test('time to first page and page turn on the 120-page manga', async ({ page }) => {
  await page.setViewportSize(TABLET);
  await signIn(page, agent());
  const id = await openFromBooks(page, `q=${encodeURIComponent(MANGA_TITLE)}`);
  await page.keyboard.press('Home');
  await expectShown(page, [0]);
  // A fresh load of the reading page, at the start: navigation start to the first page drawn.
  await page.goto(`${agent().url}/read/${encodeURIComponent(id)}`);
  const first = await page.evaluate(async (mark) => {
    while (performance.getEntriesByName(mark).length === 0)
      await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.getEntriesByName(mark)[0]?.startTime ?? NaN;
  }, SHOWN);
  // Turns: from the key press to the next page drawn (preloaded pages, then a jump past them).
  const turns: number[] = [];
  for (let i = 0; i < 8; i++) {
    // A reader looks at a page a moment before turning it: the next pages get ready meanwhile.
    await page.waitForTimeout(400);
    turns.push(await timeTurn(page, 'ArrowLeft'));
  }
  const jump = await page.evaluate(async (mark) => {
    const before = performance.getEntriesByName(mark).length;
    const slider = document.querySelector<HTMLInputElement>('[data-testid="page-slider"]');
    if (!slider) return NaN;
    const start = performance.now();
    slider.value = '80';
    slider.dispatchEvent(new Event('change', { bubbles: true }));
    while (performance.getEntriesByName(mark).length === before)
      await new Promise((resolve) => requestAnimationFrame(resolve));
    return (performance.getEntriesByName(mark).at(-1)?.startTime ?? NaN) - start;
  }, SHOWN);
  const median = [...turns].sort((a, b) => a - b)[Math.floor(turns.length / 2)] ?? NaN;
  console.log(
    `comic reader, ${MANGA_PAGES}-page CBZ: first page ${first.toFixed(0)} ms after navigation; ` +
      `turn median ${median.toFixed(1)} ms (max ${Math.max(...turns).toFixed(1)}); ` +
      `jump to an unloaded page ${jump.toFixed(0)} ms`,
  );
  expect(first).toBeLessThan(10_000);
  expect(median).toBeLessThan(1_000);
});

/** Presses a key in the page and answers the milliseconds until the next view is drawn. */
async function timeTurn(page: Page, key: string): Promise<number> {
  return page.evaluate(
    async ({ key, mark }) => {
      const before = performance.getEntriesByName(mark).length;
      const start = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      while (performance.getEntriesByName(mark).length === before)
        await new Promise((resolve) => requestAnimationFrame(resolve));
      return (performance.getEntriesByName(mark).at(-1)?.startTime ?? NaN) - start;
    },
    { key, mark: SHOWN },
  );
}
