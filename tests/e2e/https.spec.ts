import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../support/chromium';
import { signOut } from './support/sign-in';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { AgentProcess, freePort, addUser } from './support/agent-process';

/**
 * The tablet's view of a NAS: the agent reached by its host name (mapped to
 * 127.0.0.1, as the home network's DNS or mDNS would) over HTTPS with its
 * local CA trusted. Debian's Chromium has no NSS tool to install the CA, so
 * the browser is told the certificate's key is trusted
 * (--ignore-certificate-errors-spki-list): the connection then verifies as a
 * trusted one, and the test checks what trust gives — a secure context, a
 * service worker, installability — rather than assuming it.
 */
const HOST = 'colophon-nas.test';
const TITLE = 'A Book on the NAS';

test.describe.configure({ mode: 'serial' });

const data = tempDir('e2e-https-data');
const library = tempDir('e2e-https-library');
// A profile on disk, not an incognito context: Chromium installs no app from incognito.
const profile = tempDir('e2e-https-profile');
let agent: AgentProcess;
let context: BrowserContext;
let secureUrl: string;

/** base64(SHA-256(SubjectPublicKeyInfo)): how Chromium names a trusted key. */
function spkiHash(pem: string): string {
  const der = new X509Certificate(pem).publicKey.export({
    type: 'spki',
    format: 'der',
  });
  return createHash('sha256').update(new Uint8Array(der)).digest('base64');
}

test.beforeAll(async () => {
  writeFileSync(
    join(library.path, 'nas.epub'),
    await makeEpub({ title: TITLE, authors: ['Test Author'] }),
  );
  const port = await freePort();
  addUser(data.path, READER, 'reader');
  agent = new AgentProcess(port, data.path, [library.path], {}, ['--https', '--name', HOST]);
  await agent.start();
  secureUrl = `https://${HOST}:${port}`;
  const tls = join(data.path, 'tls');
  const trusted = ['ca.crt', 'server.crt'].map((f) => spkiHash(readFileSync(join(tls, f), 'utf8')));
  context = await chromium.launchPersistentContext(profile.path, {
    ...CHROMIUM_LAUNCH,
    args: [
      ...CHROMIUM_LAUNCH.args,
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      `--ignore-certificate-errors-spki-list=${trusted.join(',')}`,
    ],
  });
});

test.afterAll(async () => {
  await context?.close();
  await agent?.stop();
  data.remove();
  library.remove();
  profile.remove();
});

async function signIn(page: Page, user = agent.admin, next = '/books') {
  await page.goto(`${secureUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('User name').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(user.username);
}

const READER = { username: 'rita', password: 'correct horse battery' };

test('over plain HTTP by host name, the app shows the page pointing to HTTPS', async () => {
  const page = await context.newPage();
  await page.goto(`http://${HOST}:${agent.port}/books`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'This library is at an HTTPS address',
  );
  const open = page.getByRole('link', { name: `Open ${secureUrl}/` });
  await expect(open).toHaveAttribute('href', `${secureUrl}/`);
  await expect(page.getByRole('link', { name: 'Download the CA certificate' })).toHaveAttribute(
    'href',
    '/ca.crt',
  );
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
  // The link leads to the app.
  await open.click();
  await expect(page).toHaveURL(new RegExp(`^${secureUrl}/`));
  expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  await page.close();
});

test('over HTTPS by host name: a secure context, the service worker in control, installable, and offline with the agent stopped', async () => {
  const page = await context.newPage();
  await signIn(page);
  expect(page.url()).toMatch(new RegExp(`^${secureUrl}/`));
  expect(await page.evaluate(() => window.isSecureContext)).toBe(true);

  await expect(page.getByTestId('book-title')).toHaveText([TITLE]);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // clients.claim() hands this page to the worker; a reload is served through it either way.
  await page.reload();
  const scope = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { controlled: navigator.serviceWorker.controller !== null, scope: registration.scope };
  });
  expect(scope).toEqual({ controlled: true, scope: `${secureUrl}/` });

  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  expect(installabilityErrors).toEqual([]);
  const { url: manifest } = (await cdp.send('Page.getAppManifest')) as { url: string };
  expect(manifest).toBe(`${secureUrl}/manifest.webmanifest`);

  // The NAS goes away and the tablet leaves the network: the catalog still opens.
  await agent.stop();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('book-title')).toHaveText([TITLE]);
  await context.setOffline(false);
  await page.close();
  await agent.start();
});

test('Add a device: the address as text and a QR code, the CA and the steps; only an admin changes announcing', async () => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page, agent.admin, '/settings');
  await page.getByRole('button', { name: 'Add a device' }).click();
  // A device that does not trust the CA yet opens plain http:// first: that page offers the CA.
  const first = `http://${HOST}:${agent.port}/`;
  await expect(page.getByTestId('pairing-address')).toHaveValue(first);
  // This test's agent listens on 127.0.0.1 (the name is mapped there): the panel says so.
  await expect(page.getByTestId('pairing-loopback')).toContainText('--host 0.0.0.0');
  const qr = page.getByTestId('pairing-qr');
  await expect(qr).toBeVisible();
  await expect(qr).toHaveAttribute('alt', `QR code for ${first}`);
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByText('Colophon local CA', { exact: false }).first()).toBeVisible();
  for (const system of ['iPad and iPhone', 'Android', 'Windows', 'macOS', 'Linux'])
    await expect(page.locator('summary', { hasText: system })).toBeVisible();
  await page.locator('summary', { hasText: 'iPad and iPhone' }).click();
  await expect(page.getByText('Certificate Trust Settings')).toBeVisible();
  // Fetched by the browser itself (the host name resolves only there).
  const href = String(await page.getByTestId('pairing-ca').getAttribute('href'));
  const ca = await page.evaluate(async (url) => (await fetch(url)).text(), href);
  expect(ca).toBe(readFileSync(join(data.path, 'tls/ca.crt'), 'utf8'));

  // The admin turns announcing off: the agent's setting changes (it acts on it: tests/agent).
  const announce = page.getByTestId('pairing-announce');
  await expect(announce).toBeChecked();
  await announce.uncheck();
  const announcing = () =>
    page.evaluate(
      async () => ((await (await fetch('/api/pairing')).json()) as { announce: boolean }).announce,
    );
  await expect.poll(announcing).toBe(false);
  await expect(announce).not.toBeChecked();
  await signOut(page);

  // A reader pairs their own device too, but does not change the agent's settings.
  await signIn(page, READER, '/settings');
  await page.getByRole('button', { name: 'Add a device' }).click();
  await expect(page.getByTestId('pairing-address')).toHaveValue(first);
  await expect(page.getByTestId('pairing-qr')).toBeVisible();
  await expect(page.getByTestId('pairing-announce')).toHaveCount(0);
  await page.close();
});
