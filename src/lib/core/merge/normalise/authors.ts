import { compoundSurnameStart } from '../../metadata/compound-surnames';
import { isNameParticle } from '../../metadata/name-particles';
import type { Person } from '../../metadata/types';
import { textKey } from './text';

const SUFFIX = /^(jr|sr|ii|iii|iv)\.?$/i;
// Chinese, Japanese and Korean names are written family name first already.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
// "H.G." or "J.R.R": initials run together, spaced out in a sort name.
const GLUED_INITIALS = /^(\p{Lu}\.)+\p{Lu}\.?$/u;
// "JRR", "HG" as a given name: initials without their dots.
const BARE_INITIALS = /^\p{Lu}{2,3}$/u;

const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);
const isSuffix = (text: string): boolean => SUFFIX.test(text.trim());

function spaceInitials(word: string): string {
  return GLUED_INITIALS.test(word)
    ? (word.match(/\p{Lu}/gu) ?? []).map((c) => `${c}.`).join(' ')
    : word;
}

function tidy(text: string): string {
  return text.split(' ').filter(Boolean).map(spaceInitials).join(' ');
}

/** "Given Names particles Surname [Suffix]" → "Surname, Given Names particles[, Suffix]". */
function invert(text: string, givenSuffix: string | undefined): string {
  const words = text.split(' ').filter(Boolean);
  let suffix = givenSuffix;
  const lastWord = words[words.length - 1];
  if (suffix === undefined && words.length > 2 && lastWord !== undefined && isSuffix(lastWord)) {
    suffix = lastWord;
    words.pop();
  }
  const tail = suffix ? `, ${suffix}` : '';
  if (words.length < 2) return `${words.join(' ')}${tail}`;
  // Surname: the last word, plus capitalised particles just before it ("Le
  // Guin, Ursula K.", as English usage files them); then lower-case particles
  // just before those, which follow the given names ("Beethoven, Ludwig van").
  // One given word always remains.
  let surnameAt = words.length - 1;
  while (
    surnameAt > 1 &&
    isNameParticle(words[surnameAt - 1] ?? '') &&
    isCapitalised(words[surnameAt - 1] ?? '')
  )
    surnameAt--;
  // "Ortega y Gasset", "García Márquez": see compound-surnames.ts for the rule.
  surnameAt = compoundSurnameStart(words, surnameAt);
  let particlesAt = surnameAt;
  while (particlesAt > 1 && isNameParticle(words[particlesAt - 1] ?? '')) particlesAt--;
  const given = words.slice(0, particlesAt);
  // "van Gogh": nothing but a particle before the surname; no inversion to make.
  if (given.every((word) => isNameParticle(word))) return `${words.join(' ')}${tail}`;
  const particles = words.slice(particlesAt, surnameAt);
  const surname = words.slice(surnameAt).join(' ');
  return `${surname}, ${tidy([...given, ...particles].join(' '))}${tail}`;
}

/**
 * A name as it sorts, "Last, First": "H. G. Wells" → "Wells, H. G.",
 * "Ludwig van Beethoven" → "Beethoven, Ludwig van", "Martin Luther King Jr."
 * → "King, Martin Luther, Jr.", "Gabriel García Márquez" → "García Márquez,
 * Gabriel". Names already inverted are only tidied; single
 * names and CJK names stay as they are.
 */
export function authorSortName(name: string): string {
  const text = name.replace(/\s+/g, ' ').trim();
  if (text === '' || CJK.test(text)) return text;
  const comma = text.indexOf(',');
  if (comma < 0) return invert(text, undefined);
  const head = text.slice(0, comma).trim();
  const rest = text.slice(comma + 1).trim();
  // "Martin Luther King, Jr." is not inverted: the comma only sets off the suffix.
  if (isSuffix(rest)) return invert(head, rest);
  const pieces = rest.split(',').map((p) => p.trim());
  return [head, ...pieces.filter(Boolean).map(tidy)].join(', ');
}

/** The sort name a person should carry: the source's own when it gave one. */
export function personSortName(person: Person): string {
  const given = person.sortName?.replace(/\s+/g, ' ').trim();
  return given ? given : authorSortName(person.name);
}

function keyWords(text: string, bareInitials: boolean): string[] {
  return text
    .split(/\s+/)
    .map((word) => (bareInitials && BARE_INITIALS.test(word) ? [...word].join(' ') : word))
    .flatMap((word) => textKey(word).split(' '))
    .filter((word) => word !== '' && !isNameParticle(word));
}

/**
 * A key equal for two spellings of one name: case, accents, punctuation,
 * initials with or without dots, inverted or not, particles anywhere.
 * "Wells, H.G." = "H. G. Wells" = "HG Wells"; "van Beethoven, Ludwig" =
 * "Ludwig van Beethoven". Particles are dropped wherever they stand, so
 * "Le Guin" keys as "guin" and the one-word "LeGuin" does not match: rare, and
 * safer than guessing which capitalised prefixes are particles.
 */
export function authorIdentityKey(name: string): string {
  const text = name.replace(/\s+/g, ' ').trim();
  if (CJK.test(text)) return textKey(text).replace(/ /g, '');
  const sort = authorSortName(text);
  const comma = sort.indexOf(',');
  const surname = comma < 0 ? sort : sort.slice(0, comma);
  const given = comma < 0 ? '' : sort.slice(comma + 1);
  return `${keyWords(surname, false).join('')}|${keyWords(given, true).join(' ')}`;
}

/** One key for a list of people: who is credited, in any order. */
export function peopleKey(people: readonly Person[]): string | undefined {
  const keys = [...new Set(people.map((p) => authorIdentityKey(p.name)))]
    .filter((key) => key !== '|' && key !== '')
    .sort();
  return keys.length > 0 ? keys.join(';') : undefined;
}
