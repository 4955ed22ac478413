import { describe, expect, it } from 'vitest';
import { pathCandidates } from '../../metadata/path-metadata';
import { withFolderYear } from './series-year';

const batman = { name: 'Batman', number: 4, kind: 'series' } as const;

describe('withFolderYear', () => {
  it('adds the year of a folder that names the same series', () => {
    expect(withFolderYear(batman, ['Comics', 'Batman (2016)']).name).toBe('Batman (2016)');
  });
  it('leaves a series alone in another folder, or one that has its year', () => {
    expect(withFolderYear(batman, ['Comics', 'Superman (2016)'])).toBe(batman);
    expect(withFolderYear(batman, ['Batman (2016)', 'Extras'])).toBe(batman);
    const dated = { ...batman, name: 'Batman (1940)' };
    expect(withFolderYear(dated, ['Batman (2016)'])).toBe(dated);
  });
});

describe('path candidates for comics', () => {
  const series = (path: string) =>
    pathCandidates(path, 'cbz').find((c) => c.field === 'series')?.value;
  it('keep two runs of one title apart by their folders', () => {
    expect(series('Comics/Batman (2016)/Batman 004.cbz')).toMatchObject({
      name: 'Batman (2016)',
      number: 4,
    });
    expect(series('Comics/Batman (1940)/001.cbz')).toMatchObject({ name: 'Batman (1940)' });
  });
  it('leave books as they were', () => {
    const book = pathCandidates('Fiction/Dune (1965)/Dune 01.epub', 'epub').find(
      (c) => c.field === 'series',
    )?.value;
    expect(book).not.toMatchObject({ name: 'Dune (1965)' });
  });
});
