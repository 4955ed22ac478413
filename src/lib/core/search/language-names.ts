/**
 * `language:` takes a tag (en, fr, pt-br) or, for the common languages, an
 * English name or ISO 639-2 code, since that is what people type.
 */
const NAMES: Record<string, string> = {
  english: 'en',
  eng: 'en',
  french: 'fr',
  fra: 'fr',
  fre: 'fr',
  german: 'de',
  deu: 'de',
  ger: 'de',
  spanish: 'es',
  spa: 'es',
  italian: 'it',
  ita: 'it',
  portuguese: 'pt',
  por: 'pt',
  dutch: 'nl',
  nld: 'nl',
  dut: 'nl',
  russian: 'ru',
  rus: 'ru',
  japanese: 'ja',
  jpn: 'ja',
  chinese: 'zh',
  zho: 'zh',
  chi: 'zh',
  korean: 'ko',
  kor: 'ko',
  polish: 'pl',
  pol: 'pl',
  swedish: 'sv',
  swe: 'sv',
  czech: 'cs',
  ces: 'cs',
  cze: 'cs',
  arabic: 'ar',
  ara: 'ar',
  latin: 'la',
  lat: 'la',
  greek: 'el',
  ell: 'el',
  gre: 'el',
};

/** The tag a `language:` value stands for. */
export function languageTag(value: string): string {
  const lower = value.trim().toLowerCase();
  return NAMES[lower] ?? lower;
}

/** Whether a book's language tag is the one asked for: `en` also takes `en-gb`. */
export function languageMatches(tag: string, asked: string): boolean {
  return tag === asked || tag.startsWith(asked + '-');
}
