import { describe, expect, it } from 'vitest';
import { formatXPointer, fragmentXPointer, inFragment, parseXPointer } from './xpointer';

describe('crengine xpointers', () => {
  const cases: [string, ReturnType<typeof parseXPointer>][] = [
    [
      '/body/DocFragment[12]/body/div/p[3]/text()[2].15',
      {
        steps: [
          { name: 'body' },
          { name: 'DocFragment', index: 12 },
          { name: 'body' },
          { name: 'div' },
          { name: 'p', index: 3 },
          { name: 'text()', index: 2 },
        ],
        offset: 15,
      },
    ],
    // Since crengine's DOM version 20260812 every rank is written, [1] too.
    [
      '/body[1]/DocFragment[3]/body[1]/section[1]/p[5]/text()[1].0',
      {
        steps: [
          { name: 'body', index: 1 },
          { name: 'DocFragment', index: 3 },
          { name: 'body', index: 1 },
          { name: 'section', index: 1 },
          { name: 'p', index: 5 },
          { name: 'text()', index: 1 },
        ],
        offset: 0,
      },
    ],
    [
      '/body/DocFragment[2].0',
      { steps: [{ name: 'body' }, { name: 'DocFragment', index: 2 }], offset: 0 },
    ],
    [
      '/body/DocFragment/body/h2',
      { steps: [{ name: 'body' }, { name: 'DocFragment' }, { name: 'body' }, { name: 'h2' }] },
    ],
  ];
  it.each(cases)('reads %s and writes it back the same', (text, pointer) => {
    expect(parseXPointer(text)).toEqual(pointer);
    expect(formatXPointer(pointer as NonNullable<typeof pointer>)).toBe(text);
  });

  it.each(['56', '', 'body/p', '/body/p[0]', '/body/p[x]', '/body//p', '/body/p.1.2'])(
    'is not one: %j',
    (text) => expect(parseXPointer(text)).toBeUndefined(),
  );

  it('finds the DocFragment, written either way, and writes it as toStringV2 does', () => {
    for (const text of [
      '/body/DocFragment[4]/body/p[2]/text().7',
      '/body[1]/DocFragment[4]/body[1]/p[2]/text()[1].7',
    ]) {
      const inside = inFragment(parseXPointer(text)!);
      expect(inside?.fragment).toBe(4);
      expect(inside?.offset).toBe(7);
    }
    expect(inFragment(parseXPointer('/FictionBook/body/section[2]/p.0')!)).toBeUndefined();
    expect(fragmentXPointer({ fragment: 9, steps: [], offset: 0 })).toBe('/body/DocFragment[9].0');
  });
});
