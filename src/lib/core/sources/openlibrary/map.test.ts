import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MergeCandidate } from '../../merge/sources';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '#test-support/corpus';
import { mapBooksRecord, mapEdition, mapSearchDoc, mapWork, olTextValue } from './map';
import { olBooksAnswer, olEdition, olSearch, olWork } from './schema';

const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(corpusPath(`api/openlibrary/${name}`), 'utf8'));

/** Candidates as a field → value record (each field appears once per lookup). */
const byField = (candidates: MergeCandidate[]) =>
  Object.fromEntries(candidates.map((c) => [c.field, c.value]));

const isbnContext = { origin: 'openlibrary:isbn', confidence: 0.9 } as const;
const searchContext = { origin: 'openlibrary:search', confidence: 0.8 } as const;

describe.skipIf(!corpusDir)('Open Library mapping of the recorded answers', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);

  it('maps the French ISBN answer, naming the ISBN asked for only', () => {
    const answer = olBooksAnswer.parse(recorded('bookwyrm_ol_isbn_search.json'));
    const record = answer['ISBN:9782070427796'];
    expect(record).toBeDefined();
    if (!record) return;
    const candidates = mapBooksRecord(record, '9782070427796', isbnContext);
    expect(byField(candidates)).toEqual({
      title: 'Les ombres errantes',
      authors: [{ name: 'Pascal Quignard', roles: ['aut'] }],
      identifiers: [{ scheme: 'isbn', value: '9782070427796' }],
      publisher: 'Gallimard',
      published: '2002',
    });
    expect(candidates.every((c) => c.origin === 'openlibrary:isbn' && c.confidence === 0.9)).toBe(
      true,
    );
  });

  it('maps the Sabriel edition: language as ISO 639-1, the typed description as text', () => {
    const edition = olEdition.parse(recorded('bookwyrm_ol_edition.json'));
    const values = byField(mapEdition(edition, isbnContext, { authors: ['Garth Nix'] }));
    expect(values).toMatchObject({
      title: 'Sabriel',
      authors: [{ name: 'Garth Nix', roles: ['aut'] }],
      // No ISBN-13 in the record: the first ISBN-10, as ISBN-13.
      identifiers: [{ scheme: 'isbn', value: '9780060273224' }],
      languages: ['en'],
      publisher: 'Harper Trophy',
      published: '1996',
      pageCount: 491,
      subjects: ['Fantasy.'],
    });
    expect(values.description).toMatch(/^Sabriel, daughter of the necromancer Abhorsen/);
  });

  it('maps the Sabriel work: description and subjects', () => {
    const work = olWork.parse(recorded('bookwyrm_ol_work.json'));
    const values = byField(mapWork(work, isbnContext));
    expect(values.description).toBe('First in the Old Kingdom/Abhorsen series.');
    expect(values.subjects).toContain('Juvenile Fiction');
    expect(Object.keys(values).sort()).toEqual(['description', 'subjects']);
  });

  it('keeps the text of a Markdown description, without the marks', () => {
    const edition = olEdition.parse(recorded('bookwyrm_ol_edition_markdown.json'));
    const description = olTextValue(edition.description) ?? '';
    expect(description).toMatch(/^"She didn't choose her garden" opens this chapbook/);
    expect(description).toContain('The Stars With You gives us');
    expect(description).toContain('- publisher');
    expect(description).not.toMatch(/[>*\r]|\]\(/);
  });

  it('maps a search hit with two authors, leaving out the ISBNs of every edition', () => {
    const search = olSearch.parse(recorded('bookwyrm_ol_search.json'));
    const [first] = search.docs;
    expect(first).toBeDefined();
    if (!first) return;
    const values = byField(mapSearchDoc(first, searchContext));
    expect(values).toEqual({
      title: 'This Is How You Lose the Time War',
      authors: [
        { name: 'Amal El-Mohtar', roles: ['aut'] },
        { name: 'Max Gladstone', roles: ['aut'] },
      ],
      // first_publish_year dates the work, not this edition: the edition's date stays the file's.
      firstPublished: '2019',
      subjects: ['epistolary', 'science fiction', 'time-traveling', 'LGBT'],
    });
  });
});
