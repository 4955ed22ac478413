import type { BookFormat } from '#core/formats/types';
import { openSpineDocuments, type SpineDocuments } from '#core/formats/epub/spine-documents';
import { parseCfi, spineIndexOf } from '#core/reading/epub-cfi';
import { cfiToXPointer, spineItemAt, xpointerToCfi } from '#core/reading/xpointer-cfi';
import { fragmentXPointer, inFragment, parseXPointer } from '#core/reading/xpointer';
import { withFileSource } from '../files/file-source';

/**
 * How a position crossed between KOReader and Colophon: `as-sent` (the
 * device's own words, back to it), `exact`, `element` or `chapter` (an
 * xpointer and a CFI, see xpointer-cfi.ts), `page` (a page number either
 * way), `percentage` (nothing finer could cross: the percentage, and for
 * KOReader the chapter it falls in), `none` (no position KOReader could go to).
 */
export type Translation =
  'as-sent' | 'exact' | 'element' | 'chapter' | 'page' | 'percentage' | 'none';

/** KOReader shows these page by page and names a position by its page number (1-based). */
const PAGED: readonly BookFormat[] = ['pdf', 'cbz', 'cbr', 'cb7', 'cbt'];

/** A book's file as KOReader has it: its format and, when it is on disk, where. */
export interface BookFileAt {
  format: BookFormat;
  path?: string;
}

async function withSpine<T>(path: string, use: (docs: SpineDocuments) => Promise<T>): Promise<T> {
  return withFileSource(path, async (source) => {
    const docs = await openSpineDocuments(source);
    try {
      return await use(docs);
    } finally {
      await docs.close();
    }
  });
}

const pageOf = (progress: string) => (/^\d{1,9}$/.test(progress) ? Number(progress) : 0);

/**
 * The locator of what KOReader sent: a CFI for an xpointer into an EPUB,
 * `page:N-1` for page N; otherwise '' (the position is its percentage alone).
 */
export async function locatorOf(
  file: BookFileAt,
  progress: string,
): Promise<{ locator: string; translation: Translation }> {
  const percentageOnly = { locator: '', translation: 'percentage' as const };
  if (PAGED.includes(file.format)) {
    const page = pageOf(progress);
    return page > 0 ? { locator: `page:${page - 1}`, translation: 'page' } : percentageOnly;
  }
  const pointer = parseXPointer(progress);
  const inside = pointer && inFragment(pointer);
  if (file.format !== 'epub' || !inside || !file.path) return percentageOnly;
  try {
    return await withSpine(file.path, async (docs) => {
      const index = inside.fragment - 1;
      if (index < 0 || index >= docs.spine.items.length) return percentageOnly;
      const cfi = xpointerToCfi(inside, docs.spine, await docs.document(index));
      return cfi ? { locator: cfi.position, translation: cfi.precision } : percentageOnly;
    });
  } catch {
    // A damaged chapter or archive: the percentage still holds.
    return percentageOnly;
  }
}

/**
 * KOReader's progress for a Colophon position in this file: an xpointer for
 * a CFI, a page number for `page:N`; for an EPUB whose position is only a
 * percentage, the start of the chapter it falls in. Undefined when KOReader
 * could go nowhere with it (a CFI into a PDF, a MOBI's converted EPUB).
 */
export async function progressOf(
  file: BookFileAt,
  position: { locator: string; percentage: number },
): Promise<{ progress: string; translation: Translation } | undefined> {
  const page = /^page:(\d{1,9})$/.exec(position.locator);
  if (PAGED.includes(file.format))
    return page ? { progress: String(Number(page[1]) + 1), translation: 'page' } : undefined;
  if (file.format !== 'epub' || !file.path) return undefined;
  const cfi = parseCfi(position.locator);
  try {
    return await withSpine(file.path, async (docs) => {
      const index = cfi && spineIndexOf(cfi);
      if (cfi && index !== undefined && index < docs.spine.items.length) {
        const html = await docs.document(index).catch(() => undefined);
        const target = html && cfiToXPointer(cfi, html);
        if (target)
          return {
            progress: fragmentXPointer({ fragment: index + 1, ...target }),
            translation: target.precision,
          };
      }
      const chapter = spineItemAt(docs.sizes, position.percentage);
      return {
        progress: fragmentXPointer({ fragment: chapter + 1, steps: [], offset: 0 }),
        translation: 'percentage',
      };
    });
  } catch {
    return undefined;
  }
}
