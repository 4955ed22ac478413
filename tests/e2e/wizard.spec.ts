import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { freePort } from './support/agent-process';

const BIN = join(import.meta.dirname, '../../agent/bin/colophon.js');

test('first start: the wizard creates the admin with the printed code, adds a folder, and scans', async ({
  page,
}) => {
  const data = tempDir('e2e-wizard-data');
  const library = tempDir('e2e-wizard-library');
  writeFileSync(
    join(library.path, 'first.epub'),
    await makeEpub({ title: 'The First Book', authors: ['Ada Wizard'] }),
  );
  const port = await freePort();
  const child = spawn('node', [BIN, 'serve', '--port', String(port), '--data', data.path], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const link = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`no setup link:\n${output}`)), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /(http:\/\/\S+\/wizard\?code=\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });

    // Anyone without the code is refused; the printed link carries it.
    await page.goto(link.replace(/code=\S+/, 'code=WRON-GCOD'));
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByLabel('Password again').fill('a long enough password');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect(page.getByRole('alert')).toContainText('setup code');

    await page.goto(link);
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByLabel('Password again').fill('a long enough password');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect(page.getByTestId('wizard-step')).toHaveAttribute('data-step', 'folders');

    // A folder that does not exist gets a message that says so; a real one is checked and added.
    await page.getByLabel("Folder on the agent's machine").fill(join(library.path, 'nope'));
    await page.getByLabel("Folder on the agent's machine").blur();
    await expect(page.getByTestId('folder-error')).toContainText('does not exist');
    await page.getByLabel("Folder on the agent's machine").fill(library.path);
    await page.getByLabel("Folder on the agent's machine").blur();
    await expect(page.getByTestId('folder-check')).toContainText('1 book file');
    await page.getByRole('button', { name: 'Add folder' }).click();
    await expect(page.getByTestId('folders')).toContainText(library.path);

    // Leaving (here, for a folder on this device) and coming back resumes where it was.
    await page.getByTestId('wizard-local').click();
    await expect(page.getByRole('heading', { name: 'Folders on this device' })).toBeVisible();
    await page.goto(page.url().replace(/\/local.*/, '/wizard'));
    await expect(page.getByTestId('wizard-step')).toHaveAttribute('data-step', 'folders');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Finish' }).click();
    // What the library holds already (adding the folder scanned it), and that it is watched.
    await expect(page.getByTestId('ready-summary')).toHaveText(
      /^1 library folder, \d+ cataloged so far; new and changed files are cataloged as they arrive\.$/,
    );
    await page.getByTestId('scan-now').click();
    await expect(page.getByRole('heading', { name: /Library scan #\d+ · Finished/ })).toBeVisible({
      timeout: 60_000,
    });
    await page.getByRole('link', { name: 'Books', exact: true }).click();
    await expect(page.getByTestId('book-title')).toHaveText(['The First Book']);

    // A setting changed in Settings is logged and can be undone.
    await page.getByRole('link', { name: 'Settings' }).click();
    const interval = page.getByTestId('setting-scanIntervalHours');
    await interval.getByRole('spinbutton').fill('6');
    await interval.getByRole('button', { name: 'Save' }).click();
    await expect(interval).toContainText('Saved.');
    await interval.getByRole('spinbutton').fill('-3');
    await interval.getByRole('button', { name: 'Save' }).click();
    // Named by its label, never by its key.
    await expect(interval.getByRole('alert')).toContainText('Scan the library automatically every');
    await expect(interval.getByRole('alert')).not.toContainText('scanIntervalHours');
    const history = page.getByTestId('settings-history');
    await expect(history).toContainText(
      'Scan the library automatically every: only when asked → 6 hours',
    );
    await history.getByRole('button', { name: 'Undo' }).first().click();
    await expect(history).toContainText(
      'Scan the library automatically every: 6 hours → only when asked',
    );
    execFileSync('node', [BIN, 'user', 'list', '--data', data.path]);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    data.remove();
    library.remove();
  }
});
