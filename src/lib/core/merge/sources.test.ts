import { describe, expect, it } from 'vitest';
import { isCandidateOrigin, sourceOf, type CandidateOrigin, type SourceId } from './sources';

describe('sourceOf', () => {
  const cases: [CandidateOrigin, SourceId][] = [
    ['embedded:opf', 'file'],
    ['embedded:comicinfo', 'file'],
    ['filename', 'file'],
    ['folder', 'file'],
    ['openlibrary', 'openlibrary'],
    ['openlibrary:isbn', 'openlibrary'],
    ['googlebooks:volume', 'googlebooks'],
    ['comicvine', 'comicvine'],
    ['calibre', 'calibre'],
  ];
  it.each(cases)('%s → %s', (origin, id) => expect(sourceOf(origin)).toBe(id));
});

describe('isCandidateOrigin', () => {
  it.each([
    ['embedded:opf', true],
    ['filename', true],
    ['openlibrary', true],
    ['openlibrary:work', true],
    ['calibre', true],
    ['calibre:opf', false],
    ['user', false],
    ['amazon', false],
    ['openlibraryx', false],
    ['', false],
  ])('%s → %s', (text, ok) => expect(isCandidateOrigin(text)).toBe(ok));
});
