import { metadataCandidates } from '../../metadata/candidates';
import type { ArchiveEntryInfo, ArchiveReader } from '../../archive/archive';
import { readRarComment } from '../../archive/rar-comment';
import type { ByteSource } from '../../bytes/byte-source';
import { BookFormatError } from '../../errors';
import { ORIGIN_CONFIDENCE } from '../../metadata/confidence';
import { candidate, type FieldCandidate, type Origin } from '../../metadata/types';
import type { FormatPlatform, RasterImage } from '../platform';
import type { CoverRef, Extraction } from '../types';
import { readComicBookInfo } from './comicbookinfo';
import { readComicInfo } from './comicinfo';
import { readCoMet } from './comet';
import { openComicArchive, type Container } from './container';
import { imageTypeFromName, sniffImageType } from '../../images/image-type';
import { readMetronInfo } from './metroninfo';
import { comparePagePaths, isHiddenSegment, sortPages } from './pages';
import { type ComicMetadata } from './values';

/**
 * Comic archives (CBZ, CBR, CB7, CBT): the container is chosen by content,
 * the pages are the images in natural order, and every metadata record found
 * contributes candidates under its own origin — ComicInfo.xml, MetronInfo.xml,
 * CoMet.xml and ComicBookInfo in the archive comment. readComic reads only
 * the metadata entries (each capped), never a page.
 */

export type ComicFormat = 'cbz' | 'cbr' | 'cb7' | 'cbt';

/** Metadata documents are a few KiB; anything bigger is not one. */
export const MAX_METADATA_BYTES = 1024 * 1024;
/** A page image worth thumbnailing is far smaller than this. */
export const MAX_COVER_BYTES = 64 * 1024 * 1024;

type Parser = (text: string, name: string) => ComicMetadata;

const SIDECARS: [fileName: string, origin: Origin, parse: Parser][] = [
  ['ComicInfo.xml', 'embedded:comicinfo', readComicInfo],
  ['MetronInfo.xml', 'embedded:metroninfo', readMetronInfo],
  ['CoMet.xml', 'embedded:comet', readCoMet],
];

export async function readComic(
  source: ByteSource,
  format: ComicFormat,
  platform: FormatPlatform,
): Promise<Extraction> {
  const { archive, container } = await openComicArchive(source, format, platform);
  try {
    const warnings = unsafeWarning(archive);
    const pages = sortPages(archive.entries);
    if (pages.some((page) => page.encrypted)) {
      throw new BookFormatError(
        'encrypted-archive',
        `${source.name} is password-protected: its pages are encrypted and cannot be shown.`,
      );
    }
    const candidates: FieldCandidate[] = [];
    const found = new Map<Origin, { entry?: ArchiveEntryInfo; record: ComicMetadata }>();
    for (const [fileName, origin, parse] of SIDECARS) {
      const entry = findMetadataEntry(archive.entries, fileName);
      const record = entry && (await readSidecar(archive, entry, parse, warnings));
      if (record) found.set(origin, { entry, record });
    }
    const cbi = await readCommentRecord(source, archive, container, warnings);
    if (cbi) found.set('embedded:comicbookinfo', { record: cbi });
    for (const [origin, { record }] of found) {
      candidates.push(...metadataCandidates(record.metadata, origin));
      warnings.push(...record.warnings);
    }

    const comicInfo = found.get('embedded:comicinfo')?.record;
    if (!comicInfo?.metadata.pageCount && pages.length > 0) {
      // ComicInfo's PageCount is defined as the pages the book holds: when the
      // record is missing or says 0, the count of the archive's pages stands in.
      const origin = 'embedded:comicinfo';
      candidates.push(candidate('pageCount', pages.length, origin, ORIGIN_CONFIDENCE[origin]));
    }
    if (pages.length === 0) {
      warnings.push(
        `${source.name} has no pages (no JPEG, PNG, GIF, WebP, AVIF, JPEG XL or BMP images); ` +
          'it was cataloged without a cover.',
      );
    }
    const cover = chooseCover(pages, comicInfo, found.get('embedded:comet'), warnings);
    return { format, candidates, ...(cover && { cover }), flags: {}, warnings };
  } finally {
    await archive.close();
  }
}

/** The page a CoverRef names, with its media type sniffed from its bytes. */
export async function readComicCover(
  source: ByteSource,
  format: ComicFormat,
  ref: CoverRef,
  platform: FormatPlatform,
): Promise<RasterImage | undefined> {
  if (ref.kind !== 'entry') return undefined;
  const { archive } = await openComicArchive(source, format, platform);
  try {
    const entry = archive.find(ref.path);
    if (!entry || entry.directory || entry.unsafe) return undefined;
    const bytes = await archive.read(entry.name, MAX_COVER_BYTES);
    const mediaType = sniffImageType(bytes);
    return mediaType ? { bytes, mediaType } : undefined;
  } finally {
    await archive.close();
  }
}

/**
 * The metadata entry with this file name (ignoring case): one at the root
 * wins, else the shallowest nested one (natural order breaks ties). Entries
 * under `__MACOSX/`, hidden ones and unsafe names are never used.
 */
export function findMetadataEntry(
  entries: readonly ArchiveEntryInfo[],
  fileName: string,
): ArchiveEntryInfo | undefined {
  const wanted = fileName.toLowerCase();
  const depth = (name: string) => name.split('/').filter((s) => s !== '.').length;
  return entries
    .filter((entry) => {
      if (entry.directory || entry.unsafe) return false;
      const segments = entry.name.split('/');
      if (segments.some(isHiddenSegment)) return false;
      return segments[segments.length - 1]?.toLowerCase() === wanted;
    })
    .sort((a, b) => depth(a.name) - depth(b.name) || comparePagePaths(a.name, b.name))[0];
}

async function readSidecar(
  archive: ArchiveReader,
  entry: ArchiveEntryInfo,
  parse: Parser,
  warnings: string[],
): Promise<ComicMetadata | undefined> {
  try {
    return parse(await archive.readText(entry.name, MAX_METADATA_BYTES), entry.name);
  } catch (error) {
    if (!(error instanceof BookFormatError)) throw error;
    warnings.push(`${entry.name} was not used: ${error.message}`);
    return undefined;
  }
}

/** ComicBookInfo from the archive comment; RAR comments come from our own header walk. */
async function readCommentRecord(
  source: ByteSource,
  archive: ArchiveReader,
  container: Container,
  warnings: string[],
): Promise<ComicMetadata | undefined> {
  let comment = archive.comment;
  if (comment === undefined && container === 'rar') {
    try {
      comment = await readRarComment(source);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      warnings.push(`The RAR archive comment could not be read (${reason}).`);
    }
  }
  return comment === undefined ? undefined : readComicBookInfo(comment);
}

function unsafeWarning(archive: ArchiveReader): string[] {
  const unsafe = archive.entries.filter((entry) => entry.unsafe).map((entry) => entry.name);
  if (unsafe.length === 0) return [];
  return [
    `The archive has entries whose names point outside it or that are links ` +
      `(${unsafe.join(', ')}); they were ignored.`,
  ];
}

/** ComicInfo's FrontCover page, else CoMet's coverImage, else the first page. */
function chooseCover(
  pages: readonly ArchiveEntryInfo[],
  comicInfo: ComicMetadata | undefined,
  comet: { entry?: ArchiveEntryInfo; record: ComicMetadata } | undefined,
  warnings: string[],
): CoverRef | undefined {
  const index = comicInfo?.frontCoverIndex;
  let page = index === undefined ? undefined : pages[index];
  if (index !== undefined && !page && pages.length > 0) {
    warnings.push(
      `ComicInfo.xml names page ${index} as the front cover, but the archive has ` +
        `${pages.length} pages; the first page was used.`,
    );
  }
  page ??= cometCover(pages, comet) ?? pages[0];
  if (!page) return undefined;
  const mediaType = imageTypeFromName(page.name);
  return mediaType
    ? { kind: 'entry', path: page.name, mediaType }
    : { kind: 'entry', path: page.name };
}

/** CoMet's coverImage, relative to the CoMet file's folder, else a page with that file name. */
function cometCover(
  pages: readonly ArchiveEntryInfo[],
  comet: { entry?: ArchiveEntryInfo; record: ComicMetadata } | undefined,
): ArchiveEntryInfo | undefined {
  const image = comet?.record.coverImage;
  if (!image) return undefined;
  const name = comet.entry?.name ?? '';
  const folder = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
  const wanted = (folder + image).toLowerCase();
  return (
    pages.find((p) => p.name.toLowerCase() === wanted) ??
    pages.find((p) => p.name.split('/').pop()?.toLowerCase() === image.toLowerCase())
  );
}
