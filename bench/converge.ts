import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { resolveFieldEdits, type FieldEdit } from '#core/edits/field-edit-resolve';
import { AgentProcess, freePort } from '../tests/e2e/support/agent-process';
import { CHROMIUM_LAUNCH } from '../tests/support/chromium';
import { makeEpub } from '../tests/support/make-epub';
import { tempDir } from '../tests/support/temp';
import { progress, report } from './report';

const BOOKS = 10;
/** The fields the devices edit, in turn: each book's title on every device overlaps. */
const FIELDS = ['title', 'publisher'] as const;
const CONVERGE_TIMEOUT_MS = 300_000;
/**
 * How long the devices stay offline at least: past a minute, a replication
 * retries every 30 s (its back-off's cap), as on any device that was away
 * a while. Shorter, the figure would turn on how long the editing took.
 */
const OFFLINE_S = 65;
const POLL_MS = 250;

/**
 * Run in each page before the app (a string: tsx would wrap a function's
 * names in a helper the page lacks). __benchEdit types a value into a field
 * of the open metadata page and saves it, as a person does, and answers the
 * milliseconds from Save until the page shows the value. __benchEditIds
 * lists the metadata edits the device's replica holds (IndexedDB, read
 * directly: the app keeps PouchDB to itself).
 */
const INIT_SCRIPT = `
  window.__benchEdit = async (field, value) => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const section = document.querySelector('[data-testid="field-' + field + '"]');
    let button;
    while (!(button = [...section.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Type your own'))) await frame();
    button.click();
    let input;
    while (!(input = section.querySelector('input'))) await frame();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const started = performance.now();
    input.form.requestSubmit();
    for (;;) {
      const shown = section.querySelector('[data-testid="field-value"]');
      if (shown && shown.textContent.trim() === value) break;
      await frame();
    }
    return performance.now() - started;
  };
  window.__benchEditIds = async () => {
    const names = (await indexedDB.databases()).map((d) => d.name || '');
    const name = names.find((n) => n.startsWith('_pouch_colophon-user-') && !n.endsWith('-local'));
    if (!name) return [];
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      return await new Promise((resolve, reject) => {
        const request = db.transaction('document-store').objectStore('document-store').getAllKeys();
        request.onsuccess = () => resolve(request.result.filter((k) => String(k).startsWith('field-edit:')));
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  };
`;

interface Device {
  name: string;
  context: BrowserContext;
  page: Page;
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function newDevice(browser: Browser, agent: AgentProcess, name: string): Promise<Device> {
  const context = await browser.newContext();
  await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  await page.goto(`${agent.url}/login?next=${encodeURIComponent('/settings')}`);
  await page.getByLabel('User name').fill(agent.admin.username);
  await page.getByLabel('Password').fill(agent.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('device-name').fill(name);
  await page.getByTestId('device-name').press('Enter');
  await page.getByTestId('device-name').blur();
  return { name, context, page };
}

/** The agent, asked as the admin (the first device's cookies). */
async function agentJson<T>(agent: AgentProcess, device: Device, path: string): Promise<T> {
  const cookies = await device.context.cookies(agent.url);
  const response = await fetch(`${agent.url}${path}`, {
    headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const editIds = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __benchEditIds(): Promise<string[]> }).__benchEditIds(),
  );

interface RunResult {
  visible: number[];
  written: Set<string>;
  held: number;
  convergedS: number | undefined;
  /** When the agent held every edit, and when every device did (seconds after reconnecting). */
  agentHadAllS: number | undefined;
  devicesHadAllS: number | undefined;
}

/** N devices make `edits` edits each offline on the same books, then all reconnect. */
async function scenario(
  browser: Browser,
  devices: number,
  edits: number,
  offlineS: number,
): Promise<RunResult> {
  const data = tempDir('bench-converge-data');
  const library = tempDir('bench-converge-library');
  for (let i = 0; i < BOOKS; i++)
    writeFileSync(
      join(library.path, `book-${i}.epub`),
      await makeEpub({ title: `Book ${i}`, authors: ['Bench Author'], publisher: 'Bench Press' }),
    );
  const agent = new AgentProcess(await freePort(), data.path, [library.path]);
  const all: Device[] = [];
  try {
    await agent.start();
    for (let d = 0; d < devices; d++) all.push(await newDevice(browser, agent, `Device ${d + 1}`));
    const first = all[0] as Device;
    // The books, as the catalog lists them (once it has them all).
    let books: string[] = [];
    for (const started = Date.now(); books.length < BOOKS;) {
      const listed = await agentJson<{ rows: { id: string }[] }>(
        agent,
        first,
        `/db/catalog/_all_docs?startkey=${encodeURIComponent('"book:"')}&endkey=${encodeURIComponent('"book:\ufff0"')}`,
      );
      books = listed.rows.map((r) => r.id);
      if (Date.now() - started > 60_000) throw new Error('The agent did not catalog the books.');
      if (books.length < BOOKS) await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const library0 = books[0]?.split(':')[1] ?? '';
    // Each device opens the app until it works offline, then goes offline.
    let offlineSince = Date.now();
    for (const device of all) {
      await device.page.goto(`${agent.url}/book/${books[0]}/metadata`);
      await device.page
        .locator('[data-testid=sync-status][data-offline-ready=true][data-state=live]')
        .waitFor({ timeout: 120_000 });
      await device.context.setOffline(true);
      offlineSince = Date.now();
    }
    const visible: number[] = [];
    const perBook = Math.ceil(edits / BOOKS);
    const started = Date.now();
    let done = 0;
    await Promise.all(
      all.map(async (device) => {
        let made = 0;
        for (let b = 0; b < BOOKS && made < edits; b++) {
          await device.page.goto(`${agent.url}/book/${books[b]}/metadata`);
          await device.page.getByTestId('field-title').getByTestId('field-value').waitFor();
          for (let k = 0; k < perBook && made < edits; k++, made++) {
            const field = FIELDS[k % FIELDS.length] as string;
            const value = `${device.name} ${field} ${b}.${k}`;
            visible.push(
              await device.page.evaluate(
                ([f, v]) =>
                  (
                    window as unknown as { __benchEdit(f: string, v: string): Promise<number> }
                  ).__benchEdit(f as string, v as string),
                [field, value],
              ),
            );
            progress(`${devices} devices editing offline`, ++done, devices * edits, started);
          }
        }
      }),
    );
    const written = new Set((await Promise.all(all.map((d) => editIds(d.page)))).flat());
    const away = offlineSince + offlineS * 1000 - Date.now();
    if (away > 0) await new Promise((r) => setTimeout(r, away));

    // Everyone back online at once: how long until every device and the agent agree.
    const reconnected = Date.now();
    for (const device of all) await device.context.setOffline(false);
    const userId = (await agentJson<{ user: { id: string } | null }>(agent, first, '/api/session'))
      .user?.id;
    const userDb = `/db/user-${userId}`;
    let convergedS: number | undefined;
    let agentHadAllS: number | undefined;
    let devicesHadAllS: number | undefined;
    const since = () => (Date.now() - reconnected) / 1000;
    let held = 0;
    while (Date.now() - reconnected < CONVERGE_TIMEOUT_MS) {
      const onAgent = await agentJson<{ rows: { doc: FieldEdit }[] }>(
        agent,
        first,
        `${userDb}/_all_docs?include_docs=true&startkey=${encodeURIComponent('"field-edit:"')}&endkey=${encodeURIComponent('"field-edit:\ufff0"')}`,
      );
      const agentIds = new Set(onAgent.rows.map((r) => r.doc._id));
      held = [...written].filter((id) => agentIds.has(id)).length;
      const onDevices = await Promise.all(all.map((d) => editIds(d.page)));
      if (held === written.size) agentHadAllS ??= since();
      if (onDevices.every((ids) => ids.length === written.size)) devicesHadAllS ??= since();
      const everywhere = agentHadAllS !== undefined && devicesHadAllS !== undefined;
      const edits = onAgent.rows.map((r) => r.doc);
      if (everywhere && (await applied(agent, first, library0, edits))) {
        convergedS = since();
        break;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return { visible, written, held, convergedS, agentHadAllS, devicesHadAllS };
  } finally {
    for (const device of all) await device.context.close();
    await agent.stop();
    data.remove();
    library.remove();
  }
}

/** Whether the catalog holds every field's settled value, and the history every edit. */
async function applied(
  agent: AgentProcess,
  device: Device,
  library: string,
  edits: readonly FieldEdit[],
): Promise<boolean> {
  const outcomes = [...resolveFieldEdits(edits).values()];
  const books = new Set(outcomes.map((o) => o.book));
  for (const book of books) {
    const short = book.split(':').at(-1) ?? '';
    const doc = await agentJson<{ fields: Record<string, unknown> }>(
      agent,
      device,
      `/db/catalog/${encodeURIComponent(`edit:${library}:${short}`)}`,
    ).catch(() => undefined);
    if (!doc) return false;
    for (const outcome of outcomes.filter((o) => o.book === book)) {
      const want = outcome.winner.action === 'set' ? outcome.winner.value : undefined;
      if (JSON.stringify(doc.fields[outcome.field]) !== JSON.stringify(want)) return false;
    }
    const history = await agentJson<unknown[]>(agent, device, `/api/books/${short}/history`);
    if (history.length !== edits.filter((e) => e.book === book).length) return false;
  }
  return true;
}

/**
 * Offline metadata edits converging (issue #18): two, then three Chromium
 * devices of one admin each make N edits offline through the metadata page
 * on the same books (titles overlap on every device), stay offline at
 * least --offline seconds (65: past the replication's longest back-off),
 * then reconnect together. Reports how soon an edit shows on its device, how many edits
 * never reached the agent, and how long until every device holds every
 * edit and the agent has applied the settled values and recorded each edit.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      edits: { type: 'string', default: '100' },
      devices: { type: 'string', default: '2,3' },
      offline: { type: 'string', default: String(OFFLINE_S) },
    },
  });
  const edits = Number(values.edits);
  const offlineS = Number(values.offline);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    for (const devices of values.devices.split(',').map(Number)) {
      const result = await scenario(browser, devices, edits, offlineS);
      const extra = { devices, edits_per_device: edits, books: BOOKS, offline_s: offlineS };
      report('converge', 'edit_visible_p50_ms', percentile(result.visible, 50), {
        ...extra,
        p95_ms: Math.round(percentile(result.visible, 95)),
      });
      report('converge', 'lost_writes', result.written.size - result.held, {
        ...extra,
        written: result.written.size,
      });
      report('converge', 'converged_s', result.convergedS ?? Number.NaN, {
        ...extra,
        agent_had_all_s: result.agentHadAllS,
        devices_had_all_s: result.devicesHadAllS,
        ...(result.convergedS === undefined && { timed_out_s: CONVERGE_TIMEOUT_MS / 1000 }),
      });
    }
  } finally {
    await browser.close();
  }
}
