import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressDocId, readProgressDoc } from '#core/schema/progress-doc';
import type { ReaderLocation } from '$lib/reader/reader-types';
import { PositionRecorder } from './position-recorder';
import { readStatus, writeStatus } from '#core/reading/status-revisions';

PouchDB.plugin(memoryAdapter);

const BOOK = 'book:lib:b1';
const at = (percentage: number, atEnd = false): ReaderLocation => ({
  locator: `page:${Math.round(percentage * 100)}`,
  percentage,
  label: '',
  atEnd,
});

describe('recording where the reader is', () => {
  let db: PouchDB.Database;
  let recorder: PositionRecorder;
  const errors: unknown[] = [];

  beforeEach(() => {
    vi.useFakeTimers({
      now: Date.parse('2026-01-01T10:00:00Z'),
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
    });
    db = new PouchDB(`recorder-${Math.random()}`, { adapter: 'memory' });
    recorder = new PositionRecorder({
      db: () => db,
      device: () => ({ id: 'd1', name: 'Chrome on Linux' }),
      onError: (error) => errors.push(error),
    });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await db.destroy();
    expect(errors).toEqual([]);
  });

  const position = async () =>
    readProgressDoc(await db.get(progressDocId(BOOK, 'd1')).catch(() => undefined));
  const status = async () => (await readStatus(db, BOOK)).settled?.status;

  it('writes the first location at once, then at most once per 3 s, the latest one', async () => {
    recorder.record(BOOK, at(0.1));
    await recorder.flush();
    expect(await position()).toMatchObject({ percentage: 0.1, deviceName: 'Chrome on Linux' });
    // The first location of an unread book starts it.
    expect(await status()).toBe('reading');
    recorder.record(BOOK, at(0.11));
    recorder.record(BOOK, at(0.12));
    await vi.advanceTimersByTimeAsync(1000);
    expect((await position())?.percentage).toBe(0.1);
    await vi.advanceTimersByTimeAsync(2100);
    await vi.waitFor(async () => expect((await position())?.percentage).toBe(0.12));
  });

  it('writes what is pending when flushed (the page is hidden)', async () => {
    recorder.record(BOOK, at(0.1));
    recorder.record(BOOK, at(0.3));
    await recorder.flush();
    expect((await position())?.percentage).toBe(0.3);
  });

  it('finishes the book at its end at once, and leaves a finished book finished', async () => {
    recorder.record(BOOK, at(0.5));
    recorder.record(BOOK, at(1, true));
    await recorder.flush();
    expect(await status()).toBe('finished');
    expect((await position())?.percentage).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    recorder.record(BOOK, at(0.2));
    await recorder.flush();
    expect(await status()).toBe('finished');
  });

  it('starts again a book set back to unread by hand', async () => {
    await writeStatus(db, BOOK, 'unread', 'd2', new Date());
    recorder.record(BOOK, at(0.4));
    await recorder.flush();
    expect(await status()).toBe('reading');
  });
});
