import type { Extraction } from '#core/formats/types';
import type { BookMetadata, FieldCandidate, MetadataField } from '#core/metadata/types';
import type { EpubMetadata } from './epub-book';

const LANGUAGE = /^[A-Za-z]{2,8}(?:-[A-Za-z\d]{1,8})*$/;

/**
 * The converted EPUB's package metadata, from what the catalog's own MOBI
 * parser read (EXTH, the MOBI header, the PalmDB name): the same title and
 * authors the library shows. `identifier` names the source file's content.
 */
export function epubMetadata(
  extraction: Extraction,
  options: { fileName: string; identifier: string; mtimeMs: number },
): EpubMetadata {
  const best = <K extends MetadataField>(field: K): BookMetadata[K] | undefined => {
    const found = extraction.candidates
      .filter((c): c is Extract<FieldCandidate, { field: K }> => c.field === field)
      .sort((a, b) => b.confidence - a.confidence)[0];
    return found?.value as BookMetadata[K] | undefined;
  };
  const language = best('languages')?.find((tag) => LANGUAGE.test(tag)) ?? 'und';
  const title = best('title')?.trim() || options.fileName.replace(/\.[^.]+$/, '');
  return {
    identifier: options.identifier,
    title,
    authors: (best('authors') ?? []).map((person) => person.name).filter(Boolean),
    language,
    ...optional('publisher', best('publisher')),
    ...optional('description', best('description')),
    ...optional('published', best('published')),
    modified: new Date(Math.trunc(options.mtimeMs / 1000) * 1000)
      .toISOString()
      .replace('.000Z', 'Z'),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const text = value?.trim();
  return text ? ({ [key]: text } as Record<K, string>) : {};
}
