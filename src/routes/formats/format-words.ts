import type { FormatBook, FormatGroup, FormatProposal } from '#core/api/formats';
import type { BookFormat } from '#core/formats/types';

/** The format a group's main defaults to: the one most readers read best. */
const PREFERRED: readonly BookFormat[] = [
  'epub',
  'azw3',
  'mobi',
  'pdf',
  'cbz',
  'cbr',
  'cb7',
  'cbt',
];

/** The book proposed as main until the admin chooses: a group's main already, else the best format. */
export function defaultMain(proposal: FormatProposal): FormatProposal['books'][number] | undefined {
  const rank = (b: FormatProposal['books'][number]) =>
    b.formats.length > 1 ? -1 : PREFERRED.indexOf(b.format);
  return [...proposal.books].sort((a, b) => rank(a) - rank(b))[0];
}

/** "EPUB", or "EPUB with PDF, MOBI" for a group's main that holds other formats already. */
export function formatsOf(book: FormatProposal['books'][number]): string {
  const [own, ...others] = book.formats.map((f) => f.toUpperCase());
  return others.length > 0 ? `${own ?? ''} with ${others.join(', ')}` : (own ?? '');
}

/** "by Frank Herbert", or nothing. */
export function byLine(book: Pick<FormatBook, 'authors'>): string {
  return book.authors.length > 0 ? `by ${book.authors.join(', ')}` : '';
}

/** "EPUB (main) · PDF": what a confirmed group holds. */
export function groupLine(group: FormatGroup): string {
  return [
    `${group.main.format.toUpperCase()} (main)`,
    ...group.others.map((o) => o.format.toUpperCase()),
  ].join(' · ');
}
