import { titleSortKey } from '#core/books/sort-key';
import type { BookFormat } from '#core/formats/types';
import { gs1CheckDigit } from '#core/metadata/isbn';
import { subjectsToGenres } from '#core/merge/normalise/genres';
import type { BookStatus } from '#core/schema/book-doc';
import { completenessOf, personSortKey, type SearchDoc } from '#core/search/search-doc';
import { seededRandom } from '../tests/support/seeded-random';

/**
 * A deterministic catalog of made-up but realistic books, for benchmarks of
 * search and of the UI: the same seed gives the same books on every machine.
 * Word choice follows Zipf's law, and descriptions draw on a long tail of
 * made-up words, so vocabularies grow with the catalog the way real ones do.
 */

const ADJECTIVES = (
  'silent dark last lost hidden golden broken secret burning frozen distant ancient bright ' +
  'crimson hollow wild quiet forgotten final endless empty fallen iron glass little great ' +
  'strange wandering sleeping shining bitter sweet cold red black white blue green grey ' +
  'scarlet midnight winter summer northern southern eastern western new old young'
).split(' ');

const NOUNS = (
  'night house river city garden road war shadow star king queen kingdom sea mountain forest ' +
  'storm fire wind heart light dream road journey island empire tower crown sword mirror door ' +
  'book letter song winter summer season memory machine time world sky moon sun stone bridge ' +
  'valley harbour station library clock map ghost child daughter son wife husband stranger ' +
  'traveller soldier doctor widow orphan thief priest witch dragon wolf raven fox horse rose ' +
  'lily orchard field ship voyage silence truth lie promise secret game hunt fall return end ' +
  'beginning song chronicle history island village country frontier desert ocean'
).split(' ');

const PLACES = (
  'Paris London Venice Prague Vienna Berlin Lisbon Tangier Kyoto Istanbul Havana Dublin ' +
  'Edinburgh Cairo Rome Madrid Seville Marseille Oslo Zürich Kraków Montréal Bogotá Córdoba'
).split(' ');

const FIRST_NAMES = (
  'John Mary James Elizabeth William Anne Thomas Margaret George Jane Charles Emily Henry ' +
  'Charlotte Robert Virginia Edward Agatha Arthur Ursula Isaac Octavia Neil Terry Ray Philip ' +
  'Émile José Zoë Søren Björn François Chloé Renée Andrés Łukasz Antonín Gabriel Jorge Italo ' +
  'Umberto Haruki Yukio Fyodor Leo Anton Ivan Günter Thomas Hermann Stefan Selma Astrid Halldór ' +
  'Miguel Benito Pío Camilo Carmen Elena Natalia Gustave Honoré Victor Marguerite Colette ' +
  'Simone Albert Jean Boris Michail Isabel Clarice Jorge Mário Eça Fernando Sándor Imre Wisława ' +
  'Czesław Stanisław Karel Bohumil Milan Orhan Naguib Chinua Wole Ngũgĩ Toni Zadie Kazuo Salman'
).split(' ');

const LAST_NAMES = (
  'Zola Dumas Hugo Balzac Flaubert Proust Camus Sartre Verne Maupassant Stendhal Brontë Austen ' +
  'Dickens Eliot Hardy Woolf Joyce Wilde Shelley Tolkien Lewis Pratchett Gaiman Asimov Herbert ' +
  'Le Guin Butler Dick Bradbury Clarke Heinlein Christie Sayers Chandler Hammett Simenon Mann ' +
  'Hesse Grass Kafka Zweig Rilke Böll Süskind Lagerlöf Lindgren Laxness Kierkegaard Ibsen ' +
  'Hamsun García Márquez Cortázar Borges Neruda Pérez Galdós Cela Allende Saramago Pessoa Queirós ' +
  'Lispector Amado Dostoyevsky Tolstoy Chekhov Gogol Turgenev Bulgakov Nabokov Pasternak Čapek ' +
  'Hrabal Kundera Hašek Szymborska Miłosz Lem Márai Kertész Pamuk Mahfouz Achebe Soyinka Morrison ' +
  'Smith Ishiguro Rushdie Murakami Mishima Kawabata Ōe Eco Calvino Levi Ferrante Moravia Svevo ' +
  'Müller Schmidt Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf ' +
  'Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre'
).split(' ');

const SERIES_PATTERNS = [
  (_a: string, n: string) => `The ${n} Chronicles`,
  (_a: string, n: string) => `${n} Saga`,
  (a: string, n: string) => `Tales of the ${a} ${n}`,
  (a: string, n: string) => `The ${a} ${n} Cycle`,
  (a: string, n: string) => `${a} ${n} Mysteries`,
  (_a: string, n: string) => `Inspector ${n}`,
  (a: string, _n: string) => `The ${a} Trilogy`,
];

const GENRES = (
  'Fiction|Science Fiction|Fantasy|Mystery|Thriller|Crime|Romance|Historical Fiction|Horror|' +
  'Literary Fiction|Short Stories|Poetry|Drama|Biography|Autobiography|Memoir|History|' +
  'Philosophy|Psychology|Religion|Politics|Economics|Science|Mathematics|Physics|Biology|' +
  'Computers|Programming|Travel|Cooking|Art|Music|Photography|Children|Young Adult|Comics|' +
  'Graphic Novels|Manga|Classics|Adventure|War|Westerns|Humor|Essays|Nature|Sports|Health|' +
  'Self-Help|Business|Education|Reference|Language|Linguistics|Law|Medicine|Architecture|' +
  'Design|Film|Theatre|Mythology|Folklore|Dystopia|Space Opera|Cyberpunk|Steampunk|' +
  'Gothic|Satire|Epic|Fairy Tales|Detective|Espionage|Noir|Utopia|Time Travel|Alternate History'
).split('|');

const PUBLISHER_WORDS = (
  'Penguin Random House Vintage Faber Gallimard Flammarion Suhrkamp Anagrama Einaudi Tor Orbit ' +
  'Gollancz Ace Bantam Knopf Picador Scribner Norton Oxford Cambridge Harper Collins Hachette ' +
  'Seuil Actes Sud Rowohlt Fischer Alfaguara Adelphi Feltrinelli Albin Michel Kodansha Shinchōsha'
).split(' ');

const PUBLISHER_SUFFIXES = [
  '',
  ' Books',
  ' Press',
  ' Publishing',
  ' Verlag',
  ' Éditions',
  ' Classics',
];

const LANGUAGES: [string, number][] = [
  ['en', 60],
  ['fr', 10],
  ['de', 8],
  ['es', 6],
  ['it', 4],
  ['ja', 2],
  ['ru', 2],
  ['nl', 2],
  ['pt', 2],
  ['pl', 1],
  ['sv', 1],
  ['cs', 1],
  ['en-gb', 1],
];

const FORMATS: [BookFormat, number][] = [
  ['epub', 60],
  ['pdf', 15],
  ['mobi', 8],
  ['azw3', 5],
  ['cbz', 8],
  ['cbr', 3],
  ['cb7', 0.5],
  ['cbt', 0.5],
];

/** Typical file sizes in bytes, [low, high], log-uniform between. */
const SIZES: Record<BookFormat, [number, number]> = {
  epub: [150e3, 8e6],
  mobi: [200e3, 6e6],
  azw3: [300e3, 9e6],
  pdf: [500e3, 120e6],
  cbz: [15e6, 250e6],
  cbr: [15e6, 250e6],
  cb7: [15e6, 200e6],
  cbt: [20e6, 300e6],
};

const SYLLABLES = (
  'ka lo mi re sa tu ven dor ith al bel cor dan el fin gar hal is jor kel lan mor nor ' +
  'ost pel quin ras sol tar ul vor wyn xan yel zor an ber cas del eth fal gon'
).split(' ');

const BASE_WORDS = (
  'the of and a to in is was he for it with as his on be at by had not are but from or have ' +
  'an they which one you were her all she there would their we him been has when who will more ' +
  'no if out so said what up its about into than them can only other new some could time these ' +
  'two may then do first any my now such like our over man me even most made after also did ' +
  'many before must through back years where much your way well down should because each just ' +
  'those people how too little state good very make world still own see men work long get here ' +
  'between both life being under never day same another know while last might us great old ' +
  'year off come since against go came right used take three story novel young family love war ' +
  'journey discovers finds must secret past town city woman father mother brother sister friend ' +
  'death murder detective mystery adventure quest hero dark power magic ancient kingdom battle ' +
  'future planet ship crew alien empire revolution history truth lies betrayal hope memory ' +
  'childhood village summer winter river sea island home lost return classic edition translated ' +
  'introduction notes award winning bestselling acclaimed author beloved haunting powerful ' +
  'moving brilliant witty sweeping epic intimate portrait generation society century modern'
).split(' ');

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function weighted<T>(rnd: () => number, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return (items[items.length - 1] as [T, number])[0];
}

/** Draws index 0…n-1 with probability ∝ 1/(i+1)^s (Zipf). */
function zipf(n: number, s = 1): (rnd: () => number) => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / Math.pow(i + 1, s);
  return (rnd) => {
    const r = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A vocabulary of real words followed by a long tail of made-up ones. */
function vocabulary(rnd: () => number, size: number): string[] {
  const words = [...BASE_WORDS];
  const seen = new Set(words);
  while (words.length < size) {
    const count = 2 + Math.floor(rnd() * 3);
    let word = '';
    for (let i = 0; i < count; i++) word += pick(rnd, SYLLABLES);
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/** A valid ISBN-13 (978 prefix) from a random body. */
function isbn13(rnd: () => number): string {
  let digits = '978';
  for (let i = 0; i < 9; i++) digits += Math.floor(rnd() * 10);
  return digits + gs1CheckDigit(digits);
}

function title(rnd: () => number, person: () => string): string {
  const adj = () => capitalise(pick(rnd, ADJECTIVES));
  const noun = () => capitalise(pick(rnd, NOUNS));
  switch (Math.floor(rnd() * 10)) {
    case 0:
      return `The ${adj()} ${noun()}`;
    case 1:
      return `${noun()} of ${noun()}`;
    case 2:
      return `A ${noun()} in ${pick(rnd, PLACES)}`;
    case 3:
      return `${person().split(' ')[0] ?? 'Anna'}'s ${noun()}`;
    case 4:
      return `The ${noun()} and the ${noun()}`;
    case 5:
      return `${adj()} ${noun()}s`;
    case 6:
      return `The ${noun()} of ${pick(rnd, PLACES)}`;
    case 7:
      return noun();
    case 8:
      return `${adj()} ${noun()}, ${adj()} ${noun()}`;
    default:
      return `The ${noun()}`;
  }
}

export interface SyntheticOptions {
  seed?: number;
  /** Milliseconds since epoch that "now" is; addedAt falls in the five years before. */
  now?: number;
}

/** `count` books, the same ones for the same seed. */
export function syntheticCatalog(count: number, options: SyntheticOptions = {}): SearchDoc[] {
  const rnd = seededRandom(options.seed ?? 1);
  const now = options.now ?? Date.UTC(2025, 0, 1);
  const authorPool: string[] = [];
  const authorCount = Math.max(20, Math.ceil(count / 6));
  for (let i = 0; i < authorCount; i++) {
    const second = rnd() < 0.15 ? ` ${pick(rnd, FIRST_NAMES).charAt(0)}.` : '';
    authorPool.push(`${pick(rnd, FIRST_NAMES)}${second} ${pick(rnd, LAST_NAMES)}`);
  }
  const authorOf = zipf(authorPool.length, 0.8);
  const person = () => authorPool[authorOf(rnd)] as string;
  const seriesPool: string[] = [];
  for (let i = 0; i < Math.max(10, Math.ceil(count / 25)); i++) {
    const pattern = pick(rnd, SERIES_PATTERNS);
    seriesPool.push(pattern(capitalise(pick(rnd, ADJECTIVES)), capitalise(pick(rnd, NOUNS))));
  }
  const seriesOf = zipf(seriesPool.length, 0.7);
  const publishers: string[] = [];
  for (let i = 0; i < 150; i++) {
    publishers.push(`${pick(rnd, PUBLISHER_WORDS)}${pick(rnd, PUBLISHER_SUFFIXES)}`);
  }
  const publisherOf = zipf(publishers.length, 1);
  const genreOf = zipf(GENRES.length, 0.9);
  const words = vocabulary(rnd, Math.max(2000, Math.min(60000, Math.ceil(count / 2))));
  const wordOf = zipf(words.length, 1.05);

  const docs: SearchDoc[] = [];
  for (let i = 0; i < count; i++) {
    const authorCountHere = rnd() < 0.85 ? 1 : rnd() < 0.8 ? 2 : 3;
    const authors =
      rnd() < 0.04 ? [] : [...new Set(Array.from({ length: authorCountHere }, person))];
    const bookTitle = title(rnd, person);
    const format = weighted(rnd, FORMATS);
    const [low, high] = SIZES[format];
    const size = Math.round(low * Math.pow(high / low, rnd()));
    const inSeries = rnd() < 0.3;
    const series = inSeries ? seriesPool[seriesOf(rnd)] : undefined;
    let seriesNumber: number | undefined;
    if (inSeries && rnd() < 0.9) {
      const r = rnd();
      seriesNumber =
        r < 0.03
          ? 0
          : r < 0.05
            ? -1
            : r < 0.12
              ? Math.floor(rnd() * 10) + 0.5
              : Math.floor(rnd() * 15) + 1;
    }
    const description =
      rnd() < 0.8
        ? Array.from(
            { length: 30 + Math.floor(rnd() * 20) },
            () => words[wordOf(rnd)] as string,
          ).join(' ') + '.'
        : undefined;
    const subjects = [
      ...new Set(
        Array.from({ length: Math.floor(rnd() * 4) }, () => GENRES[genreOf(rnd)] as string),
      ),
    ];
    const languages = rnd() < 0.03 ? [] : rnd() < 0.03 ? ['en', 'fr'] : [weighted(rnd, LANGUAGES)];
    const year = rnd() < 0.1 ? undefined : Math.round(2025 - Math.pow(rnd(), 2.2) * 225);
    const isbns = rnd() < 0.7 ? [isbn13(rnd)] : [];
    const hasCover = rnd() < 0.85;
    const status: BookStatus = rnd() < 0.95 ? 'ok' : rnd() < 0.6 ? 'corrupted' : 'missing';
    const subtitle =
      rnd() < 0.15
        ? pick(rnd, ['A Novel', 'Stories', 'Collected Poems', `A History of ${pick(rnd, PLACES)}`])
        : undefined;
    const publisher = rnd() < 0.9 ? publishers[publisherOf(rnd)] : undefined;
    const doc: SearchDoc = {
      id: `book:bench:${i.toString(36).padStart(6, '0')}`,
      title: bookTitle,
      titleKey: titleSortKey(bookTitle),
      authors,
      authorKey: authors[0] ? personSortKey({ name: authors[0] }) : '',
      subjects,
      genres: subjectsToGenres(subjects),
      languages,
      format,
      isbns,
      size,
      addedAt: Math.round(now - rnd() * 5 * 365 * 86400e3),
      hasCover,
      status,
      completeness: completenessOf({
        cover: hasCover,
        author: authors.length > 0,
        series: series !== undefined,
        isbn: isbns.length > 0,
        description: description !== undefined,
      }),
    };
    if (subtitle) doc.subtitle = subtitle;
    if (series) doc.series = series;
    if (seriesNumber !== undefined) doc.seriesNumber = seriesNumber;
    if (publisher) doc.publisher = publisher;
    if (description) doc.description = description;
    if (year !== undefined) doc.year = year;
    docs.push(doc);
  }
  return docs;
}
