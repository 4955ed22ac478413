import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MergeCandidate } from '../../merge/sources';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '#test-support/corpus';
import { validate } from '../request';
import { mapVolume, volumeCovers, volumeFacts } from './map';
import { gbVolume, gbVolumes, type GbVolume } from './schema';

const RECORDED = 'api/googlebooks/koder_google-books-volume.json';
const recorded = (): unknown => JSON.parse(readFileSync(corpusPath(RECORDED), 'utf8'));
const byField = (candidates: MergeCandidate[]) =>
  Object.fromEntries(candidates.map((c) => [c.field, c.value]));

describe.skipIf(!corpusDir)('Google Books on the recorded volumes answer', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const volume = (): GbVolume => {
    const item = gbVolumes.parse(recorded()).items?.[0];
    if (!item) throw new Error('the recording has one item');
    return item;
  };

  it('accepts the answer', () => {
    const result = validate('googlebooks', gbVolumes, recorded());
    expect(result.ok && result.value.items?.length).toBe(1);
  });

  it('maps the volume, repairing the cp1252 dashes Google sent as C1 controls', () => {
    const values = byField(
      mapVolume(volume(), { origin: 'googlebooks:isbn', confidence: 0.9 }, '1761186760'),
    );
    expect(values).toMatchObject({
      title: 'Everything is Beautiful and Everything Hurts',
      authors: [{ name: 'Josie Shapiro', roles: ['aut'] }],
      identifiers: [{ scheme: 'isbn', value: '9781761186769' }],
      publisher: 'Allen & Unwin',
      published: '2023-05-16',
      pageCount: 292,
      languages: ['en'],
      subjects: ['Fiction'],
    });
    const description = String(values.description);
    expect(description).toContain('long distance runner — every pleasure');
    expect(description).toContain("she wasn't – powerful");
    expect(description).not.toMatch(/[\u0080-\u009f]/);
  });

  it('offers the largest cover over https without the page curl', () => {
    expect(volumeCovers(volume())).toEqual([
      {
        url: 'https://books.google.com/books/content?id=iEGqEAAAQBAJ&printsec=frontcover&img=1&zoom=1&source=gbs_api',
      },
    ]);
  });

  it('reads the edition facts: an ebook in English from 2023', () => {
    expect(volumeFacts(volume())).toEqual({ format: 'ebook', languages: ['en'], year: 2023 });
  });
});

describe('Google Books schemas', () => {
  it('accepts an answer with no items (nothing matched)', () => {
    const result = validate('googlebooks', gbVolumes, { kind: 'books#volumes', totalItems: 0 });
    expect(result.ok && result.value.items).toBeUndefined();
  });

  it('prefers extraLarge over smaller image links', () => {
    const volume = gbVolume.parse({
      id: 'x',
      volumeInfo: {
        title: 'T',
        imageLinks: {
          thumbnail: 'http://a/thumb',
          large: 'http://a/large',
          extraLarge: 'http://a/xl',
        },
      },
    });
    expect(volumeCovers(volume)).toEqual([{ url: 'https://a/xl' }]);
  });

  const malformed: [string, unknown][] = [
    ['another kind of answer', { kind: 'books#bookshelves', totalItems: 1 }],
    ['items that are not volumes', { kind: 'books#volumes', totalItems: 1, items: [{ id: 1 }] }],
    [
      'authors as one string',
      { kind: 'books#volumes', totalItems: 1, items: [{ id: 'a', volumeInfo: { authors: 'X' } }] },
    ],
    ['an error object', { error: { code: 403, message: 'Daily limit exceeded' } }],
  ];
  for (const [what, json] of malformed)
    it(`rejects ${what}`, () => {
      const result = validate('googlebooks', gbVolumes, json);
      expect(result.ok || result.error.kind).toBe('invalid-response');
    });
});
