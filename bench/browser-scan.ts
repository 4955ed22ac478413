import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { formatFromName } from '#core/formats/detect';
import { AgentProcess, freePort } from '../tests/e2e/support/agent-process';
import { corpusFiles, corpusPath } from '../tests/support/corpus';
import { makeEpub } from '../tests/support/make-epub';
import { tempDir } from '../tests/support/temp';
import { CHROMIUM_LAUNCH } from '../tests/support/chromium';
import { progress, report } from './report';

/** The folder of the origin-private file system the picker answers with (as in tests/e2e/local.spec.ts). */
const FOLDER = 'library';
const PER_FOLDER = 500;

/**
 * Run in the page before the app: the folder picker answers with the OPFS
 * folder, and long tasks on the page's thread are recorded.
 */
const INIT_SCRIPT = `
  Object.defineProperty(window, 'showDirectoryPicker', {
    configurable: true,
    value: async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle(${JSON.stringify(FOLDER)}, { create: true }),
  });
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
`;
const CORPUS_FOLDERS = ['epub', 'mobi', 'pdf', 'comics'];

/** Writes the same bytes under several paths of the OPFS folder, in one round trip. */
async function writeCopies(page: Page, bytes: Uint8Array, paths: string[]): Promise<void> {
  await page.evaluate(
    async ({ folder, base64, paths }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const root = await (
        await navigator.storage.getDirectory()
      ).getDirectoryHandle(folder, {
        create: true,
      });
      for (const path of paths) {
        const [shelf, name] = path.split('/') as [string, string];
        const dir = await root.getDirectoryHandle(shelf, { create: true });
        const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
        await writable.write(data);
        await writable.close();
      }
    },
    { folder: FOLDER, base64: Buffer.from(bytes).toString('base64'), paths },
  );
}

/**
 * The library of bench/library.ts, in the browser: the corpus's readable
 * books copied round-robin to `count` files (generated EPUBs without it).
 */
async function fillFolder(page: Page, count: number): Promise<string> {
  const sources = CORPUS_FOLDERS.flatMap((folder) => corpusFiles(folder)).filter((rel) =>
    formatFromName(rel),
  );
  const started = Date.now();
  const pathOf = (i: number, name: string) => `shelf-${Math.floor(i / PER_FOLDER)}/${i}-${name}`;
  if (sources.length === 0) {
    for (let i = 0; i < count; i++) {
      const bytes = await makeEpub({ title: `Book ${i}`, authors: ['Bench Author'] });
      await writeCopies(page, bytes, [pathOf(i, `book-${i}.epub`)]);
      if (i % 50 === 0 || i === count - 1) progress('filling OPFS', i + 1, count, started);
    }
    return 'generated EPUBs (no corpus)';
  }
  let written = 0;
  for (const [k, rel] of sources.entries()) {
    const paths: string[] = [];
    for (let i = k; i < count; i += sources.length) paths.push(pathOf(i, basename(rel)));
    if (paths.length === 0) continue;
    await writeCopies(page, new Uint8Array(readFileSync(corpusPath(rel))), paths);
    written += paths.length;
    progress('filling OPFS', written, count, started);
  }
  return `${sources.length} corpus books`;
}

/** Waits for the folder's card to reach `state`, showing the scan's progress. */
async function waitForState(
  page: Page,
  state: string,
  files: number,
  label: string,
): Promise<void> {
  const card = page.getByTestId('local-folder').first();
  const started = Date.now();
  for (;;) {
    if ((await card.getAttribute('data-state')) === state) break;
    const figures = await page
      .getByTestId('local-progress')
      .first()
      .getAttribute('data-phase')
      .catch(() => undefined);
    const done = Number(
      (
        await page
          .getByTestId('local-progress')
          .first()
          .textContent()
          .catch(() => '')
      )?.match(/(\d+) of \d+ files/)?.[1] ?? 0,
    );
    progress(`${label} (${figures ?? 'starting'})`, Math.min(done, files), files, started);
    await page.waitForTimeout(250);
  }
  process.stderr.write('\n');
}

async function runTimes(page: Page): Promise<{ catalog: number; total: number; active: number }> {
  const card = page.getByTestId('local-folder').first();
  const at = async (name: string) => Date.parse((await card.getAttribute(name)) ?? '');
  const started = await at('data-started');
  return {
    catalog: ((await at('data-cataloged')) - started) / 1000,
    total: ((await at('data-finished')) - started) / 1000,
    active: Number(await card.getAttribute('data-active-seconds')),
  };
}

/**
 * `npm run bench -- browser-scan [--files N]`: the in-browser scanner
 * (src/lib/local) in Chromium, on N files in the origin-private file system:
 * cold scan rate (catalog only, and with covers), warm rescan, the longest
 * task on the page's thread while scanning, and the reader pool size.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { files: { type: 'string', default: '1000' } } });
  const files = Number(values.files);
  const data = tempDir('bench-browser-scan');
  const agent = new AgentProcess(await freePort(), data.path, []);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    await agent.start();
    const context = await browser.newContext();
    // A string, not a function: tsx would wrap a function's names in a helper the page lacks.
    await context.addInitScript(INIT_SCRIPT);
    const page = await context.newPage();
    await page.goto(`${agent.url}/login?next=${encodeURIComponent('/local')}`);
    await page.getByLabel('User name').fill(agent.admin.username);
    await page.getByLabel('Password').fill(agent.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('open-folder').waitFor();
    const library = await fillFolder(page, files);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);

    await page.evaluate(
      () => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0),
    );
    await page.getByTestId('open-folder').click();
    await waitForState(page, 'done', files, 'cold scan');
    const cold = await runTimes(page);
    const longest = await page.evaluate(() =>
      Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks),
    );
    const counts = await page.getByTestId('run-counts').first().textContent();
    const extra = { files, library, cores, reader_workers: Math.min(Math.max(cores, 1), 8) };
    report('browser-scan', 'files_per_s', files / cold.catalog, {
      ...extra,
      with_covers: false,
      seconds: cold.catalog,
    });
    report('browser-scan', 'files_per_s_with_covers', files / cold.total, {
      ...extra,
      with_covers: true,
      seconds: cold.total,
      counts: counts?.replace(/\s+/g, ' ').trim(),
    });
    report('browser-scan', 'main_thread_longest_task_ms', longest, { files, during: 'cold scan' });

    await page.getByTestId('rescan').click();
    await page.getByTestId('local-folder').first().getAttribute('data-state');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=local-folder]')?.getAttribute('data-state') !== 'done',
    );
    await waitForState(page, 'done', files, 'warm rescan');
    const warm = await runTimes(page);
    report('browser-scan', 'warm_rescan_s', warm.total, { files });
    await context.close();
  } finally {
    await browser.close();
    await agent.stop();
    data.remove();
  }
}
