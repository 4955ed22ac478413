import { describe, expect, it } from 'vitest';
import {
  manualShelfDoc,
  MAX_SHELF_BOOKS,
  readShelfDoc,
  shelfNameProblem,
  smartShelfDoc,
} from './shelf-doc';
import { readUserDoc, userDocKind } from './user-documents';
import { withBook, withBookMoved, withDetails, withoutBook } from '../shelves/shelf-edits';

const at = new Date('2026-03-01T12:00:00Z');
const later = { device: 'tablet', at: new Date('2026-03-02T08:00:00Z') };
const manual = manualShelfDoc(
  { key: 'a1b2c3d4e5', name: '  Summer   reading ', device: 'd1', at },
  ['book:lib:b1', 'book:lib:b2'],
);
const smart = smartShelfDoc({ key: 'f6g7h8j9k0', name: 'Zola', device: 'd1', at }, 'author:zola');

function reasonOf(doc: unknown): string {
  const reading = readUserDoc(doc);
  if (reading.kind !== 'invalid') throw new Error(`read as ${reading.kind}`);
  return reading.reason;
}

describe('shelf documents', () => {
  it('reads what the constructors write, the name tidied', () => {
    expect(manual.name).toBe('Summer reading');
    for (const doc of [manual, smart])
      expect(readUserDoc(JSON.parse(JSON.stringify(doc)))).toEqual({ kind: 'read', doc });
    expect(userDocKind(manual._id)?.maxDocs).toBe(500);
  });

  it('says what is wrong with an invalid one', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...manual, name: 'x'.repeat(101) }, /name: A shelf name may be at most 100/],
      [{ ...manual, name: '' }, /name: A shelf needs a name/],
      [{ ...manual, name: ' padded' }, /name: The name must have no spaces/],
      [
        { ...manual, books: ['book:lib:b1', 'book:lib:b1'] },
        /books: A book is on a shelf only once/,
      ],
      [{ ...manual, books: ['series:dune'] }, /books\.0: Each book must be a book id/],
      [
        { ...manual, books: Array.from({ length: MAX_SHELF_BOOKS + 1 }, (_, i) => `book:l:${i}`) },
        /books: A shelf holds at most 10000 books/,
      ],
      [{ ...smart, query: 'x'.repeat(1001) }, /query: A smart shelf's search may be at most 1000/],
      [{ ...smart, query: '   ' }, /query: A smart shelf needs a search/],
      [{ ...smart, books: [] }, /unrecognized key|books/i],
      [{ ...manual, _id: 'shelf:NOPE' }, /_id: The id must be shelf:/],
      [{ ...manual, kind: 'pile' }, /kind/],
      [{ ...manual, owner: 'omar' }, /owner|unrecognized/i],
      [{ ...manual, description: 'd'.repeat(1001) }, /description/],
    ];
    for (const [doc, reason] of cases) expect(reasonOf(doc)).toMatch(reason);
  });

  it('takes exactly 10,000 books, and a query of 1,000 characters', () => {
    const full = {
      ...manual,
      books: Array.from({ length: MAX_SHELF_BOOKS }, (_, i) => `book:lib:${i}`),
    };
    expect(readShelfDoc(full)).toBeDefined();
    expect(readShelfDoc({ ...smart, query: 'x'.repeat(1000) })).toBeDefined();
  });

  it('tells a name that will not do', () => {
    expect(shelfNameProblem('   ')).toMatch(/Give the shelf a name/);
    expect(shelfNameProblem('y'.repeat(101))).toMatch(
      /at most 100 characters \(this one has 101\)/,
    );
    expect(shelfNameProblem(' Fine ')).toBeUndefined();
  });
});

describe('changing a shelf', () => {
  it('adds a book once, at the end, and removes it', () => {
    const added = withBook(manual, 'book:lib:b3', later);
    expect(added.books).toEqual(['book:lib:b1', 'book:lib:b2', 'book:lib:b3']);
    expect(added.device).toBe('tablet');
    expect(added.updatedAt).toBe(later.at.toISOString());
    expect(withBook(added, 'book:lib:b1', later)).toBe(added);
    expect(withoutBook(added, 'book:lib:b2', later).books).toEqual(['book:lib:b1', 'book:lib:b3']);
  });

  it('moves a book up or down, held at the ends', () => {
    const three = withBook(manual, 'book:lib:b3', later);
    expect(withBookMoved(three, 'book:lib:b3', -1, later).books).toEqual([
      'book:lib:b1',
      'book:lib:b3',
      'book:lib:b2',
    ]);
    expect(withBookMoved(three, 'book:lib:b1', -1, later)).toBe(three);
    expect(withBookMoved(three, 'book:lib:b1', 5, later).books.at(-1)).toBe('book:lib:b1');
  });

  it('renames, and drops an emptied description', () => {
    const described = withDetails(manual, { name: 'Beach', description: 'for August' }, later);
    expect(described).toMatchObject({ name: 'Beach', description: 'for August' });
    const plain = withDetails(described, { name: 'Beach', description: ' ' }, later);
    expect('description' in plain).toBe(false);
    expect(readShelfDoc(plain)).toEqual(plain);
    const searched = withDetails(smart, { name: 'Zola', query: ' author:zola nana ' }, later);
    expect(searched).toMatchObject({ kind: 'smart', query: 'author:zola nana' });
    expect('query' in withDetails(manual, { name: 'M', query: 'x' }, later)).toBe(false);
  });

  it('refuses a book past the most a shelf holds', () => {
    const full = {
      ...manual,
      books: Array.from({ length: MAX_SHELF_BOOKS }, (_, i) => `book:lib:${i}`),
    };
    expect(() => withBook(full, 'book:lib:one-more', later)).toThrow(/make another shelf/);
  });
});
