import { describe, expect, it } from 'vitest';
import { buildPublishers, publisherKey } from './publisher-index';
import { seriesKey } from './series-index';

describe('buildPublishers', () => {
  it('lists each publisher’s series with their imprint, and its books in no series', () => {
    const [dc, image] = buildPublishers([
      {
        id: '1',
        title: 'Sandman 1',
        titleKey: 'sandman 1',
        publisher: 'DC Comics',
        imprint: 'Vertigo',
        series: 'The Sandman (1989)',
      },
      {
        id: '2',
        title: 'Sandman 2',
        titleKey: 'sandman 2',
        publisher: 'DC Comics',
        imprint: 'Vertigo',
        series: 'The Sandman (1989)',
      },
      {
        id: '3',
        title: 'Batman 1',
        titleKey: 'batman 1',
        publisher: 'DC comics',
        series: 'Batman (2016)',
      },
      { id: '4', title: 'Watchmen', titleKey: 'watchmen', publisher: 'DC Comics' },
      { id: '5', title: 'Saga 1', titleKey: 'saga 1', publisher: 'Image', series: 'Saga' },
      { id: '6', title: 'No publisher', titleKey: 'no publisher' },
    ]);
    expect(dc).toMatchObject({
      key: publisherKey('DC Comics'),
      name: 'DC Comics',
      bookCount: 4,
      imprints: ['Vertigo'],
      standalone: [{ id: '4', title: 'Watchmen' }],
    });
    expect(dc?.series).toEqual([
      { key: seriesKey('Batman (2016)'), name: 'Batman (2016)', books: 1 },
      {
        key: seriesKey('The Sandman (1989)'),
        name: 'The Sandman (1989)',
        books: 2,
        imprint: 'Vertigo',
      },
    ]);
    expect(image?.series.map((s) => s.name)).toEqual(['Saga']);
  });
});
