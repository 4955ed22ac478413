import { BookFormatError } from '../../errors';
import type { BookMetadata } from '../../metadata/types';
import type { XmlElement } from '../../xml/parse-xml';
import { childNamed } from './child-named';
import { readCollections } from './collections';
import { coverCandidates, type EntryCover } from './cover-candidates';
import { readIdentifiers } from './identifiers';
import { readManifest } from './manifest';
import { indexMetadata } from './metadata-index';
import { readPeople } from './people';
import { readFirstPublished, readPublished } from './publication-date';
import { readTitles } from './titles';
import { compactMetadata } from '../../metadata/candidates';
import { keepSubjects } from '../../metadata/subject-values';
import { clean, uniqueText } from '../../metadata/text-values';

export type { EntryCover } from './cover-candidates';
export { parseSeriesNumber } from './collections';
export { classifyIdentifier } from './identifiers';
export { resolveHref } from './manifest';

/**
 * The OPF package document (EPUB 2 and 3) → BookMetadata and cover entries.
 * Values are facts as found: whitespace tidied, nothing split or guessed
 * beyond classifying identifiers.
 */

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
    firstPublished: readFirstPublished(meta),
    modified: clean(meta.value('dcterms:modified')),
    description: meta.dc('description')[0]?.text.trim() || undefined,
    subjects: uniqueText(
      keepSubjects(
        meta.dc('subject').flatMap((el) => clean(el.text) ?? []),
        'The EPUB’s dc:subject',
        warnings,
      ),
    ),
    series,
    collections,
  };
  return {
    version: root.attributes['version']?.trim(),
    metadata: compactMetadata(metadata),
    covers: coverCandidates(root, manifest, meta, opfDir),
    warnings,
  };
}

/** Drops undefined fields and empty lists, so a field present is a field found. */
