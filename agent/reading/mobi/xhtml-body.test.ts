import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toXhtmlBody, type XhtmlLinks } from './xhtml-body';

/** Resources under /work are the book's; links to `filepos:` go to chapter 2. */
const links: XhtmlLinks = {
  resource: (src) => (src.startsWith('/work/') ? `res/${src.slice(6)}` : undefined),
  link: (href) =>
    href.startsWith('filepos:') ? 'c0002.xhtml' : /^https?:/.test(href) ? href : undefined,
};

const body = (html: string) => toXhtmlBody(html, links).xhtml;

describe('toXhtmlBody', () => {
  const cases: [label: string, html: string, xhtml: string][] = [
    ['keeps plain markup', '<p class="x">Hi <i>there</i></p>', '<p class="x">Hi <i>there</i></p>'],
    ['closes what was left open', '<p>One<p>Two', '<p>One</p><p>Two</p>'],
    ['a block closes an open paragraph', '<p>One<div>Two</div>', '<p>One</p><div>Two</div>'],
    ['list items close the one before', '<ul><li>a<li>b</ul>', '<ul><li>a</li><li>b</li></ul>'],
    ['drops stray end tags', 'a</b></p>b', 'ab'],
    [
      'reads unquoted and valueless attributes',
      '<p align=center hidden>x</p>',
      '<p style="text-align: center">x</p>',
    ],
    ['unwraps what it does not know', '<mbp:pagebreak/><font size=3>x</font>', '<span>x</span>'],
    ['drops scripts and their text', 'a<script>alert(1)</script>b', 'ab'],
    ['drops styles and their text', 'a<style>p{}</style>b', 'ab'],
    ['drops forms fields and frames', 'a<iframe src="http://x"></iframe><input value=1>b', 'ab'],
    ['drops event handlers', '<p onclick="alert(1)">x</p>', '<p>x</p>'],
    ['drops a style that loads something', '<p style="background:url(http://x)">x</p>', '<p>x</p>'],
    ['keeps a harmless style', '<p style="margin: 0;">x</p>', '<p style="margin: 0">x</p>'],
    [
      'keeps an image of the book',
      '<img src="/work/1.jpg" width=10 height="5%">',
      '<img src="res/1.jpg" alt="" width="10"/>',
    ],
    ['drops an image from elsewhere', 'a<img src="http://x/1.jpg">b', 'ab'],
    ['maps links', '<a href="filepos:0001">x</a>', '<a href="c0002.xhtml">x</a>'],
    ['keeps a web link', '<a href="https://x.org/">x</a>', '<a href="https://x.org/">x</a>'],
    ['drops a script link', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['named anchors become ids', '<a name="n1"></a>', '<a id="n1"></a>'],
    ['KF8 aids become ids', '<p aid="0X">x</p>', '<p id="aid-0X">x</p>'],
    ['a repeated id is kept once', '<p id="a">1</p><p id="a">2</p>', '<p id="a">1</p><p>2</p>'],
    ['decodes HTML entities', '&nbsp;&mdash;&#8217;&#x41;&#151;', '\u00a0\u2014\u2019A\u2014'],
    ['escapes what XML needs', 'a < b & c "d"', 'a &lt; b &amp; c &quot;d&quot;'],
    ['keeps unknown entities as text', '&bogus; &', '&amp;bogus; &amp;'],
    ['drops characters XML forbids', 'a\u0001b\u000bc', 'abc'],
    ['a tag left open at the end is text', 'a<p class="x', 'a&lt;p class=&quot;x'],
    ['drops comments and doctypes', '<!DOCTYPE html><!-- x -->a<?pi?>', 'a'],
  ];
  it.each(cases)('%s', (_label, html, xhtml) => {
    expect(body(html)).toBe(xhtml);
  });

  it('finds the first heading and whether there is anything to show', () => {
    expect(toXhtmlBody('<h2>Chapter <b>One</b></h2><p>x</p>', links)).toMatchObject({
      heading: 'Chapter One',
      hasContent: true,
    });
    expect(toXhtmlBody('<p> </p><br>', links).hasContent).toBe(false);
    expect(toXhtmlBody('<img src="/work/a.png">', links).hasContent).toBe(true);
  });

  it('always makes well-formed XML, whatever the soup', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '<p>',
        '</p>',
        '<div class=a>',
        '</div>',
        '<b>',
        '</i>',
        '<table><tr><td>',
        '</table>',
        '<li>',
        '<h1>',
        '<a href="filepos:1" name=x>',
        '<img src=/work/x.jpg>',
        '<script>',
        '<br/>',
        '<!--',
        '&amp;',
        '&#0;',
        '<',
        '>',
        '"',
        "'",
        '=',
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const xhtml = body(pieces.join(''));
        expect(XMLValidator.validate(`<body>${xhtml}</body>`)).toBe(true);
      }),
    );
  });
});
