import { describe, expect, it } from 'vitest';
import { confidenceWords } from './confidence-words';
import { merge } from './merge';
import { mergeCandidate as c } from './sources';

const wordsFor = (...candidates: ReturnType<typeof c>[]) => {
  const decision = merge(candidates).fields.title;
  if (!decision) throw new Error('no title decided');
  return confidenceWords(decision);
};

describe('confidenceWords', () => {
  it('says a lone OPF title is stated by the file, undisputed', () => {
    expect(wordsFor(c('title', 'Dune', 'embedded:opf', 0.8))).toBe(
      'Stated by the file’s metadata (OPF); no source disagrees.',
    );
  });

  it('names who agrees and who gives another value', () => {
    expect(
      wordsFor(
        c('title', 'Dune', 'embedded:opf', 0.8),
        c('title', 'DUNE', 'openlibrary', 0.8),
        c('title', 'Dune Messiah', 'googlebooks', 0.5),
      ),
    ).toBe(
      'Stated by the file’s metadata (OPF); Open Library agrees; Google Books gives another value.',
    );
  });

  it('does not count a differing file name against a stated title', () => {
    expect(
      wordsFor(
        c('title', 'Dune', 'embedded:opf', 0.8),
        c('title', 'dune v2 final', 'filename', 0.3),
      ),
    ).toBe('Stated by the file’s metadata (OPF); no source disagrees.');
  });

  it('says a guess is a guess', () => {
    expect(
      wordsFor(c('title', 'dune', 'filename', 0.3), c('title', 'Herbert', 'folder', 0.2)),
    ).toBe('Guessed from the file name; the folder path gives another value.');
  });

  it('says the user set it', () => {
    const decision = merge([c('title', 'Dune', 'embedded:opf', 0.8)], [], { title: 'Dune!' }).fields
      .title;
    expect(decision && confidenceWords(decision)).toBe('You set this value yourself.');
  });
});
