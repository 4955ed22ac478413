import { describe, expect, it } from 'vitest';
import type { FormatProposal } from '#core/api/formats';
import { defaultMain, formatsOf, groupLine } from './format-words';

const book = (bookId: string, formats: FormatProposal['books'][number]['formats']) => ({
  bookId,
  docId: `book:l:${bookId}`,
  title: 'Dune',
  authors: ['Frank Herbert'],
  format: formats[0] ?? 'epub',
  path: `${bookId}.${formats[0] ?? 'epub'}`,
  size: 1,
  formats,
});

describe('the words and defaults of the Formats of one book page', () => {
  it('proposes as main a group’s main already, else the EPUB before a PDF', () => {
    const pdf = book('p', ['pdf']);
    const epub = book('e', ['epub']);
    expect(defaultMain({ key: 'k', reason: '', books: [pdf, epub] })?.bookId).toBe('e');
    const group = book('g', ['pdf', 'mobi']);
    expect(defaultMain({ key: 'k', reason: '', books: [epub, group] })?.bookId).toBe('g');
    expect(formatsOf(group)).toBe('PDF with MOBI');
  });

  it('says what a group holds, its main first', () => {
    const { formats: _f, ...main } = book('e', ['epub']);
    const { formats: _g, ...pdf } = book('p', ['pdf']);
    expect(groupLine({ main, others: [pdf] })).toBe('EPUB (main) · PDF');
  });
});
