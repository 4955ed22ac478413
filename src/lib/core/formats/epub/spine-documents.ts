import { openZip } from '../../archive/zip';
import type { ByteSource } from '../../bytes/byte-source';
import { BookFormatError } from '../../errors';
import { parseXml } from '../../xml/parse-xml';
import { MAX_CONTENT_CHARS, parseXmlContent, type ContentElement } from '../../xml/xml-content';
import { locatePackage } from './container';
import { readSpine, type Spine } from './spine';

const MAX_PACKAGE_BYTES = 4 * 1024 * 1024;
/** A chapter's bytes: UTF-8 text is at most as many characters as bytes. */
const MAX_DOCUMENT_BYTES = MAX_CONTENT_CHARS;

/** An open EPUB's reading order, its documents read one at a time. */
export interface SpineDocuments {
  spine: Spine;
  /** Each spine item's uncompressed size in bytes (0 when it is not in the archive): a length for percentages. */
  sizes: number[];
  /** The spine item's document (its root, <html>); throws BookFormatError when it cannot be read. */
  document(index: number): Promise<ContentElement>;
  close(): Promise<void>;
}

/** Opens an EPUB for positions in it: the package's spine, and each content document on demand. */
export async function openSpineDocuments(source: ByteSource): Promise<SpineDocuments> {
  const zip = await openZip(source);
  try {
    const location = await locatePackage(zip, MAX_PACKAGE_BYTES);
    const opf = parseXml(await zip.readText(location.path, MAX_PACKAGE_BYTES), {
      name: location.path,
    });
    const spine = readSpine(opf.root, location.path);
    const entryOf = (index: number) => {
      const path = spine.items[index]?.path;
      const entry = path === undefined ? undefined : zip.find(path);
      return entry && !entry.directory && !entry.unsafe ? entry : undefined;
    };
    return {
      spine,
      sizes: spine.items.map((_, i) => entryOf(i)?.size ?? 0),
      async document(index) {
        const entry = entryOf(index);
        const name = spine.items[index]?.path ?? `spine item ${index + 1}`;
        if (!entry)
          throw new BookFormatError(
            'missing-entry',
            `The EPUB's reading order names ${name}, which is not in the archive.`,
          );
        return parseXmlContent(await zip.readText(entry.name, MAX_DOCUMENT_BYTES), { name });
      },
      close: () => zip.close(),
    };
  } catch (error) {
    await zip.close();
    throw error;
  }
}
