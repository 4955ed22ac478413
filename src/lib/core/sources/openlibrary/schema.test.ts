import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '#test-support/corpus';
import { validate } from '../request';
import { olBooksAnswer, olEdition, olEditions, olSearch, olWork } from './schema';

const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(corpusPath(`api/openlibrary/${name}`), 'utf8'));

const RECORDINGS: [string, z.ZodType][] = [
  ['bookwyrm_ol_isbn_search.json', olBooksAnswer],
  ['bookwyrm_ol_edition.json', olEdition],
  ['bookwyrm_ol_edition_markdown.json', olEdition],
  ['bookwyrm_ol_edition_list.json', olEditions],
  ['bookwyrm_ol_work.json', olWork],
  ['bookwyrm_ol_search.json', olSearch],
];

describe.skipIf(!corpusDir)('Open Library schemas on the recorded answers', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  it('covers every recorded Open Library answer', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(corpusPath('api/openlibrary')).sort();
    expect(files).toEqual(RECORDINGS.map(([name]) => name).sort());
  });
  for (const [name, schema] of RECORDINGS)
    it(`accepts ${name}`, () => {
      const result = validate('openlibrary', schema, recorded(name));
      expect(result.ok ? 'ok' : result.error.message).toBe('ok');
    });
});

describe('Open Library schemas on malformed answers', () => {
  const cases: [string, z.ZodType, unknown, string][] = [
    ['an edition without a title', olEdition, { key: '/books/OL1M' }, 'title'],
    ['a number where the title is', olEdition, { key: '/books/OL1M', title: 42 }, 'title'],
    [
      'pages as text',
      olEdition,
      { key: '/books/OL1M', title: 'x', number_of_pages: '491' },
      'number_of_pages',
    ],
    [
      'a description neither text nor typed text',
      olWork,
      { key: '/works/OL1W', title: 'x', description: { type: '/type/text' } },
      'description',
    ],
    ['search docs not a list', olSearch, { docs: {} }, 'docs'],
    ['a Books API record without a key', olBooksAnswer, { 'ISBN:1': { title: 'x' } }, 'key'],
    ['an HTML error page parsed as a string', olSearch, '<html>', ''],
    ['null', olEditions, null, ''],
  ];
  for (const [what, schema, json, path] of cases)
    it(`rejects ${what} as an invalid response, without throwing`, () => {
      const result = validate('openlibrary', schema, json);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.kind).toBe('invalid-response');
      expect(result.error.message).toContain(path);
      expect(result.error.message).toMatch(/^Open Library sent an answer Colophon cannot read/);
    });
});
