import { toIso639_1 } from '../metadata/languages';

/**
 * The tag a `language:` value stands for. It takes a tag (en, fr, pt-br) or a
 * language's name or ISO 639-2 code, since that is what people type; a tag
 * with a region, or a pattern, is taken as written.
 */
export function languageTag(value: string): string {
  const lower = value.trim().toLowerCase();
  if (/[-_*]/.test(lower)) return lower;
  return toIso639_1(lower) ?? lower;
}

/** Whether a book's language tag is the one asked for: `en` also takes `en-gb`. */
export function languageMatches(tag: string, asked: string): boolean {
  return tag === asked || tag.startsWith(asked + '-');
}
