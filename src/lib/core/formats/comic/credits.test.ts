import { describe, expect, it } from 'vitest';
import { comicCrafts, craftOrder, peopleFromCredits, rolesFor } from './credits';

describe('rolesFor', () => {
  const cases: [string, string[]][] = [
    ['Writer', ['aut']],
    ['Script', ['aut', 'comic:script']],
    ['Plotter', ['aut', 'comic:plot']],
    ['Creator', ['cre']],
    ['Artist', ['art']],
    ['Illustrator', ['ill']],
    ['Penciller', ['art', 'comic:penciller']],
    ['Penciler', ['art', 'comic:penciller']],
    ['Inker', ['art', 'comic:inker']],
    ['Embellisher', ['art', 'comic:inker']],
    ['Colorist', ['clr']],
    ['Color Separations', ['clr']],
    ['Letterer', ['ctb', 'comic:letterer']],
    ['CoverArtist', ['cov', 'comic:cover-artist']],
    ['Cover Artist', ['cov', 'comic:cover-artist']],
    ['Cover', ['cov', 'comic:cover-artist']],
    ['CoverDesigner', ['cov']],
    ['Editor', ['edt']],
    ['Consulting Editor', ['edt']],
    ['Editor In Chief', ['edt']],
    ['Translator', ['trl']],
    ['Logo Design', ['dsr']],
    ['Gaffer', ['ctb', 'comic:gaffer']],
    ['Ink Assists', ['art', 'comic:inker']],
    ['', ['ctb']],
  ];
  it.each(cases)('%s → %o', (credit, roles) => {
    expect(rolesFor(credit)).toEqual(roles);
  });
});

describe('peopleFromCredits', () => {
  it('merges one name credited twice, keeps order, and splits authors from contributors', () => {
    expect(
      peopleFromCredits([
        { name: 'Joe Orlando', role: 'Writer' },
        { name: 'Wally Wood', role: 'Penciller' },
        { name: 'wally  wood', role: 'Inker' },
        { name: 'Joe Orlando', role: 'Editor' },
        { name: '  ', role: 'Letterer' },
      ]),
    ).toEqual({
      authors: [{ name: 'Joe Orlando', roles: ['aut', 'edt'] }],
      contributors: [{ name: 'Wally Wood', roles: ['art', 'comic:penciller', 'comic:inker'] }],
    });
  });

  it('gives nothing for no credits', () => {
    expect(peopleFromCredits([])).toEqual({});
  });
});

describe('comicCrafts', () => {
  const crafts = (...roles: string[]) => {
    const people = peopleFromCredits(roles.map((role) => ({ name: 'A', role })));
    return comicCrafts((people.authors ?? people.contributors ?? [])[0]?.roles ?? []);
  };

  it('names the seven comic crafts as readers say them, in printed order', () => {
    expect(
      crafts('Editor', 'CoverArtist', 'Letterer', 'Colorist', 'Inker', 'Penciller', 'Writer'),
    ).toEqual(['Writer', 'Penciller', 'Inker', 'Colorist', 'Letterer', 'Cover artist', 'Editor']);
  });

  it('reads script and plot as writing, plain art as Artist, and keeps unknown crafts', () => {
    expect(crafts('Script', 'Plot')).toEqual(['Writer']);
    expect(crafts('Artist')).toEqual(['Artist']);
    expect(crafts('Flatter')).toEqual(['Flatter']);
    expect(comicCrafts(['ctb'])).toEqual(['Contributor']);
  });

  it('orders crafts for grouping, unknown ones last', () => {
    expect(craftOrder('Writer')).toBeLessThan(craftOrder('Inker'));
    expect(craftOrder('Flatter')).toBeGreaterThan(craftOrder('Designer'));
  });
});
