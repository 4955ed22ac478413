import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { AgentProcess, freePort } from '../tests/e2e/support/agent-process';
import { signIn } from '../tests/e2e/support/sign-in';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../tests/support/corpus';
import { makeCbz } from '../tests/support/make-comic';
import { tempDir } from '../tests/support/temp';
import { writeBigPdf } from '../tests/support/write-big-pdf';
import { PAGE_SHOWN_MARK } from '../src/lib/reader/reader-types';
import { CHROMIUM_LAUNCH } from '../tests/support/chromium';
import { report } from './report';

/** The books read: a long EPUB from the corpus, and a big PDF and a long comic made here. */
const EPUB = 'se_alexandre-dumas_the-three-musketeers_william-robson.epub';
const PDF = { file: 'Big Atlas.pdf', title: 'Big Atlas', pages: 120, imageBytes: 1_000_000 };
const COMIC = { file: 'Long Comic.cbz', title: 'Long Comic', pages: 120 };

/**
 * In the page: for each key press, the time from its keydown to the next
 * page drawn and on screen (the readers' PAGE_SHOWN_MARK), so the figure is
 * the reader's own work, not Playwright's round trips.
 */
const WATCH_TURNS = `(() => {
  window.__turns = [];
  let pressed;
  window.addEventListener('keydown', (event) => { pressed = event.timeStamp; }, true);
  new PerformanceObserver((list) => {
    for (const mark of list.getEntries()) {
      if (pressed === undefined) continue;
      window.__turns.push(mark.startTime - pressed);
      pressed = undefined;
    }
  }).observe({ entryTypes: ['mark'] });
})()`;

async function bookId(page: Page, agent: AgentProcess, title: string): Promise<string> {
  await page.goto(`${agent.url}/books?q=${encodeURIComponent(title)}`);
  await page.getByTestId('book-title').filter({ hasText: title }).first().click();
  await page.getByTestId('book-heading').waitFor();
  return new URL(page.url()).pathname.replace(/^\/book\//, '');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Opens the book `runs` times (to its first page drawn), then turns pages with the arrow key. */
async function measure(
  page: Page,
  agent: AgentProcess,
  kind: string,
  id: string,
  extra: Record<string, unknown>,
  turns: number,
  runs = 3,
): Promise<void> {
  const firstPage: number[] = [];
  for (let run = 0; run < runs; run++) {
    // From the start each time: the position saved by the last run is dropped with the page.
    await page.goto(`${agent.url}/read/${id}`);
    // A function, not a string: the app's CSP refuses evaluating strings in the page.
    const shown = await page.waitForFunction(
      (mark) => performance.getEntriesByName(mark)[0]?.startTime,
      PAGE_SHOWN_MARK,
      { timeout: 120_000 },
    );
    firstPage.push(Number(await shown.jsonValue()));
  }
  report('reader', 'first_page_ms', median(firstPage), {
    book: kind,
    of: `median of ${runs} opens`,
    runs: firstPage.map(Math.round),
    ...extra,
  });

  await page.evaluate(WATCH_TURNS);
  await page
    .locator('body')
    .click({ position: { x: 5, y: 5 } })
    .catch(() => undefined);
  for (let i = 0; i < turns; i++) {
    const before = await page.getByTestId('reader-location').textContent();
    await page.keyboard.press('ArrowRight');
    await page
      .waitForFunction(
        (text) => document.querySelector('[data-testid="reader-location"]')?.textContent !== text,
        before,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
  }
  // The last turn's page may still be drawing.
  await page.waitForTimeout(1000);
  const times = await page.evaluate(() => (window as unknown as { __turns: number[] }).__turns);
  report('reader', 'page_turn_p95_ms', percentile(times, 0.95), {
    book: kind,
    turns: times.length,
    p50_ms: Math.round(percentile(times, 0.5)),
    ...extra,
  });
}

/**
 * `npm run bench -- reader`: in Chromium, with a real agent, the time from
 * opening `/read/<id>` to the first page shown, and page-turn times (key
 * press to the new location shown), for an EPUB of 300+ pages, a PDF of
 * 100+ MB read through range requests, and a comic of 120 pages read a page
 * at a time.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { turns: { type: 'string', default: '30' } } });
  const turns = Number(values.turns);
  if (!corpusDir) throw new Error(NO_CORPUS_MESSAGE);
  const data = tempDir('bench-reader-data');
  const library = tempDir('bench-reader-library');
  copyFileSync(corpusPath(`epub/${EPUB}`), join(library.path, EPUB));
  const pdfBytes = writeBigPdf(join(library.path, PDF.file), {
    title: PDF.title,
    pages: PDF.pages,
    imageBytes: PDF.imageBytes,
    outline: [{ title: 'Start', page: 0 }],
  });
  writeFileSync(
    join(library.path, COMIC.file),
    await makeCbz({ pages: COMIC.pages, title: COMIC.title, size: { width: 1200, height: 1800 } }),
  );
  const agent = new AgentProcess(await freePort(), data.path, [library.path]);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    await agent.start();
    const page = await browser.newPage({ viewport: { width: 820, height: 1180 } });
    await signIn(page, agent, '/books');
    await page.getByTestId('result-count').filter({ hasText: '3 books' }).waitFor();
    const epub = await bookId(page, agent, 'Three Musketeers');
    const pdf = await bookId(page, agent, PDF.title);
    const comic = await bookId(page, agent, COMIC.title);
    await measure(page, agent, 'epub', epub, { file: EPUB }, turns);
    await measure(
      page,
      agent,
      'pdf',
      pdf,
      { mb: Math.round(pdfBytes / 1e6), pages: PDF.pages },
      turns,
    );
    await measure(page, agent, 'comic', comic, { pages: COMIC.pages }, turns);
  } finally {
    await browser.close();
    await agent.stop();
    data.remove();
    library.remove();
  }
}
