import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
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
 * Comics as series → volume → issue, against a real agent scanning generated
 * CBZ files: two runs of Batman (1940 and 2016) stay two series, and the 2016
 * run's page lists its volume, its issues in order with the missing #3, and
 * its annual under its own heading.
 */

test.describe.configure({ mode: 'serial' });

const ISSUES = [
  { file: 'Batman 1940 001.cbz', title: 'The Legend of the Batman', volume: '1940', number: '1' },
  { file: 'Batman 2016 001.cbz', title: 'I Am Gotham, Part One', volume: '2016', number: '1' },
  { file: 'Batman 2016 002.cbz', title: 'I Am Gotham, Part Two', volume: '2016', number: '2' },
  { file: 'Batman 2016 004.cbz', title: 'I Am Gotham, Part Four', volume: '2016', number: '4' },
  { file: 'Batman 2016 Annual 001.cbz', title: 'Good Boy', volume: '2016', number: 'Annual 1' },
];

const { agent } = agentForFile('comics-series', async (library) => {
  mkdirSync(join(library, 'Batman'));
  for (const [i, issue] of ISSUES.entries()) {
    const cbz = await makeCbz({
      pages: 2 + i,
      title: issue.title,
      info: { Series: 'Batman', Number: issue.number, Volume: issue.volume, Writer: 'Tom King' },
    });
    writeFileSync(join(library, 'Batman', issue.file), cbz);
  }
  // Two volumes numbered as manga number them, in one series until an admin splits it.
  for (const volume of ['1', '2']) {
    const cbz = await makeCbz({
      pages: 2,
      title: `Saga volume ${volume}, chapter 1`,
      info: { Series: 'Saga', Number: '1', Volume: volume },
    });
    writeFileSync(join(library, `Saga v${volume} 001.cbz`), cbz);
  }
});

test.beforeAll(() => addReader(agent()));

/** Opens the series list and follows the link to one series. */
async function openSeries(page: Page, name: string): Promise<void> {
  await openRoute(page, `${agent().url}/series`);
  await page.getByTestId('series').filter({ hasText: name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('two runs of Batman are two series, each with its own #1', async ({ page }) => {
  await signIn(page, agent(), '/series');
  const names = page.getByTestId('series').locator('.name');
  await expect(names).toHaveText(['Batman (1940)', 'Batman (2016)', 'Saga'], {
    timeout: 30_000,
  });
  await openSeries(page, 'Batman (1940)');
  await expect(page.getByTestId('comic-issue')).toHaveCount(1);
  await expect(page.getByTestId('issue-number')).toHaveText(['#1']);
});

test('the 2016 series lists its volume: issues in order, #3 missing, the annual apart', async ({
  page,
}) => {
  await signIn(page, agent(), '/series');
  await openSeries(page, 'Batman (2016)');
  const volume = page.getByTestId('comic-volume');
  await expect(volume).toHaveCount(1);
  await expect(volume.getByRole('heading', { level: 2 })).toContainText('2016 volume');
  await expect(page.getByTestId('series-summary')).toHaveText(
    '4 issues in the library · 1 missing',
  );

  const run = volume.getByRole('list', { name: /in reading order/ });
  await expect(run.locator('> li')).toHaveText([
    /^#1\s.*Part One/,
    /^#2\s.*Part Two/,
    /^#3 missing$/,
    /^#4\s.*Part Four/,
  ]);
  await expect(page.getByTestId('volume-gaps')).toHaveText('Missing: #3');

  await expect(volume.getByTestId('issue-group')).toHaveText(['Annuals']);
  const annuals = volume.getByRole('list', { name: /^Annuals of/ });
  await expect(annuals.getByTestId('issue-number')).toHaveText(['Annual 1']);
  await expect(annuals.getByTestId('book-title')).toHaveText(['Good Boy']);

  // An issue opens the comic's own page.
  await run.getByTestId('book').filter({ hasText: 'Part Four' }).click();
  await expect(page).toHaveURL(/\/book\//);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('I Am Gotham, Part Four');
});

test('an admin splits a series by volume into one series per volume', async ({ page }) => {
  await signIn(page, agent(), '/series');
  await openSeries(page, 'Saga');
  await expect(page.getByTestId('comic-volume').getByRole('heading', { level: 2 })).toHaveText([
    /^Volume 1/,
    /^Volume 2/,
  ]);
  await page.getByTestId('split-series').click();
  await expect(page.getByRole('alertdialog', { name: 'Confirm the split' })).toContainText(
    'Volume 2 → “Saga vol. 2” (1 issue(s))',
  );
  await page.getByTestId('confirm-split').click();
  await expect(page).toHaveURL(/\/series$/);
  await expect(page.getByTestId('series').locator('.name')).toHaveText([
    'Batman (1940)',
    'Batman (2016)',
    'Saga vol. 1',
    'Saga vol. 2',
  ]);
});

test('the series pages fit a phone, a tablet and a laptop, for an admin and a reader', async ({
  browser,
}, testInfo) => {
  const problems: string[] = [];
  for (const role of ['admin', 'reader'] as const) {
    const page = await (await browser.newContext()).newPage();
    if (role === 'admin') await signIn(page, agent(), '/series');
    else await signInAs(page, agent(), READER);
    for (const at of WIDTHS) {
      const { name, width, height } = at;
      await page.setViewportSize({ width, height });
      await openSeries(page, 'Batman (2016)');
      await openRoute(page, page.url());
      await expect(page.getByTestId('comic-issue').first()).toBeVisible();
      problems.push(...(await checkRoute(page, `series ${role} ${name}`, at)));
      await page.screenshot({
        path: testInfo.outputPath(`series-${role}-${width}.png`),
        fullPage: true,
      });
    }
    await page.context().close();
  }
  expect(problems).toEqual([]);
});
