import { describe, expect, it } from 'vitest';
import { jobName, jobOutcome, jobStateWord } from './job-words';

const job = (kind: string, result: Record<string, unknown>, payload = {}) => ({
  kind,
  state: 'done' as const,
  payload,
  result,
  attempts: 0,
});

describe('jobOutcome', () => {
  it('says what a scan found, in words, leaving out what did not happen', () => {
    expect(
      jobOutcome(
        job('scan', {
          seen: 59,
          unchanged: 0,
          read: 54,
          failed: 5,
          moved: 0,
          missing: 0,
          bytesRead: 27263301,
        }),
      ),
    ).toBe('59 files looked at: 54 read and 5 could not be read.');
    expect(
      jobOutcome(job('scan', { seen: 1, unchanged: 1, read: 0, failed: 0, moved: 0, missing: 2 })),
    ).toBe('1 file looked at: 1 unchanged and 2 files no longer found.');
  });

  it('says what a rename did, never its result keys', () => {
    const text = jobOutcome(
      job('rename', {
        batch: 'b',
        stopped: false,
        moved: 45,
        failed: 0,
        planned: 0,
        foldersRemoved: 38,
      }),
    );
    expect(text).toBe('45 files renamed and 38 empty folders removed.');
    expect(text).not.toMatch(/foldersRemoved|stopped|false/);
    expect(
      jobOutcome(
        job(
          'rename',
          { batch: 'b', stopped: true, moved: 1, failed: 2, planned: 3, foldersRemoved: 0 },
          { action: 'undo' },
        ),
      ),
    ).toBe(
      '1 file put back under its old name, 2 files could not be moved (see the log) and stopped with 3 files still to do.',
    );
    expect(jobOutcome(job('rename', { batch: 'b', started: false }))).toBe(
      'Stopped before any file was renamed.',
    );
  });

  it('says what covers, lookups, KOReader ids and Calibre imports came to', () => {
    expect(jobOutcome(job('covers', { done: 37, failed: 1 }))).toBe(
      '37 covers made; 1 could not be made from the file.',
    );
    expect(jobOutcome(job('covers', { done: 0, failed: 0 }))).toBe(
      'Every book already had its cover.',
    );
    expect(
      jobOutcome(
        job('lookup', {
          books: 2,
          asked: 2,
          applied: 1,
          suggestions: 1,
          covers: 0,
          skipped: 0,
          failed: 0,
        }),
      ),
    ).toBe('2 books looked up: 1 matched and updated and 1 suggestion to review.');
    expect(jobOutcome(job('kosync-digests', { done: 3, skipped: 0 }))).toBe(
      'KOReader ids taken for 3 files.',
    );
    expect(
      jobOutcome(job('calibre-import', { books: 12, imported: 11, covers: 4, notImported: 1 })),
    ).toBe('11 of 12 books imported, 4 covers and 1 came with no file.');
  });

  it('says a job was stopped, failed, or waits to try again', () => {
    expect(jobOutcome(job('covers', { done: 2, failed: 0, interrupted: true }))).toBe(
      'Stopped before the end. 2 covers made.',
    );
    expect(jobOutcome({ ...job('scan', {}), state: 'failed', error: 'The folder is gone.' })).toBe(
      'The folder is gone.',
    );
    expect(
      jobOutcome({
        ...job('lookup', {}),
        state: 'queued',
        attempts: 1,
        maxAttempts: 3,
        error: 'Open Library did not answer.',
      }),
    ).toBe('Trying again (attempt 2 of 3) after: Open Library did not answer.');
  });

  it('names unknown kinds and numbers in words', () => {
    expect(jobOutcome(job('future-thing', { booksTouched: 3, flag: true }))).toBe(
      'books touched: 3.',
    );
    expect(jobName({ kind: 'future-thing', payload: {} })).toBe('future thing');
  });
});

describe('jobName and jobStateWord', () => {
  it('names each kind and state as a person would', () => {
    expect(jobName({ kind: 'scan', payload: {} })).toBe('Library scan');
    expect(jobName({ kind: 'rename', payload: { action: 'undo' } })).toBe('Undo of a rename');
    expect(jobStateWord('queued')).toBe('Waiting');
    expect(jobStateWord('done')).toBe('Finished');
  });
});
