import { BookFormatError } from '../../errors';
import { isbnCheckDigitValid } from '../../metadata/isbn';
import type { BookMetadata, Identifier, Person, SeriesPosition } from '../../metadata/types';
import { childrenNamed, firstChild, type XmlElement } from '../../xml/parse-xml';
import type { CoverRef } from '../types';

/**
 * The OPF package document (EPUB 2 and 3) → BookMetadata and cover entries.
 * Values are facts as found: whitespace tidied, nothing split or guessed
 * beyond classifying identifiers.
 */

export type EntryCover = Extract<CoverRef, { kind: 'entry' }>;

export interface PackageDocument {
  /** The package's `version` attribute ("2.0", "3.0"), when given. */
  version?: string;
  metadata: BookMetadata;
  /** Cover entries, best first; the caller keeps the first that exists in the archive. */
  covers: EntryCover[];
  warnings: string[];
}

export function readOpf(root: XmlElement, opfPath: string): PackageDocument {
  if (root.name.toLowerCase() !== 'package') {
    throw new BookFormatError(
      'missing-package',
      `${opfPath} is not an OPF package document (its root element is <${root.name}>).`,
    );
  }
  const warnings: string[] = [];
  const metadataElement = childNamed(root, 'metadata');
  if (!metadataElement) warnings.push(`${opfPath} has no <metadata> section.`);
  const meta = indexMetadata(metadataElement);
  const opfDir = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/')) : '';
  const manifest = readManifest(root, opfDir);
  const { series, collections } = readCollections(meta);
  const people = readPeople(meta);

  const metadata: BookMetadata = {
    ...readTitles(meta),
    authors: people.authors,
    contributors: people.contributors,
    languages: uniqueText(meta.dc('language').map((el) => clean(el.text))),
    identifiers: readIdentifiers(meta),
    publisher: clean(meta.dc('publisher')[0]?.text),
    published: readPublished(meta),
    modified: clean(meta.value('dcterms:modified')),
    description: meta.dc('description')[0]?.text.trim() || undefined,
    subjects: uniqueText(meta.dc('subject').map((el) => clean(el.text))),
    series,
    collections,
  };
  return {
    version: root.attributes['version']?.trim(),
    metadata: compact(metadata),
    covers: coverCandidates(root, manifest, meta, opfDir),
    warnings,
  };
}

// ── The metadata section, indexed ───────────────────────────────────────────

interface Refinement {
  property: string;
  value: string;
  scheme?: string;
}

interface MetadataIndex {
  /** Dublin Core elements with any of these local names (lower case), in document order. */
  dc(...names: string[]): XmlElement[];
  /** EPUB 3 `<meta property>` without `refines`, in document order. */
  properties(name: string): XmlElement[];
  /** A meta value by EPUB 3 property or EPUB 2 name/content. */
  value(key: string): string | undefined;
  /** Refinements (`<meta refines="#id">`) of an element, by property. */
  refined(element: XmlElement, property: string): Refinement[];
}

function indexMetadata(metadata: XmlElement | undefined): MetadataIndex {
  // OEB 1.2 style packages nest the elements in <dc-metadata> and <x-metadata>.
  const elements = (metadata?.children ?? []).flatMap((el) =>
    /^(dc|x)-metadata$/i.test(el.name) ? el.children : [el],
  );
  const metas = elements.filter((el) => el.name === 'meta');
  const refinements = new Map<string, Refinement[]>();
  for (const el of metas) {
    const target = el.attributes['refines']?.trim();
    const property = el.attributes['property']?.trim();
    const value = clean(el.text);
    if (!target?.startsWith('#') || !property || value === undefined) continue;
    const list = refinements.get(target.slice(1)) ?? [];
    list.push({ property, value, scheme: el.attributes['scheme']?.trim() });
    refinements.set(target.slice(1), list);
  }
  const properties = (name: string) =>
    metas.filter((el) => el.attributes['property']?.trim() === name && !el.attributes['refines']);
  return {
    dc: (...names) => elements.filter((el) => names.includes(el.name.toLowerCase())),
    properties,
    value: (key) => {
      for (const el of metas) {
        if (el.attributes['name']?.trim() === key) return clean(el.attributes['content']);
      }
      return clean(properties(key)[0]?.text);
    },
    refined: (element, property) => {
      const id = element.attributes['id']?.trim();
      return (id && refinements.get(id)?.filter((r) => r.property === property)) || [];
    },
  };
}

/** The file-as of an element: EPUB 3 refinement, else EPUB 2 `opf:file-as`. */
function fileAs(meta: MetadataIndex, el: XmlElement): string | undefined {
  return meta.refined(el, 'file-as')[0]?.value ?? clean(el.attributes['file-as']);
}

// ── Fields ──────────────────────────────────────────────────────────────────

function readTitles(meta: MetadataIndex): Pick<BookMetadata, 'title' | 'subtitle' | 'sortTitle'> {
  const titles = meta
    .dc('title')
    .map((el) => ({
      el,
      text: clean(el.text),
      type: (
        meta.refined(el, 'title-type')[0]?.value ?? el.attributes['title-type']
      )?.toLowerCase(),
    }))
    .filter((t) => t.text !== undefined);
  const main =
    titles.find((t) => t.type === 'main') ??
    titles.find((t) => t.type === undefined) ??
    titles.find((t) => t.type === 'expanded' || t.type === 'extended') ??
    titles[0];
  if (!main) return {};
  const subtitle = titles.find((t) => t.type === 'subtitle');
  return { title: main.text, subtitle: subtitle?.text, sortTitle: fileAs(meta, main.el) };
}

const MARC_RELATORS = 'marc:relators';

function readPeople(meta: MetadataIndex): { authors: Person[]; contributors: Person[] } {
  const authors: { person: Person; seq: number }[] = [];
  const contributors: { person: Person; seq: number }[] = [];
  for (const el of meta.dc('creator', 'contributor')) {
    const name = clean(el.text);
    if (!name) continue;
    const refinedRoles = meta
      .refined(el, 'role')
      .filter((r) => !r.scheme || r.scheme.toLowerCase() === MARC_RELATORS)
      .map((r) => r.value);
    const roleAttribute = clean(el.attributes['role']);
    const roles = uniqueText(
      (refinedRoles.length > 0 ? refinedRoles : roleAttribute ? [roleAttribute] : []).map((r) =>
        r.toLowerCase(),
      ),
    );
    const isAuthor = el.name.toLowerCase() === 'creator' && (!roles || roles.includes('aut'));
    const person: Person = { name, roles: roles ?? (isAuthor ? ['aut'] : []) };
    const sortName = fileAs(meta, el);
    if (sortName) person.sortName = sortName;
    const seq = Number(meta.refined(el, 'display-seq')[0]?.value);
    (isAuthor ? authors : contributors).push({
      person,
      seq: Number.isFinite(seq) ? seq : Infinity,
    });
  }
  // display-seq orders people explicitly; sort is stable, so document order breaks ties.
  const ordered = (list: typeof authors) => list.sort((a, b) => a.seq - b.seq).map((p) => p.person);
  return { authors: ordered(authors), contributors: ordered(contributors) };
}

/** ONIX code list 5 values EPUB 3 uses in `identifier-type` refinements. */
const ONIX_IDENTIFIER_TYPES: Record<string, string> = {
  '02': 'isbn',
  '15': 'isbn',
  '06': 'doi',
  '22': 'urn',
  '01': 'proprietary',
};

function readIdentifiers(meta: MetadataIndex): Identifier[] | undefined {
  const found: Identifier[] = [];
  for (const el of meta.dc('identifier')) {
    const value = clean(el.text);
    if (!value) continue;
    const refinement = meta.refined(el, 'identifier-type')[0];
    const scheme =
      clean(el.attributes['scheme']) ??
      (refinement?.scheme?.toLowerCase().startsWith('onix')
        ? ONIX_IDENTIFIER_TYPES[refinement.value]
        : refinement?.value);
    const id = classifyIdentifier(value, scheme);
    if (!found.some((f) => f.scheme === id.scheme && f.value === id.value)) found.push(id);
  }
  return found.length > 0 ? found : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOI = /^10\.\d{4,9}\/\S+$/;

/** Sorts an identifier into a scheme by prefix, declared scheme, then shape. */
export function classifyIdentifier(value: string, declaredScheme?: string): Identifier {
  const prefixed = /^(?:urn:)?([a-z][a-z0-9-]*):(.+)$/i.exec(value);
  const prefix = prefixed?.[1]?.toLowerCase();
  const rest = prefixed?.[2]?.trim() ?? '';
  if (/^https?:\/\//i.test(value)) {
    const doi = /^https?:\/\/(?:dx\.)?doi\.org\/(.+)$/i.exec(value)?.[1];
    return doi ? { scheme: 'doi', value: safeDecode(doi) ?? doi } : { scheme: 'uri', value };
  }
  switch (prefix) {
    case 'isbn':
      return isbn(rest, true) ?? { scheme: 'other', value };
    case 'uuid':
      return { scheme: 'uuid', value: rest.toLowerCase() };
    case 'doi':
      return { scheme: 'doi', value: rest };
    case 'issn':
      return { scheme: 'issn', value: rest };
    case 'asin':
    case 'mobi-asin':
    case 'amazon':
      return { scheme: 'asin', value: rest };
    case 'uri':
    case 'url':
      return { scheme: 'uri', value: rest };
    case 'calibre':
      return { scheme: 'other', value };
  }
  const scheme = declaredScheme?.trim().toLowerCase();
  switch (scheme) {
    case 'isbn':
      return isbn(value, true) ?? { scheme: 'other', value: `isbn:${value}` };
    case 'uuid':
      return { scheme: 'uuid', value: value.toLowerCase() };
    case 'doi':
    case 'issn':
      return { scheme, value };
    case 'asin':
    case 'mobi-asin':
    case 'amazon':
      return { scheme: 'asin', value };
    case 'uri':
    case 'url':
      return { scheme: 'uri', value };
  }
  if (UUID.test(value)) return { scheme: 'uuid', value: value.toLowerCase() };
  if (DOI.test(value)) return { scheme: 'doi', value };
  const shaped = isbn(value, false);
  if (shaped) return shaped;
  // Keep the scheme the file declared, so "GOOGLE" ids stay recognisable.
  const keep =
    scheme && !value.toLowerCase().startsWith(`${scheme}:`) ? `${scheme}:${value}` : value;
  return { scheme: 'other', value: keep };
}

/** Normalised ISBN digits; a value not declared as an ISBN must also pass its check digit. */
function isbn(value: string, declared: boolean): Identifier | undefined {
  const digits = value.replace(/[\s-]/g, '').toUpperCase();
  const shaped = /^\d{9}[\dX]$/.test(digits) || /^97[89]\d{10}$/.test(digits);
  const shapedIfDeclared = shaped || /^\d{13}$/.test(digits);
  if (!(declared ? shapedIfDeclared : shaped && isbnCheckDigitValid(digits))) return undefined;
  return { scheme: 'isbn', value: digits };
}

const ISO_DATE = /^(\d{4})(-\d{2}(-\d{2})?)?([T ].*)?$/;
const NOT_PUBLICATION = new Set(['modification', 'conversion']);

/** dc:date: an OPF 2 `opf:event="publication"` first, else an undescribed date. */
function readPublished(meta: MetadataIndex): string | undefined {
  const dates = meta
    .dc('date')
    .map((el) => ({ value: clean(el.text), event: el.attributes['event']?.trim().toLowerCase() }))
    .filter((d): d is { value: string; event: string | undefined } => plausibleDate(d.value));
  const chosen =
    dates.find((d) => d.event === 'publication' || d.event === 'original-publication') ??
    dates.find((d) => !d.event) ??
    dates.find((d) => d.event !== undefined && !NOT_PUBLICATION.has(d.event));
  return chosen?.value;
}

/** ISO-shaped and not a tool's placeholder such as calibre's 0101-01-01. */
function plausibleDate(value: string | undefined): boolean {
  const year = value === undefined ? undefined : ISO_DATE.exec(value)?.[1];
  if (year === undefined || value === undefined) return false;
  return Number(year) >= 1000 || !/^\d{4}-01-01/.test(value);
}

function readCollections(meta: MetadataIndex): Pick<BookMetadata, 'series' | 'collections'> {
  const all: SeriesPosition[] = [];
  for (const el of meta.properties('belongs-to-collection')) {
    const name = clean(el.text);
    if (!name) continue;
    const type = meta.refined(el, 'collection-type')[0]?.value.toLowerCase();
    const number = parseSeriesNumber(meta.refined(el, 'group-position')[0]?.value);
    all.push(seriesPosition(name, number, type === 'series' ? 'series' : 'set'));
  }
  const series = all.find((c) => c.kind === 'series') ?? calibreSeries(meta);
  const collections = all.filter((c) => c !== series);
  return { series, collections: collections.length > 0 ? collections : undefined };
}

/** calibre's EPUB 2 convention: `<meta name="calibre:series" content="…"/>`. */
function calibreSeries(meta: MetadataIndex): SeriesPosition | undefined {
  const name = meta.value('calibre:series');
  if (!name) return undefined;
  return seriesPosition(name, parseSeriesNumber(meta.value('calibre:series_index')), 'series');
}

function seriesPosition(
  name: string,
  number: number | undefined,
  kind: SeriesPosition['kind'],
): SeriesPosition {
  return number === undefined ? { name, kind } : { name, number, kind };
}

/** "1", "2.5", "1.0", "2,5" → a number; anything else → undefined. */
export function parseSeriesNumber(text: string | undefined): number | undefined {
  const trimmed = text?.trim();
  if (!trimmed || !/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(trimmed)) return undefined;
  const number = Number(trimmed.replace(',', '.'));
  return Number.isFinite(number) ? number : undefined;
}

// ── Cover ───────────────────────────────────────────────────────────────────

interface ManifestItem {
  id?: string;
  href: string;
  /** Archive path, resolved against the OPF's folder; undefined when it leaves the archive. */
  path?: string;
  mediaType?: string;
  properties: string[];
}

function readManifest(root: XmlElement, opfDir: string): ManifestItem[] {
  const manifest = childNamed(root, 'manifest');
  return (manifest ? childrenNamed(manifest, 'item') : []).flatMap((el) => {
    const href = el.attributes['href']?.trim();
    if (!href) return [];
    return [
      {
        id: el.attributes['id']?.trim(),
        href,
        path: resolveHref(opfDir, href),
        mediaType: el.attributes['media-type']?.trim().toLowerCase(),
        properties: (el.attributes['properties'] ?? '').split(/\s+/).filter(Boolean),
      },
    ];
  });
}

const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|svg|bmp|avif)$/i;

function isImage(item: ManifestItem): boolean {
  return item.mediaType
    ? item.mediaType.startsWith('image/')
    : IMAGE_EXTENSION.test(item.path ?? '');
}

/** Cover entries in order of trust: EPUB 3 property, EPUB 2 meta, guide, then by name. */
function coverCandidates(
  root: XmlElement,
  manifest: ManifestItem[],
  meta: MetadataIndex,
  opfDir: string,
): EntryCover[] {
  const found: (ManifestItem | undefined)[] = [];
  found.push(manifest.find((item) => item.properties.includes('cover-image')));

  const coverMeta = meta.value('cover');
  if (coverMeta) {
    // Usually a manifest id; some files put the href there instead.
    const path = resolveHref(opfDir, coverMeta);
    const item =
      manifest.find((i) => i.id === coverMeta) ??
      manifest.find((i) => i.href === coverMeta || (path !== undefined && i.path === path));
    found.push(item ?? (path ? { href: coverMeta, path, properties: [] } : undefined));
  }

  const guide = childNamed(root, 'guide');
  for (const ref of guide ? childrenNamed(guide, 'reference') : []) {
    const type = ref.attributes['type']?.trim().toLowerCase() ?? '';
    const href = ref.attributes['href']?.trim();
    const path = href === undefined ? undefined : resolveHref(opfDir, href);
    if (!path || !(type === 'cover' || type.includes('coverimage'))) continue;
    // A cover page (XHTML) needs its own parse to find the image; that is for later.
    found.push(manifest.find((i) => i.path === path) ?? { href: path, path, properties: [] });
  }

  const images = manifest.filter(isImage);
  found.push(images.find((i) => /cover/i.test(i.id ?? '') || /cover/i.test(i.href)));
  found.push(images[0]);

  const covers: EntryCover[] = [];
  for (const item of found) {
    if (!item?.path || !isImage(item) || covers.some((c) => c.path === item.path)) continue;
    covers.push(
      item.mediaType
        ? { kind: 'entry', path: item.path, mediaType: item.mediaType }
        : { kind: 'entry', path: item.path },
    );
  }
  return covers;
}

/**
 * An href from the OPF as an archive path: fragment and query dropped,
 * percent-decoded, `.`/`..` resolved. Undefined for URLs with a scheme and
 * for paths that climb out of the archive.
 */
export function resolveHref(baseDir: string, href: string): string | undefined {
  const bare = href.trim().replace(/[#?].*$/, '');
  if (!bare || /^[a-z][a-z0-9+.-]*:/i.test(bare)) return undefined;
  const decoded = safeDecode(bare) ?? bare;
  const parts = decoded.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') parts.push(segment);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}

// ── Small helpers ───────────────────────────────────────────────────────────

/** Whitespace collapsed and trimmed; undefined when nothing is left. */
function clean(text: string | undefined): string | undefined {
  const cleaned = text?.replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned : undefined;
}

/** Present values, first spelling kept, duplicates (ignoring case) dropped; undefined when empty. */
function uniqueText(values: (string | undefined)[]): string[] | undefined {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const value of values) {
    if (value === undefined || seen.has(value.toLowerCase())) continue;
    seen.add(value.toLowerCase());
    kept.push(value);
  }
  return kept.length > 0 ? kept : undefined;
}

function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return firstChild(element, name) ?? element.children.find((c) => c.name.toLowerCase() === name);
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Drops undefined fields and empty lists, so a field present is a field found. */
function compact(metadata: BookMetadata): BookMetadata {
  const out: BookMetadata = {};
  for (const [key, value] of Object.entries(metadata) as [keyof BookMetadata, unknown][]) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    Object.assign(out, { [key]: value });
  }
  return out;
}
