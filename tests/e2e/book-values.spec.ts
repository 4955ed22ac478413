import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { addUser } from './support/agent-process';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const READER = { username: 'rosa', password: 'reads the whole shelf twice' };

// The file name says little ("cien-anos.epub"): the OPF's values must still read as confident.
const { agent } = agentForFile('book-values', async (library) => {
  writeFileSync(
    join(library, 'cien-anos.epub'),
    await makeEpub({
      title: 'Cien años de soledad',
      authors: ['Gabriel García Márquez'],
      language: 'es',
      date: '2021-06-11T18:00:00Z',
      publisher: 'Editorial Sudamericana',
    }),
  );
});

async function openBook(page: Page): Promise<void> {
  await page.goto(`${agent().url}/books?q=${encodeURIComponent('soledad')}`);
  await page.getByTestId('book').first().click();
  await expect(page.getByTestId('book-heading')).toHaveText('Cien años de soledad');
}

test('the metadata table shows sort names, dates as dates, and why it is sure', async ({
  page,
}) => {
  await signIn(page, agent());
  await openBook(page);
  const table = page.getByTestId('metadata');
  await expect(table.locator('tr[data-field="authors"]')).toContainText(
    'Gabriel García Márquez (García Márquez, Gabriel)',
  );
  const published = table.locator('tr[data-field="published"]');
  await expect(published).toContainText('2021');
  await expect(published).not.toContainText('2021-06-11');
  await expect(published).not.toContainText('T18:00');
  const confidence = table.locator('tr[data-field="title"]').getByTestId('confidence');
  await expect(confidence).toContainText(/^\s*80% sure/);
  await expect(confidence).toHaveAttribute(
    'title',
    'Stated by the file’s metadata (OPF); no source disagrees.',
  );
});

const SCREENS = [
  { width: 390, height: 844 },
  { width: 820, height: 1180 },
  { width: 1366, height: 900 },
];

for (const role of ['admin', 'reader'] as const) {
  test(`as ${role}, the metadata table fits each screen`, async ({ page }) => {
    if (role === 'reader') {
      addUser(agent().dataDir, READER, 'reader');
      await page.goto(`${agent().url}/login`);
      await page.getByLabel('User name').fill(READER.username);
      await page.getByLabel('Password').fill(READER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('signed-in-as')).toHaveText(READER.username);
    } else {
      await signIn(page, agent());
    }
    for (const screen of SCREENS) {
      await page.setViewportSize(screen);
      await openBook(page);
      const table = page.getByTestId('metadata');
      await table.scrollIntoViewIfNeeded();
      // Nothing wider than the screen: the table stacks where four columns do not fit.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await table.screenshot({
        path: test.info().outputPath(`metadata-${role}-${screen.width}.png`),
      });
    }
  });
}
