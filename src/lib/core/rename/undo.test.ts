import { describe, expect, it } from 'vitest';
import type { Move } from './plan-types';
import { invertMoves } from './undo';

describe('invertMoves', () => {
  const moves: Move[] = [
    { from: '/l/a', to: '/l/.tmp', bookId: 'a', temporary: true },
    { from: '/l/b', to: '/l/a', bookId: 'b' },
    { from: '/l/.tmp', to: '/l/b', bookId: 'a', temporary: true },
    { from: '/l/x', to: '/l/.colophon-trash/1/x', bookId: 'c', trash: true },
    { from: '/l/c.opf', to: '/l/x', bookId: 'c', companionOf: 'c' },
  ];

  it('reverses the order and swaps each move, keeping what each move is for', () => {
    expect(invertMoves(moves)).toEqual([
      { from: '/l/x', to: '/l/c.opf', bookId: 'c', companionOf: 'c' },
      { from: '/l/.colophon-trash/1/x', to: '/l/x', bookId: 'c', trash: true },
      { from: '/l/b', to: '/l/.tmp', bookId: 'a', temporary: true },
      { from: '/l/a', to: '/l/b', bookId: 'b' },
      { from: '/l/.tmp', to: '/l/a', bookId: 'a', temporary: true },
    ]);
  });

  it('is its own inverse and leaves its input alone', () => {
    const copy = structuredClone(moves);
    expect(invertMoves(invertMoves(moves))).toEqual(moves);
    expect(moves).toEqual(copy);
    expect(invertMoves([])).toEqual([]);
  });
});
