import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { AgentProcess, freePort } from './support/agent-process';
import { addReader, openRoute, READER, signInAs, WIDTHS } from './support/layout-checks';

test.describe.configure({ mode: 'serial', timeout: 300_000 });
const data = tempDir('shots-data');
const library = tempDir('shots-library');
const share = tempDir('shots-share');
let agent: AgentProcess;

test.beforeAll(async () => {
  mkdirSync(join(library.path, 'Herbert, Frank', 'Old downloads'), { recursive: true });
  const dune = await makeEpub({ title: 'Dune', authors: ['Frank Herbert'] });
  writeFileSync(join(library.path, 'Herbert, Frank', 'Dune.epub'), dune);
  writeFileSync(join(library.path, 'Herbert, Frank', 'Old downloads', 'dune-final-v2 (copy).epub'), dune);
  const emma = await makeEpub({ title: 'Emma: A Novel in Three Volumes, with a very long subtitle indeed', authors: ['Jane Austen'] });
  writeFileSync(join(library.path, 'emma.epub'), emma);
  writeFileSync(join(library.path, 'Emma (another copy with a long file name).epub'), emma);
  for (const t of ['The Lost Book', 'Gone Girl', 'Vanished'])
    writeFileSync(join(library.path, `${t}.epub`), await makeEpub({ title: t, authors: ['Some Author'] }));
  writeFileSync(join(share.path, 'far.epub'), await makeEpub({ title: 'Far Away', authors: ['X'] }));
  writeFileSync(join(share.path, 'near.epub'), await makeEpub({ title: 'Near', authors: ['Y'] }));
  agent = new AgentProcess(await freePort(), data.path, [library.path, share.path]);
  await agent.start();
  addReader(agent);
});
test.afterAll(async () => {
  await agent?.stop();
  renameSync(`${share.path}.away`, share.path);
  data.remove();
  library.remove();
  share.remove();
});

test('shots', async ({ browser }) => {
  const page0 = await browser.newPage();
  await signInAs(page0, agent, agent.admin);
  await openRoute(page0, `${agent.url}/scanning`);
  await expect(page0.getByRole('heading', { name: /Library scan #\d+ · Finished/ })).toBeVisible();
  for (const t of ['The Lost Book', 'Gone Girl', 'Vanished']) unlinkSync(join(library.path, `${t}.epub`));
  unlinkSync(join(share.path, 'far.epub'));
  const finished = page0.getByRole('heading', { name: /Library scan #\d+ · Finished/ });
  const first = await finished.textContent();
  await page0.getByRole('button', { name: 'Scan now' }).click();
  await expect(finished).not.toHaveText(first ?? '');
  await expect(finished).toBeVisible();
  renameSync(share.path, `${share.path}.away`);
  await page0.close();
  for (const width of WIDTHS) {
    for (const [role, account] of [['admin', agent.admin], ['reader', READER]] as const) {
      const context = await browser.newContext({ viewport: { width: width.width, height: width.height } });
      const page = await context.newPage();
      await signInAs(page, agent, account);
      for (const path of ['/duplicates', '/missing']) {
        await openRoute(page, `${agent.url}${path}`);
        await page.waitForTimeout(800);
        await page.screenshot({ path: `/tmp/dupes-shots/${path.slice(1)}-${role}-${width.width}.png`, fullPage: true });
      }
      if (role === 'admin') {
        await openRoute(page, `${agent.url}/duplicates`);
        await page.getByRole('button', { name: 'Keep only the chosen copy…' }).first().click();
        await page.screenshot({ path: `/tmp/dupes-shots/confirm-${width.width}.png` });
        await page.keyboard.press('Escape');
        await openRoute(page, `${agent.url}/missing`);
        await page.getByRole('button', { name: /Remove all/ }).click();
        await page.screenshot({ path: `/tmp/dupes-shots/confirm-missing-${width.width}.png` });
      }
      await context.close();
    }
  }
});
