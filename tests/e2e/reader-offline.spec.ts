import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const KEPT = 'se_h-g-wells_the-time-machine.epub';
const NOT_KEPT = 'se_l-frank-baum_the-wonderful-wizard-of-oz.epub';

const { agent } = agentForFile('reader-offline', async (library) => {
  if (!corpusDir) return;
  for (const name of [KEPT, NOT_KEPT])
    copyFileSync(corpusPath(`epub/${name}`), join(library, name));
});

/** The book page of the book whose title contains `title`, from the books list. */
async function openBookPage(page: Page, title: string): Promise<string> {
  await page.goto(`${agent().url}/books`);
  await page.getByTestId('book-title').filter({ hasText: title }).first().click();
  await expect(page.getByTestId('book-heading')).toContainText(title);
  return new URL(page.url()).pathname.replace(/^\/book\//, '');
}

test('a kept book reads with the agent stopped and the network off; another says it is not kept', async ({
  page,
  context,
}) => {
  test.skip(!corpusDir, NO_CORPUS_MESSAGE);
  await signIn(page, agent(), '/books');
  await expect(page.getByTestId('book-title')).toHaveCount(2);

  const notKept = await openBookPage(page, 'Wizard');
  const kept = await openBookPage(page, 'Time Machine');
  await page.getByTestId('keep-button').click();
  await expect(page.getByTestId('kept')).toContainText('Kept on this device');

  // Online, the reader opens it (from the kept copy) and reports where it is.
  await page.getByTestId('read').click();
  await expect(page.getByTestId('reader-location')).toBeVisible();

  await page.goto(`${agent().url}/settings`);
  await expect(page.getByTestId('kept-books')).toContainText('The Time Machine');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await agent().stop();
  await context.setOffline(true);
  try {
    await page.goto(`${agent().url}/read/${kept}`);
    await expect(page.getByTestId('reader-location')).toBeVisible();
    await expect(page.getByTestId('reader-problem')).toHaveCount(0);

    await page.goto(`${agent().url}/read/${notKept}`);
    await expect(page.getByTestId('reader-problem')).toContainText('not kept on this device');
  } finally {
    await context.setOffline(false);
    await agent().start();
  }

  // Removed from the device, it is no longer listed as kept.
  await page.goto(`${agent().url}/book/${kept}`);
  await page.getByRole('button', { name: 'Remove from this device' }).click();
  await expect(page.getByTestId('keep-button')).toBeVisible();
});
