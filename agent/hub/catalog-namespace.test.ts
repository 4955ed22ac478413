import { describe, expect, it } from 'vitest';
import { bookDoc } from '#core/schema/book-doc';
import { hubCatalogRefusal, isOwnCatalogDoc } from './catalog-namespace';
import { hubUserDbName } from './hub-names';

const book = (library: string, id = 'b1') =>
  bookDoc({
    library,
    bookId: id,
    folderId: 'f1',
    path: `${id}.epub`,
    format: 'epub',
    size: 10,
    mtimeMs: 1,
    addedAt: 0,
    scannedAt: 0,
    status: 'ok',
  }) as unknown as Record<string, unknown>;

describe('what an agent takes from the hub catalog', () => {
  const cases: [string, Record<string, unknown>, RegExp | undefined][] = [
    ["another agent's valid book", book('other'), undefined],
    ["another agent's deletion", { _id: 'book:other:b9', _deleted: true }, undefined],
    ['a book in this agent’s namespace', book('mine'), /own namespace/],
    ['a design document', { _id: '_design/x', views: {} }, /not a catalog document/],
    ['the schema mark', { _id: 'colophon:schema', type: 'schema' }, /not a catalog document/],
    ['an unknown kind', { _id: 'note:other:1', type: 'note' }, /not a catalog document/],
    ['a type its id contradicts', { ...book('other'), type: 'folder' }, /its id says otherwise/],
    ['an invalid book', { _id: 'book:other:b2', type: 'book', v: 1 }, /not a valid book/],
  ];
  for (const [what, doc, refusal] of cases) {
    it(`${refusal ? 'refuses' : 'takes'} ${what}`, () => {
      const found = hubCatalogRefusal(doc, 'mine');
      if (refusal) expect(found).toMatch(refusal);
      else expect(found).toBeUndefined();
    });
  }

  it('sends only its own namespace', () => {
    expect(isOwnCatalogDoc('book:mine:b1', 'mine')).toBe(true);
    expect(isOwnCatalogDoc('cover:mine:b1:openlibrary', 'mine')).toBe(true);
    expect(isOwnCatalogDoc('book:other:b1', 'mine')).toBe(false);
    expect(isOwnCatalogDoc('colophon:schema', 'mine')).toBe(false);
    expect(isOwnCatalogDoc('_design/x', 'mine')).toBe(false);
  });
});

describe("a user's database name on the hub", () => {
  it('is the name as compared at sign-in, in the characters CouchDB allows', () => {
    expect(hubUserDbName('Rita')).toBe('colophon-user-rita');
    expect(hubUserDbName(' ｒｉｔａ ')).toBe('colophon-user-rita');
    expect(hubUserDbName('jean.luc')).toBe('colophon-user-jean(2e)luc');
    expect(hubUserDbName('zoë')).toBe('colophon-user-zo(eb)');
    expect(hubUserDbName('a(2e)b')).not.toBe(hubUserDbName('a.b'));
    for (const name of ['Rita', 'jean.luc', 'zoë', 'a b', '名前'])
      expect(hubUserDbName(name)).toMatch(/^[a-z][a-z0-9_$()+/-]*$/);
  });
});
