/**
 * Particles that stand inside personal names, in lower case: the one list that
 * reading names from paths, merging authors and deriving sort names share.
 * Capitalised before the surname they belong to it ("Le Guin, Ursula K."); in
 * lower case they follow the given names ("Beethoven, Ludwig van").
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'du',
  'da',
  'di',
  'del',
  'della',
  'des',
  'dos',
  'das',
  'la',
  'le',
  'ten',
  'ter',
  'zu',
]);

/**
 * Arabic particles ("Ahmad ibn Hanbal", "Mohamed El Baradei"). Kept apart:
 * "Al" and "El" are given names too, so merge, which judges a word on its own
 * (a key without particles, "van Gogh" left as it is), does not count them.
 */
export const ARABIC_NAME_PARTICLES: ReadonlySet<string> = new Set(['bin', 'ibn', 'al', 'el']);

/** True for a particle in any case ("de", "De"); with `arabic`, bin, ibn, al and el too. */
export function isNameParticle(word: string, { arabic = false } = {}): boolean {
  const lower = word.toLowerCase();
  return NAME_PARTICLES.has(lower) || (arabic && ARABIC_NAME_PARTICLES.has(lower));
}
