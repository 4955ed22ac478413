import { describe, expect, it } from 'vitest';
import { chapterOf, flattenToc, resolveHref, type NavEntry } from './book-toc';

describe('a nav link as the package sees it', () => {
  const cases: [string, string, string][] = [
    ['toc.xhtml', 'text/chapter-1.xhtml', 'text/chapter-1.xhtml'],
    ['nav/toc.xhtml', '../text/ch1.xhtml#p3', 'text/ch1.xhtml#p3'],
    ['nav/toc.xhtml', './ch%201.xhtml', 'nav/ch 1.xhtml'],
    ['toc.ncx', '#top', 'toc.ncx#top'],
    ['toc.xhtml', 'https://example.org/x', 'https://example.org/x'],
  ];
  for (const [navPath, href, expected] of cases)
    it(`${href} from ${navPath}: ${expected}`, () =>
      expect(resolveHref(navPath, href)).toBe(expected));
});

describe('the contents and the chapter being read', () => {
  const spine = [
    'text/cover.xhtml',
    'text/part-1.xhtml',
    'text/ch1.xhtml',
    'text/ch1-b.xhtml',
    'text/ch2.xhtml',
  ];
  const sectionOf = (href: string) => {
    const index = spine.indexOf(href.split('#')[0] ?? '');
    return index === -1 ? undefined : index;
  };
  const nav: NavEntry[] = [
    {
      label: ' Part\n  One ',
      href: '../text/part-1.xhtml',
      subitems: [
        { label: 'Chapter 1', href: '../text/ch1.xhtml' },
        { label: 'Chapter 2', href: '../text/ch2.xhtml#start' },
      ],
    },
    { label: 'Missing', href: '../text/gone.xhtml' },
  ];
  const toc = flattenToc(nav, 'nav/toc.xhtml', sectionOf);

  it('is a flat list, indented by depth, each entry knowing its section', () => {
    expect(toc.map((e) => [e.label, e.depth, e.section, e.href])).toEqual([
      ['Part One', 0, 1, 'text/part-1.xhtml'],
      ['Chapter 1', 1, 2, 'text/ch1.xhtml'],
      ['Chapter 2', 1, 4, 'text/ch2.xhtml#start'],
      ['Missing', 0, undefined, 'text/gone.xhtml'],
    ]);
  });

  it('takes an href as written when the book wrote it from the package folder', () => {
    const written = flattenToc(
      [{ label: 'One', href: 'text/ch1.xhtml' }],
      'nav/toc.xhtml',
      sectionOf,
    );
    expect(written[0]).toMatchObject({ href: 'text/ch1.xhtml', section: 2 });
  });

  it("names a section by its entry, a split chapter's second file by the chapter, the cover by nothing", () => {
    expect(chapterOf(toc, 2)?.label).toBe('Chapter 1');
    expect(chapterOf(toc, 3)?.label).toBe('Chapter 1');
    expect(chapterOf(toc, 4)?.label).toBe('Chapter 2');
    expect(chapterOf(toc, 0)).toBeUndefined();
  });
});
