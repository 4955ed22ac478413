/**
 * `npm run screenshots`: the main pages at a phone's, a tablet's and a
 * laptop's width, as an admin and as a reader, light and (for a few) dark,
 * written as PNGs to screenshots/ so anyone can look without setting up a
 * library. A real agent serves a realistic library from a temporary folder.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../support/chromium';
import { tempDir } from '../support/temp';
import { AgentProcess, freePort } from '../e2e/support/agent-process';
import {
  addReader,
  openRoute,
  READER,
  signInAs,
  WIDTHS,
  type Account,
} from '../e2e/support/layout-checks';
import { EPUB_TO_READ, fillRealisticCatalog } from '../e2e/support/realistic-catalog';

const OUT = join(import.meta.dirname, '../../screenshots');

interface Shot {
  name: string;
  path: string;
  /** Also taken in the dark theme. */
  dark?: boolean;
  adminOnly?: boolean;
}

async function hrefOf(page: Page, agent: AgentProcess, url: string, testId: string, text?: RegExp) {
  await openRoute(page, `${agent.url}${url}`);
  const links = page.getByTestId(testId);
  const href = await (text ? links.filter({ hasText: text }) : links).first().getAttribute('href');
  if (!href) throw new Error(`No ${testId} link on ${url}.`);
  return href;
}

async function shoot(
  browser: Browser,
  agent: AgentProcess,
  account: Account,
  role: string,
  shots: Shot[],
): Promise<number> {
  let written = 0;
  for (const theme of ['light', 'dark'] as const) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({
        viewport: { width: width.width, height: width.height },
        colorScheme: theme,
      });
      const page = await context.newPage();
      await signInAs(page, agent, account);
      for (const shot of shots) {
        if (theme === 'dark' && !shot.dark) continue;
        if (shot.adminOnly && role !== 'admin') continue;
        await openRoute(page, `${agent.url}${shot.path}`);
        const file = join(OUT, `${shot.name}-${role}-${theme}-${width.width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written++;
      }
      // The phone's menu, opened.
      if (width.width < 1024) {
        await openRoute(page, `${agent.url}/`);
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.screenshot({ path: join(OUT, `menu-${role}-${theme}-${width.width}.png`) });
        written++;
      }
      await context.close();
    }
  }
  return written;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const data = tempDir('screenshots-data');
  const library = tempDir('screenshots-library');
  await fillRealisticCatalog(library.path);
  const agent = new AgentProcess(await freePort(), data.path, [library.path]);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    await agent.start();
    addReader(agent);
    const setup = await browser.newPage();
    await signInAs(setup, agent, agent.admin);
    await openRoute(setup, `${agent.url}/books`);
    await setup.getByTestId('book').filter({ hasText: 'Annual Report' }).waitFor();
    const book = await hrefOf(setup, agent, '/books', 'book', /Lighthouse Keeper/);
    const read = await hrefOf(setup, agent, `/books?q=${EPUB_TO_READ}`, 'card-read');
    const series = await hrefOf(setup, agent, '/series', 'series', /Northern Lighthouses/);
    const author = await hrefOf(setup, agent, '/authors', 'author', /Konstantinopoulou/);
    await setup.close();
    const shots: Shot[] = [
      { name: 'dashboard', path: '/', dark: true },
      { name: 'books', path: '/books', dark: true },
      { name: 'book', path: book, dark: true },
      { name: 'metadata', path: `${book}/metadata` },
      { name: 'series', path: '/series' },
      { name: 'series-page', path: series },
      { name: 'author', path: author },
      { name: 'this-device', path: '/local' },
      { name: 'settings', path: '/settings', dark: true },
      { name: 'scanning', path: '/scanning', adminOnly: true },
      { name: 'rename', path: '/rename', adminOnly: true },
      { name: 'reader', path: read },
    ];
    let written = await shoot(browser, agent, agent.admin, 'admin', shots);
    written += await shoot(browser, agent, READER, 'reader', shots);
    console.log(`Wrote ${written} screenshots to ${OUT}`);
  } finally {
    await browser.close();
    await agent.stop();
    data.remove();
    library.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
