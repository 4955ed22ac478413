import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { makeCbz } from '../support/make-comic';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

/**
 * Where a user is in a book follows them: two browser contexts are two
 * devices of one user, and their positions meet through the agent.
 */

test.describe.configure({ mode: 'serial' });

const TITLE = 'Forty Pages';
const PAGES = 40;

const { agent } = agentForFile('reader-progress', async (library) => {
  writeFileSync(join(library, 'forty.cbz'), await makeCbz({ pages: PAGES, title: TITLE }));
});

async function device(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 820, height: 1180 } });
  const page = await context.newPage();
  await signIn(page, agent(), '/books');
  await expect(page.getByTestId('book-title')).toHaveCount(1);
  return page;
}

async function openBook(page: Page): Promise<string> {
  await page.goto(`${agent().url}/books`);
  await page.getByTestId('book-title').first().click();
  await page.getByTestId('read').click();
  await expect(page.getByTestId('reader-location')).toBeVisible();
  return new URL(page.url()).pathname;
}

async function turnTo(page: Page, pageNumber: number): Promise<void> {
  const location = page.getByTestId('reader-location');
  for (;;) {
    const text = (await location.textContent()) ?? '';
    const at = Number(/Page (\d+)/.exec(text)?.[1]);
    if (at >= pageNumber) break;
    await page.keyboard.press('ArrowRight');
    await expect(location).not.toHaveText(text);
  }
  await expect(location).toHaveText(`Page ${pageNumber} of ${PAGES}`);
}

/** Leaves the reader as a user does, by its back link (the last position is written on the way). */
async function leave(page: Page): Promise<void> {
  await page.getByRole('link', { name: "Back to the book's page" }).click();
  await expect(page.getByTestId('book-heading')).toBeVisible();
}

/**
 * Opens the reader and waits until it shows `pageNumber`: at once when the
 * other device's position had arrived, else through the offer to go there
 * that appears when it does.
 */
async function opensAt(page: Page, readPath: string, pageNumber: number): Promise<void> {
  await page.goto(`${agent().url}${readPath}`);
  const location = page.getByTestId('reader-location');
  const wanted = `Page ${pageNumber} of ${PAGES}`;
  const offer = page.getByTestId('elsewhere');
  await expect(location.filter({ hasText: wanted }).or(offer)).toBeVisible({ timeout: 30_000 });
  if (!((await location.textContent()) ?? '').includes(wanted)) {
    await expect(offer).toContainText(`${Math.round((pageNumber / PAGES) * 100)}%`);
    await page.getByRole('button', { name: 'Go there' }).click();
  }
  await expect(location).toHaveText(wanted);
}

test('a second device opens where the first left off, and the first is offered its own place back', async ({
  browser,
}) => {
  const laptop = await device(browser);
  const readPath = await openBook(laptop);
  await turnTo(laptop, 6);
  await leave(laptop);

  const tablet = await device(browser);
  await opensAt(tablet, readPath, 6);
  await turnTo(tablet, 11);
  await leave(tablet);

  // Back on the laptop, once the tablet's place has reached it (its card says so): the book opens
  // there, and the laptop's own place is offered.
  await laptop.goto(`${agent().url}/books`);
  await expect(laptop.getByTestId('reading-mark')).toHaveText('Reading 28%', { timeout: 30_000 });
  await laptop.goto(`${agent().url}${readPath}`);
  await expect(laptop.getByTestId('reader-location')).toHaveText(`Page 11 of ${PAGES}`);
  await expect(laptop.getByTestId('elsewhere')).toContainText('where you were on');
  await laptop.getByRole('button', { name: 'Back to 15% (this device)' }).click();
  await expect(laptop.getByTestId('reader-location')).toHaveText(`Page 6 of ${PAGES}`);

  // The book reads as being read.
  await laptop.goto(`${agent().url}/books?q=${encodeURIComponent('status:reading')}`);
  await expect(laptop.getByTestId('book-title')).toHaveText([TITLE]);
  await laptop.context().close();
  await tablet.context().close();
});
