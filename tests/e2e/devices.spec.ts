import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, request, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { agentForFile } from './support/agent-for-file';
import { signIn } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const { agent, library } = agentForFile('devices', async (dir) => {
  writeFileSync(
    join(dir, 'lamplight.epub'),
    await makeEpub({ title: 'By Lamplight', authors: ['Ada Reader'] }),
  );
});

test('a user makes an app password in Settings → Devices, and a reading app reads /opds and downloads a book with it', async ({
  page,
}, testInfo) => {
  await signIn(page, agent(), '/settings');
  const devices = page.getByTestId('devices');
  await expect(devices.getByTestId('opds1-url')).toHaveValue(`${agent().url}/opds`);
  await expect(devices.getByTestId('opds2-url')).toHaveValue(`${agent().url}/opds/v2`);
  await expect(devices.getByTestId('kosync-url')).toHaveValue(`${agent().url}/kosync`);
  await expect(devices.getByTestId('app-passwords')).toContainText('No app password yet.');

  await devices.getByTestId('app-password-name').fill('Kobo Libra');
  await devices.getByRole('button', { name: 'Make an app password' }).click();
  const secret = await devices.getByTestId('app-password-secret').inputValue();
  expect(secret).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){4}$/);
  await expect(devices.getByTestId('app-passwords')).toContainText('Kobo Libra');
  await expect(devices.getByTestId('app-passwords')).toContainText('never used');

  // The section at a phone's, a tablet's and a laptop's width, for a person to look at.
  for (const width of [390, 820, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await devices.screenshot({ path: testInfo.outputPath(`devices-${width}.png`) });
  }

  // A reading app: HTTP Basic, sent once the agent asks for it (401 with a Basic challenge).
  const app = await request.newContext({
    baseURL: agent().url,
    httpCredentials: { username: agent().admin.username, password: secret },
  });
  let feed = '';
  await expect
    .poll(async () => {
      feed = await (await app.get('/opds/all')).text();
      return feed;
    })
    .toContain('<title>By Lamplight</title>');
  const root = await app.get('/opds');
  expect(root.status()).toBe(200);
  expect(root.headers()['content-type']).toBe(
    'application/atom+xml;profile=opds-catalog;kind=navigation',
  );
  const href =
    /rel="http:\/\/opds-spec.org\/acquisition" href="([^"]+)" type="application\/epub\+zip"/.exec(
      feed,
    )?.[1];
  expect(href).toBeTruthy();
  const book = await app.get(href ?? '');
  expect(book.status()).toBe(200);
  expect(book.headers()['content-type']).toBe('application/epub+zip');
  expect(Buffer.from(await book.body()).equals(readFileSync(join(library, 'lamplight.epub')))).toBe(
    true,
  );
  // The app password reaches nothing of the app's own API.
  expect((await app.get('/api/status')).status()).toBe(401);

  // The list says when it was last used; revoking it shuts the app out.
  await page.reload();
  await expect(page.getByTestId('app-passwords')).toContainText('last used');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Revoke Kobo Libra' }).click();
  await expect(page.getByTestId('app-passwords')).toContainText('No app password yet.');
  expect((await app.get('/opds')).status()).toBe(401);
  await app.dispose();
});
