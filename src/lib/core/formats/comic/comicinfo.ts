import { compactMetadata } from '../../metadata/candidates';
import { uniqueText } from '../../metadata/text-values';
import type { Identifier } from '../../metadata/types';
import { peopleFromCredits, type Credit } from './credits';
import {
  ageRating,
  arcSets,
  comicIdentifier,
  imprint,
  comicVineIdFromUrl,
  languageTag,
  parseCount,
  parseIssueNumber,
  partialDate,
  seriesFields,
  splitList,
  uniqueIdentifiers,
  type ComicMetadata,
} from './values';
import { readXmlFields, type XmlFields } from './xml-fields';

/**
 * ComicInfo.xml (the ComicRack / Anansi schema, v1 to v2.1) → BookMetadata.
 *
 * - Title → title; Summary → description; Publisher (else Imprint) → publisher;
 *   Imprint → imprint (when it is not the publisher itself); AgeRating →
 *   ageRating ("Unknown" says nothing).
 * - Series + Number (+ Format) → series, the issue read by issue-number.ts;
 *   Volume: a start year joins the series name, "Series (1950)"; a volume
 *   number is the position when Number is missing (see values.ts seriesFields).
 *   StoryArc/StoryArcNumber → story-arc sets, SeriesGroup (a comma list) →
 *   series-group sets (reading lists), AlternateSeries/AlternateNumber → sets.
 *   Count has no field in BookMetadata and is not kept.
 * - Year/Month/Day → published, as far as it is valid ("1950-11").
 * - LanguageISO → languages; Genre and Tags (comma lists) → subjects.
 * - Web (space-separated URLs) → uri identifiers (and the Comic Vine id in a
 *   Comic Vine URL); GTIN (comma list) → isbn, gtin, comicvine or other; Tags
 *   and Notes holding ids (`urn:…`, `CVDB…`) → identifiers, not subjects.
 * - Writer, Penciller, Inker, Colorist, Letterer, CoverArtist, Editor,
 *   Translator (comma lists of names) → people, roles per credits.ts.
 * - PageCount > 0 → pageCount; Pages/Page[@Type=FrontCover]/@Image → the
 *   front cover's index in natural page order.
 *
 * A bad value is skipped with a warning; only a document that is not XML at
 * all throws (BookFormatError 'invalid-xml').
 */

const CREDIT_ELEMENTS = [
  'Writer',
  'Penciller',
  'Inker',
  'Colorist',
  'Letterer',
  'CoverArtist',
  'Editor',
  'Translator',
] as const;

export function readComicInfo(xml: string, name = 'ComicInfo.xml'): ComicMetadata {
  const f = readXmlFields(xml, name);
  if (f.root.name.toLowerCase() !== 'comicinfo') {
    f.warn(`not a ComicInfo document (its root element is <${f.root.name}>); it was ignored.`);
    return { metadata: {}, warnings: f.finish() };
  }
  const seriesName = f.text('Series');
  const volume = count(f, 'Volume');
  const pageCount = count(f, 'PageCount');
  const frontCoverIndex = frontCover(f);
  const publisher = f.text('Publisher') ?? f.text('Imprint');
  const metadata = compactMetadata({
    title: f.text('Title'),
    description: summary(f),
    publisher,
    imprint: imprint(f.text('Imprint'), publisher),
    ageRating: ageRating(f.text('AgeRating')),
    published: partialDate(
      { year: f.text('Year'), month: f.text('Month'), day: f.text('Day') },
      'Year/Month/Day',
      f.warn,
    ),
    languages: language(f),
    subjects: uniqueText([
      ...splitList(f.text('Genre')),
      ...splitList(f.text('Tags')).filter((tag) => !isIdTag(tag)),
    ]),
    identifiers: identifiers(f),
    ...peopleFromCredits(credits(f)),
    pageCount: pageCount !== undefined && pageCount > 0 ? pageCount : undefined,
  });
  const { series, collections = [] } = seriesFields(
    seriesName,
    f.text('Number'),
    volume,
    f.text('Format'),
  );
  const sets = [...collections, ...arcs(f)];
  if (series) metadata.series = series;
  if (sets.length > 0) metadata.collections = sets;
  return {
    metadata,
    warnings: f.finish(),
    ...(frontCoverIndex !== undefined && { frontCoverIndex }),
  };
}

/** A whole-number element; ComicInfo's -1 means "not set". */
function count(f: XmlFields, tag: string): number | undefined {
  const text = f.text(tag);
  if (text === undefined || text === '-1') return undefined;
  const value = parseCount(text);
  if (value === undefined) f.warn(`<${tag}> "${text}" is not a whole number; it was ignored.`);
  return value;
}

/** The summary keeps its line breaks; only the ends are trimmed. */
function summary(f: XmlFields): string | undefined {
  const element = f.child('Summary');
  if (!element || f.value(element.text) === undefined) return undefined;
  return element.text.trim() || undefined;
}

function language(f: XmlFields): string[] | undefined {
  const text = f.text('LanguageISO');
  if (text === undefined) return undefined;
  const tag = languageTag(text);
  if (tag === undefined) f.warn(`<LanguageISO> "${text}" is not a language code; it was ignored.`);
  return tag === undefined ? undefined : [tag];
}

function credits(f: XmlFields): Credit[] {
  return CREDIT_ELEMENTS.flatMap((role) => splitList(f.text(role)).map((name) => ({ name, role })));
}

/** Tags like "urn:metron:9999" or "CVDB1234" are ids a tagger left behind, not subjects. */
function isIdTag(tag: string): boolean {
  return /^(urn:[a-z0-9-]+:|CVDB\d+$)/i.test(tag);
}

function identifiers(f: XmlFields): Identifier[] {
  const found: (Identifier | undefined)[] = [];
  for (const url of (f.text('Web') ?? '').split(/\s+/).filter(Boolean)) {
    const id = comicIdentifier(url);
    if (id?.scheme !== 'uri') {
      f.warn(`<Web> "${url}" is not an http(s) URL; it was ignored.`);
      continue;
    }
    found.push(id, comicVineIdFromUrl(url));
  }
  for (const code of splitList(f.text('GTIN'))) {
    const id = comicIdentifier(code);
    if (!id || id.scheme === 'uri') {
      f.warn(`<GTIN> "${code}" is not a valid ISBN, GTIN or known id; it was ignored.`);
    } else {
      found.push(id);
    }
  }
  for (const tag of splitList(f.text('Tags')).filter(isIdTag)) found.push(comicIdentifier(tag));
  // ComicTagger notes the Comic Vine issue as "[CVDB145269]".
  for (const match of (f.text('Notes') ?? '').matchAll(/\[CVDB(\d+)\]/gi)) {
    found.push(comicIdentifier(`CVDB${match[1]}`));
  }
  return uniqueIdentifiers(found);
}

function arcs(f: XmlFields) {
  const numbers = splitList(f.text('StoryArcNumber')).map((n) => parseIssueNumber(n));
  const storyArcs = arcSets(splitList(f.text('StoryArc')), numbers, 'story-arc');
  const groups = arcSets(splitList(f.text('SeriesGroup')), [], 'series-group');
  const alternate = f.text('AlternateSeries');
  const alternateSets = alternate
    ? arcSets([alternate], [parseIssueNumber(f.text('AlternateNumber'))])
    : [];
  return [...storyArcs, ...groups, ...alternateSets];
}

/** Index of the first page typed FrontCover, when its Image attribute is a page index. */
function frontCover(f: XmlFields): number | undefined {
  const pages = f.child('Pages');
  for (const page of pages ? f.children('Page', pages) : []) {
    const types = (page.attributes['Type'] ?? '').split(/[\s,]+/).map((t) => t.toLowerCase());
    if (!types.includes('frontcover')) continue;
    const image = parseCount(page.attributes['Image']);
    if (image !== undefined) return image;
    f.warn(`the FrontCover page's Image "${page.attributes['Image'] ?? ''}" is not a page index.`);
  }
  return undefined;
}
