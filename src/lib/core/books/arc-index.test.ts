import { describe, expect, it } from 'vitest';
import { buildArcs } from './arc-index';

const arc = (name: string, number?: number) => ({
  name,
  group: 'story-arc' as const,
  ...(number !== undefined && { number }),
});

describe('buildArcs', () => {
  it('lists an arc’s comics in arc order across series, with the arc positions missing', () => {
    const [knightfall, ...rest] = buildArcs([
      {
        id: 'd',
        title: 'Part 4',
        series: 'Detective Comics',
        issue: '#659',
        arcs: [arc('Knightfall', 4)],
      },
      { id: 'a', title: 'Part 1', series: 'Batman', issue: '#491', arcs: [arc('Knightfall', 1)] },
      {
        id: 'b',
        title: 'Part 2',
        series: 'Detective Comics',
        issue: '#659',
        arcs: [arc('Knightfall', 2)],
      },
      { id: 'x', title: 'Epilogue', series: 'Batman', arcs: [arc('Knightfall')] },
    ]);
    expect(rest).toEqual([]);
    expect(knightfall?.books.map((b) => b.id)).toEqual(['a', 'b', 'd', 'x']);
    expect(knightfall?.gaps).toEqual([3]);
    expect(knightfall?.group).toBe('story-arc');
  });

  it('keeps story arcs and reading lists apart by name, one entry per spelling', () => {
    const arcs = buildArcs([
      {
        id: '1',
        title: 'One',
        arcs: [arc('The Court of Owls', 1), { name: 'Bat-Family', group: 'series-group' }],
      },
      { id: '2', title: 'Two', arcs: [arc('Court of Owls', 2)] },
    ]);
    expect(arcs.map((a) => [a.name, a.group, a.books.length])).toEqual([
      ['Bat-Family', 'series-group', 1],
      ['The Court of Owls', 'story-arc', 2],
    ]);
  });
});
