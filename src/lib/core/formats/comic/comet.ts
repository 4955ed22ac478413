import { compactMetadata } from '../../metadata/candidates';
import { uniqueText } from '../../metadata/text-values';
import type { Identifier } from '../../metadata/types';
import { peopleFromCredits, type Credit } from './credits';
import {
  ageRating,
  comicIdentifier,
  isoDate,
  languageTag,
  parseCount,
  seriesFields,
  uniqueIdentifiers,
  type ComicMetadata,
} from './values';
import { readXmlFields, type XmlFields } from './xml-fields';

/**
 * CoMet.xml (CoMet 1.1, lower-case elements under <comet>) → BookMetadata.
 * title, description, publisher, rating → ageRating, date → published, language, genre (each
 * element one subject), series + issue → series, volume (the same Volume rule
 * as ComicInfo), pages → pageCount, identifier and isbn → identifiers (kept
 * as "other" when unrecognised),
 * creator/writer/penciller/inker/colorist/letterer/coverDesigner/editor/
 * translator → people (credits.ts), coverImage → the cover's file name.
 */

const CREDIT_ELEMENTS: [element: string, role: string][] = [
  ['creator', 'Creator'],
  ['writer', 'Writer'],
  ['penciller', 'Penciller'],
  ['inker', 'Inker'],
  ['colorist', 'Colorist'],
  ['letterer', 'Letterer'],
  ['coverDesigner', 'CoverDesigner'],
  ['editor', 'Editor'],
  ['translator', 'Translator'],
];

export function readCoMet(xml: string, name = 'CoMet.xml'): ComicMetadata {
  const f = readXmlFields(xml, name);
  if (f.root.name.toLowerCase() !== 'comet') {
    f.warn(`not a CoMet document (its root element is <${f.root.name}>); it was ignored.`);
    return { metadata: {}, warnings: f.finish() };
  }
  const pages = parseCount(f.text('pages'));
  const description = f.child('description');
  const languages = f.all('language').flatMap((text) => {
    const tag = languageTag(text);
    if (tag === undefined) f.warn(`<language> "${text}" is not a language code; it was ignored.`);
    return tag ?? [];
  });
  const metadata = compactMetadata({
    title: f.text('title'),
    description:
      description && f.value(description.text) !== undefined
        ? description.text.trim() || undefined
        : undefined,
    publisher: f.text('publisher'),
    ageRating: ageRating(f.text('rating')),
    published: isoDate(f.text('date')),
    languages: uniqueText(languages),
    subjects: uniqueText(f.all('genre')),
    identifiers: identifiers(f),
    ...peopleFromCredits(credits(f)),
    pageCount: pages !== undefined && pages > 0 ? pages : undefined,
    ...seriesFields(f.text('series'), f.text('issue'), parseCount(f.text('volume'))),
  });
  const coverImage = f.text('coverImage');
  return { metadata, warnings: f.finish(), ...(coverImage && { coverImage }) };
}

function credits(f: XmlFields): Credit[] {
  return CREDIT_ELEMENTS.flatMap(([element, role]) =>
    f.all(element).map((name) => ({ name, role })),
  );
}

function identifiers(f: XmlFields): Identifier[] {
  const found: (Identifier | undefined)[] = [];
  // CoMet identifiers are free text: unrecognised ones are kept as "other".
  for (const value of [...f.all('identifier'), ...f.all('isbn')]) {
    found.push(comicIdentifier(value) ?? { scheme: 'other', value });
  }
  return uniqueIdentifiers(found);
}
