import { describe, expect, it } from 'vitest';
import { seriesFacts, sharedText } from './series-facts';

describe('seriesFacts', () => {
  it('says once what every issue shares: publisher, imprint, age rating, start year, description', () => {
    const issue = (published: string) => ({
      publisher: 'DC Comics',
      imprint: 'Vertigo',
      ageRating: 'Mature 17+',
      published,
      seriesDescription: '<p>Dream of the Endless.</p>',
    });
    expect(
      seriesFacts('The Sandman', [issue('1989-01'), issue('1990-03'), issue('1989-02')]),
    ).toEqual({
      publisher: { value: 'DC Comics' },
      imprint: { value: 'Vertigo' },
      ageRating: { value: 'Mature 17+' },
      startYear: 1989,
      description: '<p>Dream of the Endless.</p>',
    });
  });

  it('lists values issues do not share, most used first, and takes the start year from the name', () => {
    const facts = seriesFacts('Batman (2016)', [
      { publisher: 'DC Comics', published: '2017' },
      { publisher: 'DC Comics, Inc.', published: '2018' },
      { publisher: 'Marvel' },
      {},
    ]);
    expect(facts.startYear).toBe(2016);
    expect(facts.publisher).toEqual({
      values: [
        { value: 'DC Comics', count: 2 },
        { value: 'Marvel', count: 1 },
      ],
    });
    expect(sharedText(facts.publisher!)).toBe('DC Comics (2), Marvel (1)');
    expect(facts.description).toBeUndefined();
  });
});
