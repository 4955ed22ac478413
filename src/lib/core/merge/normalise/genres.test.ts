import { describe, expect, it } from 'vitest';
import { GENRES, subjectsToGenres, type Genre } from './genres';

describe('subjectsToGenres', () => {
  const cases: [string[], Genre[]][] = [
    [['Science fiction'], ['Science Fiction']],
    [['Fiction -- Time travel'], ['Science Fiction']],
    [['FICTION / Science Fiction / Space Opera'], ['Science Fiction']],
    [['Detective and mystery stories'], ['Mystery & Detective']],
    [['Fiction'], ['Fiction']],
    [['Fiction', 'Fantasy fiction'], ['Fantasy']],
    [['World War, 1939-1945 -- Fiction'], ['Historical Fiction']],
    [['World War, 1939-1945'], ['History']],
    [['Historical fiction'], ['Historical Fiction']],
    [['Juvenile fiction'], ['Fiction', "Children's"]],
    [['Superhero'], ['Comics & Graphic Novels']],
    [['Graphic novels'], ['Comics & Graphic Novels']],
    [['Manga'], ['Comics & Graphic Novels']],
    [['Comic fiction'], ['Fiction', 'Humour']],
    [['Romance languages -- Grammar'], ['Reference']],
    [['Love stories'], ['Romance']],
    [['Political science'], ['Politics & Social Science']],
    [['Computer science'], ['Technology']],
    [['Time travel'], ['Science Fiction']],
    [['Description and travel'], ['Travel']],
    [['Non-fiction'], []],
    [['Biography & Autobiography / Literary'], ['Biography & Memoir']],
    [['Cooking / Regional & Ethnic / Italian'], ['Cookery']],
    [['Ghost stories', 'Horror tales'], ['Horror']],
    [['Spy stories'], ['Thriller']],
    [['Poetry'], ['Poetry']],
    [['Xyzzy'], []],
    [[], []],
  ];
  it.each(cases)('%j → %j', (subjects, genres) =>
    expect(subjectsToGenres(subjects)).toEqual(genres),
  );

  it.each(GENRES.map((g) => [g]))('the genre name "%s" maps to itself', (genre) => {
    expect(subjectsToGenres([genre])).toEqual([genre]);
  });
});
