import { describe, expect, it } from 'vitest';
import type { Job } from '../api/jobs';
import { JobEndings, jobNotice } from './job-notices';

const job = (id: number, kind: string, state: Job['state'], result?: Job['result']): Job => ({
  id,
  kind,
  payload: {},
  state,
  pauses: 0,
  priority: 0,
  attempts: 0,
  maxAttempts: 3,
  runAfter: '2026-12-07T10:00:00Z',
  createdAt: '2026-12-07T10:00:00Z',
  cancelRequested: false,
  result,
  error: state === 'failed' ? 'The folder /books cannot be read.' : undefined,
});

const scanned = { seen: 3, unchanged: 0, read: 3, failed: 0, moved: 0, missing: 0 };

describe('JobEndings', () => {
  it('tells of a job it saw running once it has ended, and only once', () => {
    const endings = new JobEndings();
    expect(endings.next([job(1, 'scan', 'running')])).toEqual([]);
    expect(endings.next([job(1, 'scan', 'done', scanned)])).toEqual([
      {
        id: 1,
        title: 'Library scan finished',
        text: '3 files looked at: 3 read.',
        failed: false,
      },
    ]);
    expect(endings.next([job(1, 'scan', 'done', scanned)])).toEqual([]);
  });

  it('never replays jobs that had ended before it started watching', () => {
    const endings = new JobEndings();
    expect(
      endings.next([job(1, 'rename', 'done', { moved: 2 }), job(2, 'scan', 'failed')]),
    ).toEqual([]);
  });

  it('says why a job failed', () => {
    const endings = new JobEndings();
    endings.next([job(4, 'lookup', 'queued')]);
    const [notice] = endings.next([job(4, 'lookup', 'failed')]);
    expect(notice).toMatchObject({
      title: 'Metadata lookup failed',
      text: 'The folder /books cannot be read.',
      failed: true,
    });
  });
});

describe('jobNotice', () => {
  it('keeps quiet about a watched folder rescanned with every file unchanged', () => {
    const unchanged = { seen: 40, unchanged: 40, read: 0, failed: 0, moved: 0, missing: 0 };
    expect(jobNotice(job(1, 'scan', 'done', unchanged))).toBeUndefined();
    expect(jobNotice(job(1, 'scan', 'done', { ...unchanged, missing: 1 }))?.title).toBe(
      'Library scan finished',
    );
  });

  it('leaves follow-up work (covers, KOReader ids) to the Jobs page', () => {
    expect(jobNotice(job(1, 'covers', 'done', { done: 3, failed: 0 }))).toBeUndefined();
    expect(jobNotice(job(1, 'calibre-import', 'cancelled'))?.title).toBe(
      'Calibre import was cancelled',
    );
  });
});

describe('library care notices', () => {
  const report = {
    checkedAt: '2026-12-07T10:00:00Z',
    missingBooks: 1,
    unknownFiles: { count: 2, sample: [] },
    unreadableFolders: [],
    orphanCovers: { count: 0, bytes: 0 },
    openJournal: [],
    notInCatalog: { count: 0, sample: [] },
    notInIndex: { count: 1, sample: ['Stray'] },
  };

  it('says how many things a library check found', () => {
    expect(jobNotice(job(7, 'doctor', 'done', { report, found: 3 }))).toMatchObject({
      title: 'Library check found 3 things',
      failed: false,
    });
    expect(jobNotice(job(7, 'doctor', 'done', { report, found: 3 }))?.text).toMatch(
      /^Found 3 things to look at: 1 book has lost its file/,
    );
    const healthy = {
      ...report,
      missingBooks: 0,
      unknownFiles: { count: 0, sample: [] },
      notInIndex: { count: 0, sample: [] },
    };
    expect(jobNotice(job(8, 'doctor', 'done', { report: healthy, found: 0 }))).toMatchObject({
      title: 'Library check found nothing wrong',
      text: 'Nothing is wrong: the catalog, the files and the data folder agree.',
    });
  });

  it('says where a backup went and how big it is', () => {
    const folder = '/mnt/backup/colophon-backup-2026-12-07-100000';
    expect(
      jobNotice(job(9, 'backup', 'done', { folder, bytes: 12.4 * 1024 * 1024, removed: 1 })),
    ).toEqual({
      id: 9,
      title: 'Backup finished',
      text: `Backed up to ${folder} (12.4 MB); 1 older backup removed, beyond the number kept.`,
      failed: false,
    });
  });
});
