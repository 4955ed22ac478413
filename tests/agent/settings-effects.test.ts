import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { ScanSchedule } from '../../agent/scan/scan-schedule';
import { makeCbz } from '../support/make-comic';
import { makeEpub } from '../support/make-epub';
import { makePdf } from '../support/make-pdf';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

async function paths(agent: TestAgent): Promise<string[]> {
  const all = await agent.agent.ctx.catalog.db.allDocs({
    include_docs: true,
    startkey: 'book:',
    endkey: 'book:\uffff',
  });
  return all.rows
    .map((row) => readBookDoc(row.doc))
    .filter((doc): doc is BookDoc => doc !== undefined)
    .map((doc) => doc.path)
    .sort();
}

describe('settings that change what a scan catalogs', () => {
  const data = tempDir('settings-effects-data');
  const library = tempDir('settings-effects-library');
  let agent: TestAgent;

  beforeAll(async () => {
    writeFileSync(join(library.path, 'novel.epub'), await makeEpub({ title: 'A Novel' }));
    writeFileSync(join(library.path, 'paper.pdf'), makePdf({ title: 'A Paper' }));
    writeFileSync(join(library.path, 'issue.cbz'), await makeCbz({ pages: 2, title: 'Issue' }));
    agent = await startTestAgent(data.path, [library.path]);
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('"Formats to catalog" with only EPUB leaves the PDF and the comic out, and says so', async () => {
    agent.agent.settings.set('enabledFormats', ['epub']);
    const job = await agent.scan();
    expect(await paths(agent)).toEqual(['novel.epub']);
    const notice = agent.agent.oplog
      .list({ jobId: job.id })
      .find((op) => op.kind === 'scan.formats');
    expect(notice?.message).toContain('PDF');
    expect(notice?.message).toContain('CBZ');
  });

  it('a library of books only leaves comics out even when their format is enabled', async () => {
    agent.agent.settings.set('enabledFormats', ['epub', 'pdf', 'cbz']);
    agent.agent.settings.set('contentTypes', ['books']);
    await agent.scan();
    expect(await paths(agent)).toEqual(['novel.epub', 'paper.pdf']);
  });

  it('turning comics on adds them; turning a format off keeps what was cataloged', async () => {
    agent.agent.settings.set('contentTypes', ['books', 'comics']);
    await agent.scan();
    expect(await paths(agent)).toEqual(['issue.cbz', 'novel.epub', 'paper.pdf']);

    agent.agent.settings.set('enabledFormats', ['epub']);
    const job = await agent.scan();
    // The PDF and the comic are still on disk: not missing, not removed, just not added anew.
    expect(await paths(agent)).toEqual(['issue.cbz', 'novel.epub', 'paper.pdf']);
    expect(job.result).toMatchObject({ missing: 0 });
  });
});

describe('"Scan automatically every N hours"', () => {
  const data = tempDir('schedule-data');
  const library = tempDir('schedule-library');
  let agent: TestAgent;
  let now = 0;
  let schedule: ScanSchedule;

  beforeAll(async () => {
    writeFileSync(join(library.path, 'novel.epub'), await makeEpub({ title: 'A Novel' }));
    agent = await startTestAgent(data.path, [library.path]);
    const { agent: a } = agent;
    // The agent's own wiring, with a clock the test moves.
    schedule = new ScanSchedule({
      intervalHours: () => a.settings.get('scanIntervalHours'),
      lastScanStarted: () => a.runner.store.lastStarted('scan'),
      hasFolders: () => true,
      scan: () => a.scan(),
      now: () => now,
    });
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('scans nothing on its own at 0 (the default)', async () => {
    await agent.scan();
    now = Date.now() + 1000 * 3_600_000;
    expect(schedule.nextDue()).toBeUndefined();
    expect(schedule.check()).toBeUndefined();
  });

  it('scans when N hours have passed since the last scan started, and not before', async () => {
    agent.agent.settings.set('scanIntervalHours', 6);
    const lastStarted = agent.agent.runner.store.lastStarted('scan') ?? 0;
    expect(schedule.nextDue()).toBe(lastStarted + 6 * 3_600_000);

    now = lastStarted + 6 * 3_600_000 - 60_000;
    expect(schedule.check()).toBeUndefined();

    now = lastStarted + 6 * 3_600_000;
    const queued = schedule.check();
    expect(queued?.kind).toBe('scan');
    await expect.poll(() => agent.agent.runner.store.get(queued?.id ?? 0)?.state).toBe('done');
    // The next one counts from this scan's start: no second scan at the same due time.
    const started = agent.agent.runner.store.lastStarted('scan') ?? 0;
    expect(started).toBeGreaterThan(lastStarted);
    expect(schedule.nextDue()).toBe(started + 6 * 3_600_000);
    expect(schedule.check()).toBeUndefined();
  });

  it('a changed interval counts from the last scan, without a restart', () => {
    const lastStarted = agent.agent.runner.store.lastStarted('scan') ?? 0;
    agent.agent.settings.set('scanIntervalHours', 48);
    expect(schedule.nextDue()).toBe(lastStarted + 48 * 3_600_000);
    // The agent's own schedule (started by `serve`) reads the same.
    expect(agent.agent.schedule.nextDue()).toBe(lastStarted + 48 * 3_600_000);
  });
});
