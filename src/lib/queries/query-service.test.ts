import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { candidate } from '#core/metadata/types';
import type { BookDoc } from '#core/schema/book-doc';
import { applyChanges, type Change } from '$lib/db/materialise';
import { ReadModel } from '$lib/db/read-model';
import { ReadingModel } from '$lib/db/reading-model';
import { QueryService, saveDelayMs } from './query-service';

function bookDoc(n: number, formatOf?: string): BookDoc {
  return {
    _id: `book:lib:${String(n).padStart(5, '0')}`,
    type: 'book',
    v: 1,
    library: 'lib',
    folder: 'f1',
    path: `${n}.epub`,
    format: 'epub',
    size: 10,
    mtimeMs: 1,
    addedAt: '2026-01-01T00:00:00.000Z',
    scannedAt: '2026-01-01T00:00:00.000Z',
    status: 'ok',
    ...(formatOf ? { formatOf } : {}),
    extraction: {
      format: 'epub',
      candidates: [candidate('title', `Volume ${n}`, 'embedded:opf', 0.8)],
      flags: {},
      warnings: [],
    },
  };
}

const change = (doc: BookDoc, seq: number): Change => ({
  id: doc._id,
  seq,
  changes: [{ rev: '1-x' }],
  doc: doc as never,
});

describe('the query service starting on a read model', () => {
  const models: { delete(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(models.splice(0).map((m) => m.delete()));
  });

  it('indexes every listed book, read a page at a time, and answers the last page too', async () => {
    const model = new ReadModel(`query-service-${Math.random()}`);
    const reading = new ReadingModel(`query-service-reading-${Math.random()}`);
    models.push(model, reading);
    // More than two pages of the start's reads, and a second format that is not listed.
    const docs = Array.from({ length: 4_501 }, (_, i) => bookDoc(i));
    docs.push(bookDoc(9_999, 'book:lib:00007'));
    await applyChanges(
      model,
      docs.map((doc, i) => change(doc, i + 1)),
      docs.length,
    );

    const service = new QueryService(model, reading);
    expect(await service.start()).toEqual({ books: 4_501, restored: false });
    const last = service.query({ text: 'title:"Volume 4500"', limit: 5 });
    expect(last.ids).toEqual(['book:lib:04500']);
    expect(service.query({ limit: 1 }).total).toBe(4_501);
  });

  it('waits longer before saving the index again the longer a save takes', () => {
    expect(saveDelayMs(0)).toBe(2000);
    expect(saveDelayMs(300)).toBe(2000);
    expect(saveDelayMs(4000)).toBe(20_000);
  });

  it("counts a format's reading as its main book's, and follows grouping and splitting", async () => {
    const model = new ReadModel(`query-service-${Math.random()}`);
    const reading = new ReadingModel(`query-service-reading-${Math.random()}`);
    models.push(model, reading);
    const main = bookDoc(1);
    const pdf = { ...bookDoc(2, main._id), format: 'pdf' as const };
    await applyChanges(model, [change(main, 1), change(pdf, 2)], 2);
    await reading.states.bulkPut([
      { book: pdf._id, status: 'reading', activeAt: '2026-12-01T10:00:00.000Z' },
      { book: main._id, status: 'unread', activeAt: '' },
    ]);
    const service = new QueryService(model, reading);
    await service.start();
    const readingNow = () => service.query({ text: 'status:reading' }).ids;
    expect(readingNow()).toEqual([main._id]);

    // Split again: the PDF is a book of its own, and its reading with it.
    const { formatOf: _, ...alone } = pdf;
    await applyChanges(model, [change(alone as BookDoc, 3)], 3);
    await service.update([pdf._id]);
    expect(readingNow()).toEqual([pdf._id]);

    // Grouped again, then finished as the EPUB later: the book is finished.
    await applyChanges(model, [change(pdf, 4)], 4);
    await service.update([pdf._id]);
    expect(readingNow()).toEqual([main._id]);
    await reading.states.put({
      book: main._id,
      status: 'finished',
      activeAt: '2026-12-02T10:00:00.000Z',
    });
    await service.updateReading({ reset: false, books: [main._id] });
    expect(readingNow()).toEqual([]);
    expect(service.query({ text: 'status:finished' }).ids).toEqual([main._id]);
  });
});
