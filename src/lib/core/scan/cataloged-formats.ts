import type { BookFormat } from '../formats/types';

/** What a library holds, as the setup wizard and Settings ask it. */
export type ContentType = 'books' | 'comics';

/** The formats each content type brings: comics are the image archives. */
export const CONTENT_TYPE_FORMATS: Readonly<Record<ContentType, readonly BookFormat[]>> = {
  books: ['epub', 'mobi', 'azw3', 'pdf'],
  comics: ['cbz', 'cbr', 'cb7', 'cbt'],
};

/**
 * The formats a scan catalogs: those "Formats to catalog" enables, of the
 * content types the library holds. A format outside both is not added;
 * books already cataloged in it stay (their files are still there).
 */
export function catalogedFormats(
  enabled: readonly BookFormat[],
  contentTypes: readonly ContentType[],
): ReadonlySet<BookFormat> {
  const ofTypes = new Set(contentTypes.flatMap((type) => CONTENT_TYPE_FORMATS[type]));
  return new Set(enabled.filter((format) => ofTypes.has(format)));
}

/** The formats left out, in words for a notice ("PDF, CBR"), or undefined when none are. */
export function formatsLeftOut(
  cataloged: ReadonlySet<BookFormat>,
  all: readonly BookFormat[],
): string | undefined {
  const out = all.filter((format) => !cataloged.has(format));
  return out.length > 0 ? out.map((format) => format.toUpperCase()).join(', ') : undefined;
}
