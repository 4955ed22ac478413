import { compactMetadata } from '../../metadata/candidates';
import { uniqueText } from '../../metadata/text-values';
import type { Identifier } from '../../metadata/types';
import { peopleFromCredits, type Credit } from './credits';
import {
  ageRating,
  arcSets,
  imprint,
  comicIdentifier,
  comicVineIdFromUrl,
  isoDate,
  languageTag,
  parseCount,
  parseIssueNumber,
  seriesFields,
  uniqueIdentifiers,
  type ComicMetadata,
} from './values';
import { readXmlFields, type XmlFields } from './xml-fields';

/**
 * MetronInfo.xml (Metron project schema, v1.0 and v1.1) → BookMetadata.
 *
 * - CollectionTitle, else the Stories joined with "; " → title; Summary →
 *   description; Publisher (v1.0 text or v1.1 Name, else Imprint) → publisher;
 *   Publisher/Imprint → imprint; AgeRating → ageRating.
 * - Series/Name + Number → series; Series/Volume (else StartYear) follows the
 *   same Volume rule as ComicInfo; Arcs → story-arc sets. Series/@lang → languages.
 * - CoverDate (else StoreDate) → published; PageCount > 0 → pageCount.
 * - Genres and Tags → subjects; Credits (Creator + Roles) → people.
 * - IDS/ID (v1.1) or ID/Primary|Alternative (v1.0): Comic Vine → comicvine,
 *   others → other "<source>:<id>"; GTIN/ISBN → isbn and GTIN/UPC → gtin when
 *   their check digits hold; URLs → uri.
 */
export function readMetronInfo(xml: string, name = 'MetronInfo.xml'): ComicMetadata {
  const f = readXmlFields(xml, name);
  if (f.root.name.toLowerCase() !== 'metroninfo') {
    f.warn(`not a MetronInfo document (its root element is <${f.root.name}>); it was ignored.`);
    return { metadata: {}, warnings: f.finish() };
  }
  const seriesElement = f.child('Series');
  const seriesName = seriesElement ? f.text('Name', seriesElement) : undefined;
  const volumeText = seriesElement
    ? (f.text('Volume', seriesElement) ?? f.text('StartYear', seriesElement))
    : undefined;
  const pageCount = parseCount(f.text('PageCount'));
  const summary = f.child('Summary');
  const metadata = compactMetadata({
    title: f.text('CollectionTitle') ?? stories(f),
    description:
      summary && f.value(summary.text) !== undefined ? summary.text.trim() || undefined : undefined,
    publisher: publisher(f),
    imprint: imprintOf(f),
    ageRating: ageRating(f.text('AgeRating')),
    published: isoDate(f.text('CoverDate')) ?? isoDate(f.text('StoreDate')),
    languages: seriesLanguage(f, seriesElement?.attributes['lang']),
    subjects: uniqueText([...listed(f, 'Genres', 'Genre'), ...listed(f, 'Tags', 'Tag')]),
    identifiers: identifiers(f),
    ...peopleFromCredits(credits(f)),
    pageCount: pageCount !== undefined && pageCount > 0 ? pageCount : undefined,
  });
  const { series, collections = [] } = seriesFields(
    seriesName,
    f.text('Number'),
    parseCount(volumeText),
  );
  const sets = [...collections, ...arcs(f)];
  if (series) metadata.series = series;
  if (sets.length > 0) metadata.collections = sets;
  return { metadata, warnings: f.finish() };
}

function listed(f: XmlFields, group: string, item: string): string[] {
  const parent = f.child(group);
  return parent ? f.all(item, parent) : [];
}

function stories(f: XmlFields): string | undefined {
  const titles = listed(f, 'Stories', 'Story');
  return titles.length > 0 ? titles.join('; ') : undefined;
}

function publisher(f: XmlFields): string | undefined {
  const element = f.child('Publisher');
  if (!element) return undefined;
  if (element.children.length === 0) return f.value(element.text);
  return f.text('Name', element) ?? f.text('Imprint', element);
}

function imprintOf(f: XmlFields): string | undefined {
  const element = f.child('Publisher');
  if (!element || element.children.length === 0) return undefined;
  return imprint(f.text('Imprint', element), publisher(f));
}

function seriesLanguage(f: XmlFields, lang: string | undefined): string[] | undefined {
  if (lang === undefined) return undefined;
  const tag = languageTag(lang);
  if (tag === undefined) f.warn(`Series lang "${lang}" is not a language code; it was ignored.`);
  return tag === undefined ? undefined : [tag];
}

function credits(f: XmlFields): Credit[] {
  const group = f.child('Credits');
  return (group ? f.children('Credit', group) : []).flatMap((credit) => {
    const creator = f.text('Creator', credit);
    const roles = f.child('Roles', credit);
    if (!creator) return [];
    const named = roles ? f.all('Role', roles) : [];
    return (named.length > 0 ? named : ['Other']).map((role) => ({ name: creator, role }));
  });
}

function arcs(f: XmlFields) {
  const group = f.child('Arcs');
  const found = (group ? f.children('Arc', group) : []).flatMap((arc) => {
    const name = f.text('Name', arc);
    return name ? [{ name, number: parseIssueNumber(f.text('Number', arc)) }] : [];
  });
  return arcSets(
    found.map((a) => a.name),
    found.map((a) => a.number),
    'story-arc',
  );
}

function identifiers(f: XmlFields): Identifier[] {
  const found: (Identifier | undefined)[] = [];
  const ids = f.child('IDS');
  for (const id of ids ? f.children('ID', ids) : [])
    found.push(sourceId(f, id.attributes, id.text));
  const legacy = f.child('ID');
  if (legacy) {
    const alternatives = f.child('Alternatives', legacy);
    for (const el of [
      ...f.children('Primary', legacy),
      ...(alternatives ? f.children('Alternative', alternatives) : []),
    ]) {
      found.push(sourceId(f, el.attributes, el.text));
    }
  }
  const gtin = f.child('GTIN');
  if (gtin) {
    for (const [tag, scheme] of [
      ['ISBN', 'isbn'],
      ['UPC', 'gtin'],
    ] as const) {
      const code = f.text(tag, gtin);
      if (code === undefined) continue;
      const id = comicIdentifier(`urn:${scheme}:${code}`);
      if (id) found.push(id);
      else f.warn(`GTIN <${tag}> "${code}" fails its check digit; it was ignored.`);
    }
  }
  const urls = f.child('URLs');
  for (const url of [...(urls ? f.all('URL', urls) : []), ...f.all('URL')]) {
    const id = comicIdentifier(url);
    if (id?.scheme === 'uri') found.push(id, comicVineIdFromUrl(url));
  }
  return uniqueIdentifiers(found);
}

/** An id from a named source: Comic Vine → comicvine, anything else → other "<source>:<id>". */
function sourceId(
  f: XmlFields,
  attributes: Readonly<Record<string, string>>,
  text: string,
): Identifier | undefined {
  const id = f.value(text);
  const source = f.value(attributes['source'])?.toLowerCase();
  if (!id || !source) return undefined;
  const slug = source.replace(/[^a-z0-9]+/g, '');
  if (slug === 'comicvine') return comicIdentifier(`urn:comicvine:${id}`);
  if (slug === 'metron') return { scheme: 'other', value: `metron:issue:${id}` };
  return { scheme: 'other', value: `${slug}:${id}` };
}
