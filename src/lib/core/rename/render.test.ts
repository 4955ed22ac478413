import { describe, expect, it } from 'vitest';
import { applyFormat, renderTemplate } from './render';
import { parseTemplate, type Template } from './template-parser';
import { tokenValues, type TokenName, type TokenValues } from './tokens';

function template(pattern: string): Template {
  const result = parseTemplate(pattern);
  if (!result.ok) throw new Error(result.error.message);
  return result.template;
}

const full: TokenValues = tokenValues({
  metadata: {
    title: 'Guards! Guards!',
    authors: [
      { name: 'Terry Pratchett', roles: ['aut'] },
      { name: 'Neil Gaiman', roles: ['aut'] },
    ],
    series: { name: 'Discworld', number: 8, kind: 'series' },
    published: '1989',
    languages: ['en'],
    publisher: 'Gollancz',
    identifiers: [{ scheme: 'isbn', value: '9780575046061' }],
  },
  format: 'epub',
  ext: 'epub',
});
const noSeries: TokenValues = { ...full, 'bookseries.title': '', 'bookseries.number': '' };
const bare: TokenValues = {
  ...noSeries,
  'author.name': '',
  'author.sortname': '',
  authors: '',
  publicationyear: '',
};

describe('renderTemplate: every token', () => {
  const cases: [string, string][] = [
    ['${title}', 'Guards! Guards!'],
    ['${title.sort}', 'Guards! Guards!'],
    ['${author.name}', 'Terry Pratchett'],
    ['${author.sortname}', 'Pratchett, Terry'],
    ['${authors}', 'Terry Pratchett & Neil Gaiman'],
    ['${bookseries.title}', 'Discworld'],
    ['${bookseries.number}', '8'],
    ['${bookseries.number:02}', '08'],
    ['${bookseries.number:03}', '008'],
    ['${publicationyear}', '1989'],
    ['${language}', 'en'],
    ['${publisher}', 'Gollancz'],
    ['${isbn}', '9780575046061'],
    ['${format}', 'epub'],
    ['${title:upper}', 'GUARDS! GUARDS!'],
    ['${title:lower}', 'guards! guards!'],
    ['${author.sortname:initial}', 'P'],
  ];
  it.each(cases)('%s → %j', (token, expected) => {
    expect(renderTemplate(template(`${token}.\${ext}`), full).path).toBe(`${expected}.epub`);
  });
});

describe('applyFormat', () => {
  it.each([
    ['2', 2, '02'],
    ['2.5', 2, '02.5'],
    ['12', 2, '12'],
    ['123', 2, '123'],
    ['0', 3, '000'],
    ['-1', 2, '-01'],
    ['-1.25', 3, '-001.25'],
  ])('%j padded to %i → %j', (value, width, expected) =>
    expect(applyFormat(value, { kind: 'pad', width })).toBe(expected),
  );
  it('takes the first letter or digit for :initial, accents kept whole', () => {
    expect(applyFormat('¿Émile?', { kind: 'case', transform: 'initial' })).toBe('É');
    expect(applyFormat('e\u0301mile', { kind: 'case', transform: 'initial' })).toBe('E\u0301');
    expect(applyFormat('???', { kind: 'case', transform: 'initial' })).toBe('');
  });
});

describe('renderTemplate: empty values vanish with their separators', () => {
  const classic = '${author.sortname}/${bookseries.title}/${title}.${ext}';
  const cases: [string, TokenValues, string, TokenName[]][] = [
    [classic, full, 'Pratchett, Terry/Discworld/Guards! Guards!.epub', []],
    [classic, noSeries, 'Pratchett, Terry/Guards! Guards!.epub', ['bookseries.title']],
    [classic, bare, 'Guards! Guards!.epub', ['author.sortname', 'bookseries.title']],
    [
      '${author.name} - ${bookseries.title} ${bookseries.number:02} - ${title}.${ext}',
      noSeries,
      'Terry Pratchett - Guards! Guards!.epub',
      ['bookseries.title', 'bookseries.number'],
    ],
    ['${author.name} - ${title}.${ext}', bare, 'Guards! Guards!.epub', ['author.name']],
    ['${title} - ${author.name}.${ext}', bare, 'Guards! Guards!.epub', ['author.name']],
    ['${title} (${publicationyear}).${ext}', bare, 'Guards! Guards!.epub', ['publicationyear']],
    ['${title} (${publicationyear}).${ext}', full, 'Guards! Guards! (1989).epub', []],
    [
      '${author.name} (${publicationyear}) - ${title}.${ext}',
      noSeries,
      'Terry Pratchett (1989) - Guards! Guards!.epub',
      [],
    ],
    [
      '${author.name} (${publicationyear}) - ${title}.${ext}',
      bare,
      'Guards! Guards!.epub',
      ['author.name', 'publicationyear'],
    ],
    [
      '${bookseries.title} #${bookseries.number}, ${title}.${ext}',
      noSeries,
      'Guards! Guards!.epub',
      ['bookseries.title', 'bookseries.number'],
    ],
    [
      '${title} ${bookseries.number}.${ext}',
      noSeries,
      'Guards! Guards!.epub',
      ['bookseries.number'],
    ],
    [
      '(${author.name} ${publicationyear}) ${title}.${ext}',
      { ...bare, publicationyear: '1989' },
      '(1989) Guards! Guards!.epub',
      ['author.name'],
    ],
  ];
  it.each(cases)('%s with %#', (pattern, values, path, missing) => {
    const rendered = renderTemplate(template(pattern), values);
    expect(rendered.path).toBe(path);
    expect(rendered.missingTokens).toEqual(missing);
  });
});

describe('renderTemplate: optional groups', () => {
  const pattern =
    '${author.sortname}/[${bookseries.title}/][${bookseries.number:02} - ]${title}[ (${publicationyear})].${ext}';
  it('keeps a group whose tokens all have values', () => {
    expect(renderTemplate(template(pattern), full).path).toBe(
      'Pratchett, Terry/Discworld/08 - Guards! Guards! (1989).epub',
    );
  });
  it('drops a group with an empty token, folders included, and does not report it', () => {
    const rendered = renderTemplate(template(pattern), {
      ...noSeries,
      'bookseries.title': 'Discworld',
    });
    expect(rendered.path).toBe('Pratchett, Terry/Discworld/Guards! Guards! (1989).epub');
    expect(rendered.emptyTokens).toEqual(['bookseries.number']);
    expect(rendered.missingTokens).toEqual([]);
  });
  it('keeps an outer group when only a nested one drops', () => {
    const nested = template('${title}[ (${publicationyear}[, ${publisher}])].${ext}');
    expect(renderTemplate(nested, { ...full, publisher: '' }).path).toBe(
      'Guards! Guards! (1989).epub',
    );
    expect(renderTemplate(nested, { ...full, publicationyear: '' }).path).toBe(
      'Guards! Guards!.epub',
    );
  });
  it('leaves an empty file name for the planner to refuse', () => {
    const rendered = renderTemplate(template('${author.name}/${title}.${ext}'), {
      ...full,
      title: '',
    });
    expect([rendered.stem, rendered.folders]).toEqual(['', ['Terry Pratchett']]);
  });
  it('reads escaped characters literally', () => {
    expect(renderTemplate(template('\\[${language}\\] \\$${title}.${ext}'), full).path).toBe(
      '[en] $Guards! Guards!.epub',
    );
  });
});
