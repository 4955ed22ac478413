import type { Person } from '../../metadata/types';

/**
 * Comic credits → people with MARC relator roles. MARC has codes for some
 * comic crafts (author, artist, colorist, editor, translator) and none for
 * others (penciller, inker, letterer). Where the code is not an exact match
 * the comic role rides along as `comic:<role>`, so "Penciller" and "Inker"
 * stay recoverable from roles like ['art', 'comic:penciller'].
 *
 * | credit (ComicInfo / MetronInfo / CoMet / ComicBookInfo) | roles                        |
 * |---------------------------------------------------------|------------------------------|
 * | Writer, Author                                          | aut                          |
 * | Script, Story, Plot (Scripter, Plotter)                 | aut, comic:script|story|plot |
 * | Creator                                                 | cre                          |
 * | Artist                                                  | art                          |
 * | Illustrator                                             | ill                          |
 * | Penciller (Penciler, Pencils, Breakdowns, Layouts)      | art, comic:penciller         |
 * | Inker (Inks, Embellisher, Finishes, Ink Assists)        | art, comic:inker             |
 * | Painter                                                 | art, comic:painter           |
 * | Colorist (Colourist, Colors, Color Separations, …)      | clr                          |
 * | Letterer (Letters)                                      | ctb, comic:letterer          |
 * | CoverArtist (Cover, Cover Artist)                       | cov, comic:cover-artist      |
 * | CoverDesigner                                           | cov                          |
 * | Editor and every "… Editor" / Editor in Chief           | edt                          |
 * | Translator                                              | trl                          |
 * | Designer, Logo Design                                   | dsr                          |
 * | anything else                                           | ctb, comic:<role as written> |
 *
 * Writers, script/story/plot credits and creators are the book's authors;
 * everyone else is a contributor. One name credited twice is one person with
 * both roles.
 */

interface RoleRule {
  roles: string[];
  /** Normalised spellings (lower case, letters only). */
  names: string[];
}

const RULES: RoleRule[] = [
  { roles: ['aut'], names: ['writer', 'author', 'writers'] },
  { roles: ['aut', 'comic:script'], names: ['script', 'scripter', 'scriptwriter', 'scripts'] },
  { roles: ['aut', 'comic:story'], names: ['story', 'storyby'] },
  { roles: ['aut', 'comic:plot'], names: ['plot', 'plotter', 'plots'] },
  { roles: ['cre'], names: ['creator', 'createdby'] },
  { roles: ['art'], names: ['artist', 'art', 'artists'] },
  { roles: ['ill'], names: ['illustrator', 'illustrations'] },
  {
    roles: ['art', 'comic:penciller'],
    names: ['penciller', 'penciler', 'pencils', 'pencil', 'breakdowns', 'layouts'],
  },
  {
    roles: ['art', 'comic:inker'],
    names: ['inker', 'inks', 'inking', 'embellisher', 'finishes', 'inkassists'],
  },
  { roles: ['art', 'comic:painter'], names: ['painter', 'paints'] },
  {
    roles: ['clr'],
    names: [
      'colorist',
      'colourist',
      'colors',
      'colours',
      'colorseparations',
      'colorassists',
      'colorflats',
      'graytone',
    ],
  },
  { roles: ['ctb', 'comic:letterer'], names: ['letterer', 'letters', 'lettering'] },
  { roles: ['cov', 'comic:cover-artist'], names: ['coverartist', 'cover', 'covers'] },
  { roles: ['cov'], names: ['coverdesigner', 'coverdesign'] },
  { roles: ['trl'], names: ['translator', 'translation', 'translatedby'] },
  { roles: ['dsr'], names: ['designer', 'logodesign', 'design'] },
];

const AUTHOR_ROLES = new Set(['aut', 'cre']);

function normalise(role: string): string {
  return role.toLowerCase().replace(/[^a-z]/g, '');
}

/** MARC roles (and the comic role when MARC has no exact one) for a credit as written. */
export function rolesFor(credit: string): string[] {
  const key = normalise(credit);
  const rule = RULES.find((r) => r.names.includes(key));
  if (rule) return [...rule.roles];
  if (key.endsWith('editor') || key === 'editorinchief' || key === 'edits') return ['edt'];
  const written = credit
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
  return written ? ['ctb', `comic:${written}`] : ['ctb'];
}

export interface Credit {
  name: string;
  role: string;
}

/** Credits → authors and contributors, one Person per name (first spelling kept), in order. */
export function peopleFromCredits(credits: readonly Credit[]): {
  authors?: Person[];
  contributors?: Person[];
} {
  const people: Person[] = [];
  for (const credit of credits) {
    const name = credit.name.replace(/\s+/g, ' ').trim();
    if (!name) continue;
    const roles = rolesFor(credit.role);
    const existing = people.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (existing) {
      for (const role of roles) if (!existing.roles.includes(role)) existing.roles.push(role);
    } else {
      people.push({ name, roles });
    }
  }
  const isAuthor = (p: Person) => p.roles.some((r) => AUTHOR_ROLES.has(r));
  const authors = people.filter(isAuthor);
  const contributors = people.filter((p) => !isAuthor(p));
  return {
    ...(authors.length > 0 && { authors }),
    ...(contributors.length > 0 && { contributors }),
  };
}

/**
 * The crafts a comic credit names, as a comic reader says them, in the order
 * credits are printed: Writer, Penciller, Inker, Colorist, Letterer, Cover
 * artist, Editor… Script, story and plot credits are writing; an artist
 * credited only as "art" is an Artist. Roles outside the table keep the
 * word the tagger wrote ("comic:flatter" → "Flatter").
 */
const CRAFTS: [label: string, has: (roles: ReadonlySet<string>) => boolean][] = [
  ['Writer', (r) => r.has('aut')],
  ['Creator', (r) => r.has('cre')],
  ['Penciller', (r) => r.has('comic:penciller')],
  ['Inker', (r) => r.has('comic:inker')],
  ['Painter', (r) => r.has('comic:painter')],
  [
    'Artist',
    (r) =>
      r.has('art') && !r.has('comic:penciller') && !r.has('comic:inker') && !r.has('comic:painter'),
  ],
  ['Illustrator', (r) => r.has('ill')],
  ['Colorist', (r) => r.has('clr')],
  ['Letterer', (r) => r.has('comic:letterer')],
  ['Cover artist', (r) => r.has('cov')],
  ['Editor', (r) => r.has('edt')],
  ['Translator', (r) => r.has('trl')],
  ['Designer', (r) => r.has('dsr')],
];

const KNOWN_COMIC_ROLES = new Set([
  'comic:script',
  'comic:story',
  'comic:plot',
  'comic:penciller',
  'comic:inker',
  'comic:painter',
  'comic:letterer',
  'comic:cover-artist',
]);

/** The crafts one person did on a comic, from their roles (see rolesFor), in printed order. */
export function comicCrafts(roles: readonly string[]): string[] {
  const set = new Set(roles);
  const crafts = CRAFTS.filter(([, has]) => has(set)).map(([label]) => label);
  for (const role of roles) {
    if (!role.startsWith('comic:') || KNOWN_COMIC_ROLES.has(role)) continue;
    const word = role.slice('comic:'.length).replace(/-/g, ' ');
    const label = word.charAt(0).toUpperCase() + word.slice(1);
    if (!crafts.includes(label)) crafts.push(label);
  }
  return crafts.length > 0 ? crafts : ['Contributor'];
}

/** Where a craft goes when a creator's comics are grouped by role: printed order, others after. */
export function craftOrder(label: string): number {
  const index = CRAFTS.findIndex(([name]) => name === label);
  return index === -1 ? CRAFTS.length : index;
}
