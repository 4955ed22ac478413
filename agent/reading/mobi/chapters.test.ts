import { describe, expect, it } from 'vitest';
import { assembleChapters, draftHref, type ChapterDraft } from './chapters';
import { ConversionError } from './conversion-error';
import { toXhtmlBody } from './xhtml-body';

/** A draft from HTML whose links are draft hrefs already (`c0003.xhtml#x`). */
const draft = (html: string): ChapterDraft => ({
  body: toXhtmlBody(html, {
    resource: () => undefined,
    link: (href) => (/^c\d{4}\.xhtml/.test(href) ? href : undefined),
  }),
  stylesheets: [],
});

describe('assembleChapters', () => {
  it('drops empty chapters and points links and the contents at the ones that stay', () => {
    const { chapters, toc } = assembleChapters(
      [
        draft('<h1>One</h1><a href="c0002.xhtml">to the blank page</a>'),
        draft('<p> </p>'),
        draft(
          '<h1 id="t">Three</h1><a href="c0003.xhtml#t">here</a> <a href="c0003.xhtml#gone">x</a>',
        ),
      ],
      [
        { label: 'First', href: draftHref(0), children: [] },
        { label: 'Blank', href: draftHref(1), children: [] },
        { label: ' Third\n part ', href: draftHref(2, 't'), children: [] },
      ],
    );
    expect(chapters.map((c) => [c.fileName, c.title])).toEqual([
      ['c0001.xhtml', 'First'],
      ['c0002.xhtml', 'Blank'],
    ]);
    expect(chapters[0]?.body).toContain('href="c0002.xhtml"');
    // A fragment is kept only where the id is.
    expect(chapters[1]?.body).toContain('href="c0002.xhtml#t"');
    expect(chapters[1]?.body).toContain('<a href="c0002.xhtml">x</a>');
    expect(toc.map((e) => [e.label, e.href])).toEqual([
      ['First', 'c0001.xhtml'],
      ['Blank', 'c0002.xhtml'],
      ['Third part', 'c0002.xhtml#t'],
    ]);
  });

  it('makes a table of contents from the chapters when the book has none', () => {
    const { toc } = assembleChapters([draft('<h2>Opening</h2>text'), draft('more')], []);
    expect(toc.map((e) => [e.label, e.href])).toEqual([
      ['Opening', 'c0001.xhtml'],
      ['Section 2', 'c0002.xhtml'],
    ]);
  });

  it('gives an entry that points nowhere its first child’s place', () => {
    const { toc } = assembleChapters(
      [draft('x')],
      [{ label: 'Part', children: [{ label: 'Ch', href: draftHref(0), children: [] }] }],
    );
    expect(toc).toEqual([
      {
        label: 'Part',
        href: 'c0001.xhtml',
        children: [{ label: 'Ch', href: 'c0001.xhtml', children: [] }],
      },
    ]);
  });

  it('refuses a book with nothing to show', () => {
    expect(() => assembleChapters([draft(' ')], [])).toThrow(ConversionError);
  });
});
