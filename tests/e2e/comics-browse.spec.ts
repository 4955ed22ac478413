import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeCbz } from '../support/make-comic';
import { agentForFile } from './support/agent-for-file';
import {
  addReader,
  checkRoute,
  openRoute,
  READER,
  signInAs,
  WIDTHS,
} from './support/layout-checks';
import { signIn } from './support/sign-in';

/**
 * Browsing comics by who made them, by story arc and by publisher, against a
 * real agent scanning generated CBZ files: from a comic's page to its
 * inker's page (their comics grouped by craft), to its story arc in arc
 * order across two series (with the part not owned), to its publisher's
 * series; the age rating links to the series list filtered by it.
 */

test.describe.configure({ mode: 'serial' });

const ISSUES = [
  {
    file: 'Batman 491.cbz',
    title: 'Knightfall Part 1',
    info: {
      Series: 'Batman',
      Volume: '1940',
      Number: '491',
      StoryArc: 'Knightfall',
      StoryArcNumber: '1',
    },
  },
  {
    file: 'Detective 659.cbz',
    title: 'Knightfall Part 2',
    info: {
      Series: 'Detective Comics',
      Volume: '1937',
      Number: '659',
      StoryArc: 'Knightfall',
      StoryArcNumber: '2',
    },
  },
  {
    file: 'Batman 493.cbz',
    title: 'Knightfall Part 4',
    info: {
      Series: 'Batman',
      Volume: '1940',
      Number: '493',
      StoryArc: 'Knightfall',
      StoryArcNumber: '4',
    },
  },
];

const { agent } = agentForFile('comics-browse', async (library) => {
  for (const issue of ISSUES) {
    const cbz = await makeCbz({
      pages: 2,
      title: issue.title,
      info: {
        ...issue.info,
        Writer: 'Doug Moench',
        Penciller: 'Jim Aparo',
        Inker: 'Dick Giordano',
        Colorist: 'Adrienne Roy',
        Letterer: 'Richard Starkings',
        CoverArtist: 'Kelley Jones',
        Editor: 'Dennis O’Neil',
        Publisher: 'DC Comics',
        AgeRating: 'Teen',
      },
    });
    writeFileSync(join(library, issue.file), cbz);
  }
});

test.beforeAll(() => addReader(agent()));

async function openComic(page: import('@playwright/test').Page, title: string): Promise<void> {
  await openRoute(page, `${agent().url}/arcs`);
  await page.getByTestId('arc').filter({ hasText: 'Knightfall' }).click();
  await page.getByTestId('arc-book').filter({ hasText: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('from a comic to its creator, its story arc in order, and its publisher', async ({ page }) => {
  await signIn(page, agent(), '/arcs');
  await expect(page.getByTestId('arc')).toHaveText(
    [/Knightfall.*Story arc · 3 issues · 1 missing/],
    {
      timeout: 30_000,
    },
  );
  await openComic(page, 'Knightfall Part 2');

  // The book page credits every craft, each a link.
  const facts = page.getByTestId('comic-facts');
  await expect(facts.locator('dt')).toContainText([
    'Writer',
    'Penciller',
    'Inker',
    'Colorist',
    'Letterer',
    'Cover artist',
    'Editor',
    'Publisher',
    'Story arc',
    'Age rating',
  ]);
  await expect(page.getByTestId('comic-age-rating')).toHaveText('Teen');

  // The inker's page: their comics grouped by craft.
  await facts.getByRole('link', { name: 'Dick Giordano' }).click();
  await expect(page.getByTestId('author-heading')).toHaveText('Dick Giordano');
  await expect(page.getByTestId('author-crafts')).toHaveText('Inker');
  const inked = page.getByTestId('author-craft');
  await expect(inked.getByRole('heading', { level: 2 })).toHaveText(['Inker']);
  await expect(inked.getByTestId('author-book')).toHaveCount(3);

  // Authors and creators are one list, with their roles.
  await openRoute(page, `${agent().url}/authors`);
  await expect(page.getByTestId('author').filter({ hasText: 'Moench' })).toContainText('Writer');
  await page.getByTestId('author-role').selectOption('Letterer');
  await expect(page.getByTestId('author')).toHaveCount(1);
  await expect(page.getByTestId('author')).toContainText('Starkings, Richard');
  // The role is in the address: Back from a creator's page keeps the list narrowed.
  await expect(page).toHaveURL(/role=Letterer/);
  await page.getByTestId('author').click();
  await page.goBack();
  await expect(page.getByTestId('author-role')).toHaveValue('Letterer');
  await expect(page.getByTestId('author')).toHaveCount(1);

  // The story arc in arc order across two series, the part not owned marked.
  await openComic(page, 'Knightfall Part 2');
  await page.getByTestId('comic-arc').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Knightfall');
  const order = page.getByRole('list', { name: 'Knightfall, in reading order' }).locator('> li');
  await expect(order).toHaveText([
    /^1\s+Knightfall Part 1\s+Batman \(1940\)\s#491/,
    /^2\s+Knightfall Part 2\s+Detective Comics \(1937\)\s#659/,
    /^3\s+not in the library$/,
    /^4\s+Knightfall Part 4\s+Batman \(1940\)\s#493/,
  ]);
  await expect(page.getByTestId('arc-summary')).toContainText('0 of 3 read');

  // The publisher, with its series.
  await order.nth(1).getByTestId('arc-book').click();
  await page.getByTestId('comic-publisher').click();
  await expect(page.getByTestId('publisher-heading')).toHaveText('DC Comics');
  await expect(page.getByTestId('publisher-series')).toHaveText([
    /Batman \(1940\)\s+2 in the library/,
    /Detective Comics \(1937\)\s+1 in the library/,
  ]);
  await page
    .getByTestId('publisher-series')
    .filter({ hasText: 'Batman' })
    .getByRole('link')
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Batman (1940)' })).toBeVisible();
  await expect(page.getByTestId('series-facts')).toContainText('DC Comics');
  await expect(page.getByTestId('series-facts')).toContainText('Started 1940');
  await expect(page.getByTestId('series-facts')).toContainText('Rated Teen');
});

test('the age rating filters the series list, which counts issues', async ({ page }) => {
  await signIn(page, agent(), '/arcs');
  await openComic(page, 'Knightfall Part 1');
  await page.getByTestId('comic-age-rating').click();
  await expect(page).toHaveURL(/\/series\?age=Teen$/);
  await expect(page.getByTestId('series-age')).toHaveValue('Teen');
  await expect(page.getByTestId('series-meta')).toHaveText([
    /^2 issues · #491 to #493/,
    /^1 issue · #659/,
  ]);
});

test('a series, creator, arc or publisher nothing has says so instead of loading for ever', async ({
  page,
}) => {
  await signIn(page, agent(), '/series');
  for (const [path, heading] of [
    ['/series/no-such-series', 'No such series'],
    ['/authors/no-such-person', 'No such author'],
    ['/arcs/no-such-arc', 'No such story arc'],
    ['/publishers/no-such-house', 'No such publisher'],
  ]) {
    await page.goto(`${agent().url}${path}`);
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  }
});

test('the comic browsing pages fit a phone, a tablet and a laptop, for an admin and a reader', async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const problems: string[] = [];
  for (const role of ['admin', 'reader'] as const) {
    const page = await (await browser.newContext()).newPage();
    if (role === 'admin') await signIn(page, agent(), '/arcs');
    else await signInAs(page, agent(), READER);
    // Each page once, measured at every width.
    await openComic(page, 'Knightfall Part 2');
    const book = page.url();
    await page.getByTestId('comic-arc').click();
    const arc = page.getByRole('heading', { level: 1, name: 'Knightfall' });
    await expect(arc).toBeVisible();
    const arcUrl = page.url();
    const pages: [label: string, url: string][] = [
      ['book', book],
      ['arc', arcUrl],
      ['creator', `${agent().url}/authors/dick-giordano`],
      ['publisher', `${agent().url}/publishers/dc-comics`],
      ['creators', `${agent().url}/authors`],
    ];
    for (const [label, url] of pages) {
      await openRoute(page, url);
      for (const at of WIDTHS) {
        await page.setViewportSize({ width: at.width, height: at.height });
        problems.push(...(await checkRoute(page, `${label} ${role} ${at.name}`, at)));
        await page.screenshot({
          path: testInfo.outputPath(`${label}-${role}-${at.width}.png`),
          fullPage: true,
        });
      }
    }
    await page.context().close();
  }
  expect(problems).toEqual([]);
});
