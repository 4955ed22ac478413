import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

const TITLE = `<img src=x onerror="window.__xss='title'"><script>window.__xss='title-script'</script>Hostile`;
const DESCRIPTION =
  `<p>A <b>bold</b> claim.</p><script>window.__xss='description'</script>` +
  `<img src=x onerror="window.__xss='img'"><a href="javascript:window.__xss='link'">click</a>` +
  `<svg onload="window.__xss='svg'"></svg><iframe src="javascript:window.__xss='frame'"></iframe>`;

const { agent } = agentForFile('xss', async (library) => {
  writeFileSync(
    join(library, 'hostile.epub'),
    await makeEpub({
      title: TITLE,
      authors: ['<b onmouseover="window.__xss=1">Mallory</b>'],
      description: DESCRIPTION,
    }),
  );
});

test('metadata with script and event-handler payloads is shown as text, and no script runs', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signIn(page, agent());
  await page.goto(`${agent().url}/books?view=list`);
  const title = page.getByTestId('book-title').first();
  await expect(title).toContainText('<script>');
  await expect(title).toContainText('Hostile');
  await title.hover();
  await page.getByTestId('book').first().click();
  await expect(page.getByTestId('book-heading')).toContainText('onerror=');
  // The description keeps its harmless formatting, and nothing else.
  const description = page.getByTestId('description');
  await expect(description.locator('b')).toHaveText('bold');
  expect(await description.locator('script, iframe, svg, img, [onerror], [onload]').count()).toBe(
    0,
  );
  await expect(description.locator('a')).not.toHaveAttribute('href', /javascript/);
  await page.getByText('Mallory').first().hover();
  await page.waitForTimeout(500);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  ).toBeUndefined();
  expect(dialogs).toEqual([]);
});
