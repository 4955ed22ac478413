import { foldText } from './text';

/** The small taxonomy subjects are mapped onto, in display order. */
export const GENRES = [
  'Fiction',
  'Science Fiction',
  'Fantasy',
  'Mystery & Detective',
  'Thriller',
  'Horror',
  'Romance',
  'Historical Fiction',
  'Literary Fiction',
  'Humour',
  'Young Adult',
  "Children's",
  'Comics & Graphic Novels',
  'Poetry',
  'Drama',
  'Biography & Memoir',
  'History',
  'Science',
  'Technology',
  'Philosophy',
  'Religion',
  'Politics & Social Science',
  'Business & Economics',
  'Self-Help',
  'Health',
  'Travel',
  'Cookery',
  'Art & Photography',
  'Reference',
] as const;
export type Genre = (typeof GENRES)[number];

/**
 * Kinds of fiction. "Fiction" alone says less than any of them, so it is
 * dropped when one is found: "Fiction -- Time travel" is Science Fiction.
 */
export const FICTION_GENRES: ReadonlySet<Genre> = new Set<Genre>([
  'Science Fiction',
  'Fantasy',
  'Mystery & Detective',
  'Thriller',
  'Horror',
  'Romance',
  'Historical Fiction',
  'Literary Fiction',
]);

/**
 * Patterns over a folded subject (lower case, no accents). LCSH headings
 * ("Detective and mystery stories", "Fiction -- Time travel"), BISAC paths
 * ("FICTION / Science Fiction / Space Opera") and the genres comic databases
 * use ("Superhero") all read as plain words here.
 */
const RULES: readonly (readonly [Genre, RegExp])[] = [
  ['Fiction', /(?<!non[- ]?)\bfiction\b|(?<!graphic )\bnovels?\b|\bstories\b|\bfables?\b/],
  [
    'Science Fiction',
    /science[ -]?fiction|\bsci-?fi\b|\bsf\b|space opera|(time|space|interstellar) travel|cyberpunk|steampunk|dystopia|\brobots?\b|extraterrestrial|life on other planets|post-?apocalyptic/,
  ],
  [
    'Fantasy',
    /fantasy|fantastic fiction|\bmagic\b(?! realism)|wizards?|dragons?|\belves\b|sword and sorcery|fairy tales?/,
  ],
  [
    'Mystery & Detective',
    /myster(y|ies)|detective|\bcrime\b|private investigators?|police procedural|whodunit|\bmurder\b/,
  ],
  ['Thriller', /thriller|suspense|espionage|\bspy\b|\bspies\b/],
  ['Horror', /horror|ghost stories|\bghosts?\b|vampires?|zombies?|supernatural|gothic fiction/],
  ['Romance', /romance(?! languages?)|love stories|romantic (fiction|suspense|comedy)/],
  ['Historical Fiction', /historical (fiction|novels?|romance)/],
  [
    'Literary Fiction',
    /literary fiction|\bclassics?\b|psychological fiction|domestic fiction|bildungsroman|magic(al)? realism/,
  ],
  ['Humour', /humou?r|satire|\bwit and humor\b|\bjokes?\b|comic fiction/],
  ['Young Adult', /young adult|\bya\b|\bteens?\b|teenage/],
  ["Children's", /\bchild(ren)?'?s?\b|juvenile|picture books?|nursery rhymes|\bkids\b/],
  [
    'Comics & Graphic Novels',
    /\bcomics?\b(?! fiction)|comic books?|graphic novels?|\bmanga\b|\bmanhwa\b|bandes? dessinees?|superhero/,
  ],
  ['Poetry', /poetry|\bpoems\b|\bverse\b|sonnets|haiku/],
  ['Drama', /\bdrama\b|\bplays\b|theat(er|re)|tragedies|\bcomedies\b/],
  ['Biography & Memoir', /biograph|memoir|\bdiaries\b/],
  ['History', /\bhistory\b|\bhistorical\b|\bmedieval\b|\bancient\b|world war|civil war/],
  [
    'Science',
    /(?<!(political|social|computer|library) )\bsciences?\b(?![ -]?fiction)|physics|chemistry|biology|mathematic|astronomy|\bevolution\b|ecology|natural history/,
  ],
  ['Technology', /technology|computer|programming|software|engineering|internet/],
  ['Philosophy', /philosoph|\bethics\b|metaphysics|\blogic\b/],
  ['Religion', /religio|christian|\bbible\b|theology|islam|judaism|buddhis|hindu|spiritual/],
  [
    'Politics & Social Science',
    /politic|sociology|social science|anthropology|government|\blaw\b|psychology/,
  ],
  ['Business & Economics', /business|economics|finance|management|marketing|investing/],
  ['Self-Help', /self[- ]help|personal development|self-improvement|motivational/],
  ['Health', /\bhealth\b|fitness|\bdiet\b|nutrition|medicine|medical/],
  ['Travel', /(?<!(time|space|interstellar) )\btravel\b|voyages|guidebooks|description and travel/],
  ['Cookery', /cookery|cooking|cookbooks?|recipes|culinary|baking|\bfood\b/],
  ['Art & Photography', /\bart\b|\barts\b|photograph|painting|design|architecture|music/],
  ['Reference', /reference|dictionar|encyclopedi|handbooks?|grammar|\blanguages?\b|study aids/],
];

const FICTIONAL = /(?<!non[- ]?)\bfiction\b|(?<!graphic )\bnovels?\b|\bstories\b/;

/** The genres one subject names, before "Fiction" gives way to kinds of fiction. */
function genresOf(subject: string): Set<Genre> {
  const text = foldText(subject).replace(/\s+/g, ' ');
  const found = new Set<Genre>();
  for (const [genre, pattern] of RULES) if (pattern.test(text)) found.add(genre);
  // "World War, 1939-1945 -- Fiction": history told as a story.
  if (found.has('History') && FICTIONAL.test(text)) {
    found.delete('History');
    found.add('Historical Fiction');
  }
  return found;
}

/**
 * The genres a list of free subjects maps to, most specific only, in taxonomy
 * order; empty when none is recognised. The subjects themselves are kept by
 * the caller: genres are an index over them, not a replacement.
 */
export function subjectsToGenres(subjects: readonly string[]): Genre[] {
  const found = new Set<Genre>();
  for (const subject of subjects) for (const genre of genresOf(subject)) found.add(genre);
  if ([...found].some((genre) => FICTION_GENRES.has(genre))) found.delete('Fiction');
  return GENRES.filter((genre) => found.has(genre));
}
