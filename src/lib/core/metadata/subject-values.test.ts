import { describe, expect, it } from 'vitest';
import { keepSubjects, keywordSubjects, notASubject } from './subject-values';

/** The ComicInfo comicbox embeds in the corpus's comicbox_test_cix.pdf, as older comicbox wrote it into /Keywords. */
const COMIC_INFO =
  '<?xml version="1.0" encoding="UTF-8"?> <ComicInfo xmlns:xsd="http://www.w3.org/2001/XMLSchema"> ' +
  '<Title>the tangle of their lives</Title> <Writer>Jon Osterman</Writer> ' +
  '<Genre>Science Fiction</Genre> <Tags>d,e,f</Tags> </ComicInfo>';

describe('notASubject', () => {
  it.each([
    ['Science Fiction'],
    ['Scarecrow (Fictitious character from Baum) -- Juvenile fiction'],
    ['C++ <3'],
    ['a < b > c'],
  ])('keeps %s', (value) => {
    expect(notASubject(value)).toBeUndefined();
  });
  it.each([
    ['<?xml version="1.0"?>', /markup/],
    ['<b>Fiction</b>', /markup/],
    ['Fiction<br/>', /markup/],
    ['x'.repeat(151), /151 characters/],
  ])('drops %s', (value, reason) => {
    expect(notASubject(value)).toMatch(reason);
  });
});

describe('keywordSubjects', () => {
  it('splits a plain keyword line on commas and semicolons', () => {
    const warnings: string[] = [];
    expect(keywordSubjects('d, e;f ,', 'The keywords', warnings)).toEqual(['d', 'e', 'f']);
    expect(warnings).toEqual([]);
  });

  it('drops a whole ComicInfo document, not only the pieces that look like tags', () => {
    const warnings: string[] = [];
    expect(keywordSubjects(COMIC_INFO, 'The PDF’s Keywords', warnings)).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^The PDF’s Keywords value “<\?xml version.*markup/);
  });
});

describe('keepSubjects', () => {
  it('keeps genres and says why the others went', () => {
    const warnings: string[] = [];
    const kept = keepSubjects(
      ['Fantasy', '<p>Fantasy</p>', 'y'.repeat(200)],
      'The EPUB’s dc:subject',
      warnings,
    );
    expect(kept).toEqual(['Fantasy']);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/200 characters long/);
  });
});
