import { describe, expect, it } from 'vitest';
import { bookOfProgressId, progressDoc } from './progress-doc';
import { bookOfStatusId, readingStatusDoc } from './reading-status-doc';
import { readUserDoc } from './user-documents';

const at = new Date('2026-03-01T12:00:00Z');
const position = progressDoc({
  book: 'book:lib:b1',
  locator: 'epubcfi(/6/4!/4/2)',
  percentage: 0.42,
  device: 'd1',
  deviceName: 'Firefox on Linux',
  at,
});
const status = readingStatusDoc('book:lib:b1', 'reading', 'd1', at);

describe('reading the documents of a user database', () => {
  it('reads what the constructors write', () => {
    for (const doc of [position, status])
      expect(readUserDoc(JSON.parse(JSON.stringify(doc)))).toEqual({ kind: 'read', doc });
  });

  it('says what is wrong with an invalid one', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...position, percentage: 1.5 }, /percentage/],
      [{ ...position, _id: 'progress:book:lib:b1:other' }, /progress:<book>:<device>/],
      [{ ...position, device: 'a:b', _id: 'progress:book:lib:b1:a:b' }, /device/],
      [{ ...status, status: 'abandoned' }, /status/],
      [{ ...status, setAt: 'yesterday' }, /setAt/],
      [{ _id: 'reading-status:book:lib:b1', type: 'progress', v: 1 }, /type/],
    ];
    for (const [doc, reason] of cases) {
      const reading = readUserDoc(doc);
      expect(reading.kind).toBe('invalid');
      if (reading.kind === 'invalid') expect(reading.reason).toMatch(reason);
    }
  });

  it('keeps a newer one apart, and knows no other kind', () => {
    expect(readUserDoc({ ...status, v: 2 })).toEqual({ kind: 'newer', what: 'a reading status' });
    expect(readUserDoc({ _id: 'note', text: 'hi' })).toEqual({ kind: 'unknown' });
    expect(readUserDoc(null)).toEqual({ kind: 'unknown' });
  });
});

describe('the book a user document is about', () => {
  it('is read back from the id, colons in the book id and all', () => {
    expect(bookOfProgressId(position._id)).toBe('book:lib:b1');
    expect(bookOfStatusId(status._id)).toBe('book:lib:b1');
  });
});
