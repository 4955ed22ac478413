import { describe, expect, it } from 'vitest';
import type { QueryNode } from './query-ast';
import { parseQuery } from './query-parser';

/** A compact, readable form of a tree for table-driven expectations. */
function show(node: QueryNode | undefined): string {
  if (!node) return '∅';
  const f = 'field' in node && node.field ? `${node.field}:` : '';
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${node.kind} ${node.children.map(show).join(' ')})`;
    case 'not':
      return `(not ${show(node.child)})`;
    case 'word':
      return `${f}${node.text}`;
    case 'phrase':
      return `${f}"${node.words.join(' ')}"`;
    case 'wildcard':
      return `${f}${node.pattern}`;
    case 'regex':
      return `${f}/${node.source}/`;
    case 'value':
      return `${node.field}=${node.value}`;
    case 'range':
      return `${node.field}[${node.min},${node.max}]`;
    case 'has':
      return `has:${node.what}`;
  }
}

const valid: [string, string][] = [
  ['', '∅'],
  ['   ', '∅'],
  ['tolkien', 'tolkien'],
  ['Émile Zola', '(and Émile Zola)'],
  ['dune AND herbert', '(and dune herbert)'],
  ['dune && herbert', '(and dune herbert)'],
  ['dune OR herbert', '(or dune herbert)'],
  ['dune | herbert', '(or dune herbert)'],
  ['dune || herbert', '(or dune herbert)'],
  ['a b OR c', '(or (and a b) c)'],
  ['a (b OR c)', '(and a (or b c))'],
  ['NOT fantasy', '(not fantasy)'],
  ['-fantasy', '(not fantasy)'],
  ['NOT NOT a', '(not (not a))'],
  ['-(a OR b) c', '(and (not (or a b)) c)'],
  ['- a', 'a'],
  ['or and not', '(and or and not)'],
  ['"the lord of the rings"', '"the lord of the rings"'],
  ['"say \\"hi\\""', '"say hi"'],
  ['-"bad phrase"', '(not "bad phrase")'],
  ['author:tolkien', 'author:tolkien'],
  ['AUTHOR:tolkien', 'author:tolkien'],
  ['authors:tolkien', 'author:tolkien'],
  ['author:"le guin"', 'author:"le guin"'],
  ['-author:tolkien', '(not author:tolkien)'],
  ['title:dune series:"dune chronicles"', '(and title:dune series:"dune chronicles")'],
  ['publisher:penguin tag:fantasy', '(and publisher:penguin tag:fantasy)'],
  ['subject:fantasy', 'tag:fantasy'],
  ['description:whale', 'description:whale'],
  ['language:fr', 'language=fr'],
  ['lang:french', 'language=french'],
  ['format:epub', 'format=epub'],
  ['status:missing', 'status=missing'],
  ['isbn:978-0-14-044913-6', 'isbn=9780140449136'],
  ['isbn:978014*', 'isbn=978014*'],
  ['year:1950', 'year[1950,1950]'],
  ['year:1900..1950', 'year[1900,1950]'],
  ['year:1900..', 'year[1900,Infinity]'],
  ['year:..1950', 'year[-Infinity,1950]'],
  ['year:>1950', 'year[1951,Infinity]'],
  ['year:>=1950', 'year[1950,Infinity]'],
  ['year:<1950', 'year[-Infinity,1949]'],
  ['year:<=1950', 'year[-Infinity,1950]'],
  ['size:>5MB', 'size[5000001,Infinity]'],
  ['size:>=5mb', 'size[5000000,Infinity]'],
  ['size:<1.5GB', 'size[-Infinity,1499999999]'],
  ['size:1MB..10MB', 'size[1000000,10000000]'],
  ['size:5MB', 'size[4500000,5499999]'],
  ['size:5.2MB', 'size[5150000,5249999]'],
  ['size:2KiB', 'size[1536,2559]'],
  ['size:100', 'size[100,100]'],
  ['size:100B', 'size[100,100]'],
  ['has:cover', 'has:cover'],
  ['-has:isbn', '(not has:isbn)'],
  ['has:covers has:tags', '(and has:cover has:tag)'],
  ['tol*', 'tol*'],
  ['t*n', 't*n'],
  ['author:tol*', 'author:tol*'],
  ['*', '∅'],
  ['* OR dune', '∅'],
  ['dune *', 'dune'],
  ['/^tol.*n$/', '/^tol.*n$/'],
  ['author:/^mur/', 'author:/^mur/'],
  ['/a b/', '/a b/'],
  ['jean-paul', '(and jean paul)'],
  ["o'brien", '(and o brien)'],
  ['Star Trek: Picard', '(and Star Trek Picard)'],
  ['AC/DC', '(and AC DC)'],
  ['((a))', 'a'],
];

describe('parseQuery: valid queries', () => {
  for (const [text, expected] of valid) {
    it(`parses ${JSON.stringify(text)}`, () => {
      const result = parseQuery(text);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) expect(show(result.query)).toBe(expected);
    });
  }
});

const errors: [string, string, number][] = [
  ['title:"abc', 'Unclosed quote starting at position 6', 6],
  ['"abc', 'Unclosed quote starting at position 0', 0],
  ['dune "sand worm', 'Unclosed quote starting at position 5', 5],
  ['autor:tolkien', 'Unknown field "autor" at position 0 — did you mean author?', 0],
  ['dune titel:x', 'Unknown field "titel" at position 5 — did you mean title?', 5],
  ['yeer:1950', 'Unknown field "yeer" at position 0 — did you mean year?', 0],
  ['(a OR b', 'Missing closing parenthesis for the one at position 0', 0],
  ['a (b (c)', 'Missing closing parenthesis for the one at position 2', 2],
  ['a)', 'Unmatched closing parenthesis at position 1', 1],
  [')', 'Unmatched closing parenthesis at position 0', 0],
  ['()', 'Empty parentheses at position 0', 0],
  ['a ( )', 'Empty parentheses at position 2', 2],
  ['OR a', 'Nothing before OR at position 0', 0],
  ['a OR', 'Nothing after OR at position 2', 2],
  ['a OR OR b', 'Nothing after OR at position 2', 2],
  ['(a OR) b', 'Nothing after OR at position 3', 3],
  ['AND a', 'Nothing before AND at position 0', 0],
  ['a AND', 'Nothing after AND at position 2', 2],
  ['a AND OR b', 'Nothing after AND at position 2', 2],
  ['NOT', 'Nothing after NOT at position 0', 0],
  ['a NOT', 'Nothing after NOT at position 2', 2],
  ['(NOT)', 'Nothing after NOT at position 1', 1],
  ['author:', 'Missing value after author: at position 7', 7],
  ['dune year: 1950', 'Missing value after year: at position 10', 10],
  [
    'author:(a OR b)',
    'author: takes one value, not a group (at position 7) — write (author:a OR author:b)',
    7,
  ],
  ['year:abc', 'Expected a year after year: at position 5 — try 1950, 1900..1950 or >2000', 5],
  [
    'year:1950..abc',
    'Expected a year after year: at position 11 — try 1950, 1900..1950 or >2000',
    11,
  ],
  ['year:1950..1900', 'The range 1950..1900 starts after it ends at position 5', 5],
  ['year:..', 'A range needs a number on at least one side of ".." at position 5', 5],
  ['size:5XB', 'Unknown size unit "XB" at position 6 — use KB, MB or GB', 6],
  ['size:>5XB', 'Unknown size unit "XB" at position 7 — use KB, MB or GB', 7],
  ['size:big', 'Expected a size after size: at position 5 — try 5MB, 1MB..10MB or >500KB', 5],
  ['has:covr', 'Unknown has:covr at position 4 — did you mean has:cover?', 4],
  ['has:zzzzzz', 'Unknown has:zzzzzz at position 4 — use has:cover, has:series, has:isbn, …', 4],
  ['isbn:abc', 'Expected an ISBN after isbn: at position 5', 5],
  ['year:/19/', 'year: does not take a regular expression (at position 5)', 5],
  ['/abc', 'Unclosed regular expression starting at position 0: end it with /', 0],
  ['/ab/c', 'Unexpected "c" after the regular expression at position 4', 4],
  ['a '.repeat(1) + '('.repeat(70) + 'a' + ')'.repeat(70), 'Too deeply nested at position 66', 66],
];

describe('parseQuery: malformed queries', () => {
  for (const [text, message, position] of errors) {
    it(`points at ${position} in ${JSON.stringify(text.slice(0, 30))}`, () => {
      const result = parseQuery(text);
      expect(result).toEqual({ ok: false, error: { message, position } });
    });
  }

  it('never throws, whatever the input', () => {
    const pieces = [
      'a',
      '"',
      '(',
      ')',
      '-',
      'OR',
      'NOT',
      'AND',
      '|',
      '/',
      ':',
      'year:',
      'size:>',
      '*',
      ' ',
      '\\',
      'has:',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from(
        { length: 1 + Math.floor(next() * 8) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join('');
      expect(() => parseQuery(text)).not.toThrow();
    }
  });
});

describe('parseQuery: warnings', () => {
  const cases: [string, string, string[]][] = [
    [
      '/ab(/',
      '"ab"',
      ['Invalid regular expression /ab(/ (Unterminated group); searched for it as plain text'],
    ],
    [
      '/tol[/',
      '"tol"',
      [
        'Invalid regular expression /tol[/ (Unterminated character class); searched for it as plain text',
      ],
    ],
    ['"" dune', 'dune', ['Ignored empty quotes at position 0']],
    ['// dune', 'dune', ['Ignored an empty regular expression at position 0']],
    ['dune !!!', 'dune', ['Ignored "!!!": it has no letters or digits']],
    ['re:zero', 're:zero', ['"re:" is not a field; searched for it as text']],
  ];
  for (const [text, expected, warnings] of cases) {
    it(`warns about ${JSON.stringify(text)}`, () => {
      const result = parseQuery(text);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(show(result.query).replace(/^\(and re zero\)$/, 're:zero')).toBe(expected);
      expect(result.warnings).toEqual(warnings);
    });
  }
});

describe('parseQuery: positions', () => {
  it('keeps each term’s span in the text', () => {
    const result = parseQuery('dune author:"frank herbert" -year:<1960');
    expect(result.ok).toBe(true);
    if (!result.ok || result.query?.kind !== 'and') return;
    expect(result.query.children.map((c) => [c.start, c.end])).toEqual([
      [0, 4],
      [5, 27],
      [28, 39],
    ]);
  });
});
