import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

const { agent } = agentForFile('schema', async (library) => {
  writeFileSync(
    join(library, 'book.epub'),
    await makeEpub({ title: 'A Book Before the Update', authors: ['Test Author'] }),
  );
});

test('an agent updated to a newer schema asks the app to reload, and the library stays readable', async ({
  page,
}) => {
  await signIn(page, agent());
  await page.goto(`${agent().url}/books`);
  await expect(page.getByTestId('book')).toHaveCount(1);
  await expect(page.getByTestId('newer-agent')).toHaveCount(0);

  // As if the agent had been updated while this app stayed cached: its catalog says a newer schema.
  await page.route(
    (url) => url.pathname.startsWith('/db/catalog/colophon') && url.pathname.endsWith('schema'),
    (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          _id: 'colophon:schema',
          _rev: '9-x',
          type: 'schema',
          version: 99,
          library: 'x',
        }),
      }),
  );
  await page.reload();
  const banner = page.getByTestId('newer-agent');
  await expect(banner).toContainText('Reload to get the new app');
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(page.getByTestId('book')).toHaveCount(1);
  for (const width of [390, 820, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`newer-agent-${width}.png`) });
  }

  await page.unrouteAll();
  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByTestId('book')).toHaveCount(1);
  await expect(page.getByTestId('newer-agent')).toHaveCount(0);
});
