import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { corpusDir, corpusPath } from '../support/corpus';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const { agent, library } = agentForFile('scan', async (library) => {
  writeFileSync(join(library, 'fine.epub'), await makeEpub({ title: 'A Fine Book' }));
  writeFileSync(join(library, 'broken.epub'), 'this is not a zip archive at all');
  if (corpusDir) {
    copyFileSync(
      corpusPath('epub/se_h-g-wells_the-time-machine.epub'),
      join(library, 'time-machine.epub'),
    );
  }
});

test('the scanning page shows a scan live, its figures and the problems it found', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/scanning`);
  await expect(page.getByRole('heading', { name: /Library scan #\d+ · Finished/ })).toBeVisible();
  await expect(page.getByTestId('scan-problems')).toContainText('broken.epub');
  await expect(page.getByTestId('scan-problems')).toContainText('not a ZIP archive');
  await expect(page.getByTestId('scan-problems')).toContainText('Unreadable');
  // A finished scan says what it came to, not the phase it was last in.
  await expect(page.getByTestId('scan-outcome')).toContainText('1 could not be read');
  await expect(page.getByTestId('job-progress')).toHaveCount(0);

  // A bigger batch: the progress bar and the figures follow the scan as it runs.
  for (let i = 0; i < 150; i++) {
    writeFileSync(join(library, `batch-${i}.epub`), await makeEpub({ title: `Batch Book ${i}` }));
  }
  await page.getByRole('button', { name: 'Scan now' }).click();
  await expect(
    page.getByRole('heading', { name: /Library scan #\d+ · (Running|Waiting|Finished)/ }),
  ).toBeVisible();
  await expect(page.getByTestId('job-progress').first()).toContainText(/of 150 files/, {
    timeout: 60_000,
  });
  await expect(page.getByRole('heading', { name: /Library scan #\d+ · Finished/ })).toBeVisible({
    timeout: 60_000,
  });
  // The rescan read broken.epub no more (unchanged), yet it is still counted and listed.
  await expect(page.getByTestId('problem-count')).toHaveText('(1)');
  await expect(page.getByTestId('scan-problems')).toContainText('broken.epub');

  // The jobs page lists the scans and opens a job's log.
  await page.getByRole('link', { name: 'Jobs' }).click();
  const scans = page.getByTestId('job').filter({ hasText: 'Library scan #' });
  // The first scan, Scan now's, and any the folder watcher queued for the 150 new files.
  await expect(scans.nth(1)).toBeVisible();
  // Each says what it came to in words, never its result's keys; the one that read the batch says so.
  // ("1 could not be read" is said by every scan: the count of files read comes first.)
  const reading = scans.filter({ hasText: /files looked at: \d+ read\b/ }).first();
  await expect(reading.getByTestId('job-outcome')).toContainText(/files looked at: \d+ read/);
  await expect(scans.getByTestId('job-outcome').first()).not.toContainText('bytesRead');
  await reading.getByRole('button', { name: /Library scan #/ }).click();
  await expect(page.getByRole('list', { name: /Operation log of job/ })).toContainText(
    'Added to the catalog.',
  );
});

test('covers show in the library, and still show offline', async ({ page }) => {
  await signIn(page, agent());
  test.skip(!corpusDir, 'The corpus (an EPUB with a cover) is not available.');
  await page.goto(`${agent().url}/books?q=${encodeURIComponent('"time machine"')}`);
  const book = page.getByTestId('book').filter({ hasText: 'The Time Machine' });
  await expect(book.getByTestId('cover-image')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'live');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await agent().stop();
  await page.reload();
  const image = book.getByTestId('cover-image');
  await image.scrollIntoViewIfNeeded();
  // Decoded from the copy kept in the browser: the agent is gone.
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(50);
});
