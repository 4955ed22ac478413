import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { HUB_PASSWORD, HUB_USER, HubServer } from '../support/hub-server';
import { freePort } from './support/agent-process';
import { agentForFile } from './support/agent-for-file';
import { addReader, READER, signInAs, WIDTHS } from './support/layout-checks';
import { signIn } from './support/sign-in';
import { tempDir } from '../support/temp';

test.describe.configure({ mode: 'serial' });

const { agent } = agentForFile('hub', async (dir) => {
  writeFileSync(join(dir, 'hub.epub'), await makeEpub({ title: 'Hub Book', authors: ['Ada'] }));
});
const hubDir = tempDir('e2e-hub-server');
let hub: HubServer;

test.beforeAll(async () => {
  mkdirSync(join(hubDir.path, 'run'));
  hub = new HubServer(await freePort(), join(hubDir.path, 'run'));
  await hub.start();
});
test.afterAll(async () => {
  await hub?.stop();
  hubDir.remove();
});

test('an admin sets the hub in Settings, sees it connect, and never sees its password again', async ({
  page,
}, testInfo) => {
  await signIn(page, agent(), '/settings');
  const section = page.getByTestId('hub-settings');
  await expect(section.getByTestId('hub-state')).toContainText('Off');

  await section.getByLabel('Hub address').fill(hub.url);
  await section.getByLabel('User').fill(HUB_USER);
  await section.getByLabel('Password').fill('not the password');
  await section.getByRole('button', { name: 'Save and connect' }).click();
  await expect(section.getByTestId('hub-error')).toContainText(
    'refused the user name or password (401)',
  );
  for (const width of WIDTHS) {
    await page.setViewportSize({ width: width.width, height: width.height });
    await section.screenshot({ path: testInfo.outputPath(`hub-error-${width.width}.png`) });
  }

  // The password kept apart: typed again, the stored one is replaced; left empty later, it stays.
  await section.getByLabel('Password').fill(HUB_PASSWORD);
  await section.getByRole('button', { name: 'Save and connect' }).click();
  await expect(section.getByTestId('hub-state')).toContainText('Connected', { timeout: 60_000 });
  await expect(section.getByLabel('Password')).toHaveValue('');
  await expect(section.getByLabel('Password')).toHaveAttribute('placeholder', /set/);
  await page.reload();
  await expect(section.getByLabel('Hub address')).toHaveValue(hub.url);
  expect(await page.content()).not.toContain(HUB_PASSWORD);
  await section.getByRole('button', { name: 'Save and connect' }).click();
  await expect(section.getByTestId('hub-state')).toContainText('Connected', { timeout: 60_000 });
  await expect(section).toContainText('colophon-catalog');
  for (const width of WIDTHS) {
    await page.setViewportSize({ width: width.width, height: width.height });
    await page.screenshot({
      path: testInfo.outputPath(`hub-admin-${width.width}.png`),
      fullPage: true,
    });
    await section.screenshot({ path: testInfo.outputPath(`hub-connected-${width.width}.png`) });
  }

  await section.getByRole('button', { name: 'Turn off' }).click();
  await expect(section.getByTestId('hub-state')).toContainText('Off');
  // Settings' changes name the hub by its address (a change reads as one), never its password.
  await expect(page.getByTestId('settings-history')).toContainText(
    new RegExp(`CouchDB hub[^:]*: http://${HUB_USER}@127\\.0\\.0\\.1:\\d+/ → off`),
  );
  expect(await page.content()).not.toContain(HUB_PASSWORD);
});

test('a reader sees no hub in Settings', async ({ page }, testInfo) => {
  addReader(agent());
  await signInAs(page, agent(), READER);
  await page.goto(`${agent().url}/settings`);
  await expect(page.getByTestId('admin-only')).toBeVisible();
  await expect(page.getByTestId('hub-settings')).toHaveCount(0);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width: width.width, height: width.height });
    await page.screenshot({
      path: testInfo.outputPath(`hub-reader-${width.width}.png`),
      fullPage: true,
    });
  }
});
