import { describe, expect, it } from 'vitest';
import { parseTemplate } from './template-parser';

describe('parseTemplate accepts', () => {
  it.each([
    '${title}.${ext}',
    '${author.sortname}/${bookseries.title}/${title}.${ext}',
    '${bookseries.number:02} - ${title}.${ext}',
    '${author.sortname:initial}/${author.sortname}/${title:upper}.${ext}',
    '${author.sortname}/[${bookseries.title}/][${bookseries.number:03} - ]${title}.${ext}',
    '${title}[ (${publicationyear}[, ${publisher}])].${ext}',
    'Books \\[${language}\\] \\$/${TITLE}.${ext}',
    '${title}.${format}.${ext}',
  ])('%s', (pattern) => {
    const result = parseTemplate(pattern);
    expect(result.ok ? 'ok' : result.error).toBe('ok');
  });

  it('builds the tree with positions', () => {
    const result = parseTemplate('${author.name}/[${bookseries.number:02} ]${title}.${ext}');
    expect(result.ok && result.template.nodes).toEqual([
      { kind: 'token', name: 'author.name', start: 0, end: 14 },
      { kind: 'separator', start: 14, end: 15 },
      {
        kind: 'group',
        start: 15,
        end: 41,
        children: [
          {
            kind: 'token',
            name: 'bookseries.number',
            format: { kind: 'pad', width: 2 },
            start: 16,
            end: 39,
          },
          { kind: 'text', text: ' ', start: 39, end: 40 },
        ],
      },
      { kind: 'token', name: 'title', start: 41, end: 49 },
      { kind: 'text', text: '.', start: 49, end: 50 },
      { kind: 'token', name: 'ext', start: 50, end: 56 },
    ]);
  });
});

describe('parseTemplate rejects, with the position of the problem', () => {
  const cases: [string, number, RegExp][] = [
    ['', 0, /empty/],
    ['   ', 0, /empty/],
    ['${titel}.${ext}', 2, /Did you mean \$\{title\}/],
    ['${author}/${title}.${ext}', 2, /Did you mean \$\{author\.name\}/],
    ['${series}/${title}.${ext}', 2, /Did you mean \$\{bookseries\.title\}/],
    ['${author.sortnam}/${title}.${ext}', 2, /Did you mean \$\{author\.sortname\}/],
    ['${zzzzzzzz}.${ext}', 2, /Unknown token \$\{zzzzzzzz\}\. Tokens:/],
    ['${title/${ext}', 0, /never closed/],
    ['${author.name} - ${title', 17, /never closed/],
    ['${}.${ext}', 0, /Empty token/],
    ['${ti tle}.${ext}', 4, /letters, digits and dots/],
    ['${bookseries.number:2}.${ext}', 20, /leading zero/],
    ['${bookseries.number:0x}.${ext}', 20, /Unknown format/],
    ['${title:02}.${ext}', 8, /Padding applies to \$\{bookseries\.number\} only/],
    ['${bookseries.number:00}.${ext}', 20, /width between 1 and 9/],
    ['[${title}.${ext}', 0, /never closed/],
    ['${title}].${ext}', 8, /closes no \[/],
    ['[ - ]${title}.${ext}', 0, /needs a token/],
    ['/${title}.${ext}', 0, /relative/],
    ['C:/${title}.${ext}', 0, /relative/],
    ['${author.name}//${title}.${ext}', 14, /Empty folder/],
    ['../${title}.${ext}', 0, /"\.\."/],
    ['${author.name}/./${title}.${ext}', 15, /"\.\."/],
    ['${author.name}\\books\\${title}.${ext}', 14, /Use \/ between folders/],
    ['${title}', 8, /End the pattern with \.\$\{ext\}/],
    ['${title}.epub', 13, /End the pattern with \.\$\{ext\}/],
    ['${title}.${ext:upper}', 21, /End the pattern/],
    ['${title}[.${ext}]', 17, /End the pattern/],
    ['${author.name}/.${ext}', 15, /needs a token before/],
    ['${title}/', 8, /Empty folder/],
  ];
  it.each(cases)('%j at %i', (pattern, position, message) => {
    const result = parseTemplate(pattern);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(message);
    expect(result.error.position).toBe(position);
  });
});
