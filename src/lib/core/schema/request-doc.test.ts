import { describe, expect, it } from 'vitest';
import { MAX_RENUMBER_BOOKS, readRequestDoc, requestDoc, type RequestBody } from './request-doc';
import { readUserDoc, userDocKind } from './user-documents';

const origin = {
  at: new Date('2026-03-01T12:00:00Z'),
  device: 'tablet-1',
  deviceName: 'Tablet',
  random: 'abc123',
};

const bodies: RequestBody[] = [
  { action: 'cover', book: 'book:lib:b1', cover: 'cover:lib:b1:upload:1' },
  { action: 'cover', book: 'book:lib:b1', cover: null },
  { action: 'series-rename', from: 'Dune', into: 'Dune Chronicles' },
  { action: 'series-merge', from: 'Dune Chronicle', into: 'Dune Chronicles' },
  {
    action: 'series-renumber',
    series: 'Dune',
    books: [{ book: 'book:lib:b1', position: { name: 'Dune', kind: 'series', number: 2 } }],
  },
  { action: 'lookup', book: 'book:lib:b1' },
];

describe('a request of the agent, written on a device', () => {
  it('reads back every action as written, as a user database document', () => {
    for (const body of bodies) {
      const doc = requestDoc(body, origin);
      expect(doc._id).toMatch(/^request:[0-9a-z]{10}:tablet-1:abc123$/);
      expect(readRequestDoc(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
      expect(readUserDoc(doc)).toEqual({ kind: 'read', doc });
    }
    expect(userDocKind('request:x')?.what).toBe('a request of the agent');
  });

  it('sorts its ids by time', () => {
    const early = requestDoc(bodies[0] as RequestBody, origin);
    const late = requestDoc(bodies[0] as RequestBody, {
      ...origin,
      at: new Date('2026-03-02T00:00:00Z'),
    });
    expect(early._id < late._id).toBe(true);
  });

  it('says what is wrong with an invalid one', () => {
    const cover = requestDoc(bodies[0] as RequestBody, origin);
    const renumber = requestDoc(bodies[4] as RequestBody, origin);
    const cases: [unknown, RegExp][] = [
      [{ ...cover, action: 'delete-book' }, /action/],
      [{ ...cover, cover: 'my-picture.jpg' }, /cover id/],
      [{ ...cover, book: 'dune' }, /book id/],
      [{ ...cover, extra: 'bulk data' }, /extra|Unrecognized/],
      [{ ...cover, _id: 'request:now' }, /request:<time>:<device>:<random>/],
      [{ ...requestDoc(bodies[2] as RequestBody, origin), into: '   ' }, /Name the series/],
      [
        {
          ...renumber,
          books: Array.from({ length: MAX_RENUMBER_BOOKS + 1 }, () => ({ book: 'book:lib:b1' })),
        },
        /books/,
      ],
    ];
    for (const [doc, reason] of cases) {
      const reading = readUserDoc(doc);
      expect(reading.kind).toBe('invalid');
      if (reading.kind === 'invalid') expect(reading.reason).toMatch(reason);
    }
  });
});
