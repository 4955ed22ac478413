import { BookFormatError } from '../../errors';
import { readXmlFields } from './xml-fields';

/**
 * Whether a ComicInfo.xml says the pages turn right to left: `<Manga>` is
 * `YesAndRightToLeft` (ComicInfo v2). `Yes` alone says the book is a manga,
 * not which way it reads, so it stays left to right. A document that is not
 * XML, or not ComicInfo, says nothing either way.
 */
export function readsRightToLeft(xml: string, name = 'ComicInfo.xml'): boolean {
  try {
    const fields = readXmlFields(xml, name);
    if (fields.root.name.toLowerCase() !== 'comicinfo') return false;
    return fields.text('Manga')?.toLowerCase() === 'yesandrighttoleft';
  } catch (error) {
    if (error instanceof BookFormatError) return false;
    throw error;
  }
}
