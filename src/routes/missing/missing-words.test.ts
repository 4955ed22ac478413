import { describe, expect, it } from 'vitest';
import type { MissingBook } from '#core/api/maintenance';
import { keptWords, removalBody } from './missing-words';

const book = (title: string) => ({ title }) as MissingBook;

describe('the words of removing missing books', () => {
  it('speaks of one book as one, and of several as several', () => {
    expect(removalBody([book('A Princess of Mars')], 0)).toBe(
      '“A Princess of Mars” will leave the catalog on every device. Its file is already gone from disk; nothing else is deleted. Undo puts it back, with its edits.',
    );
    const many = removalBody(['A', 'B', 'C', 'D', 'E'].map(book), 2);
    expect(many).toMatch(/^“A”, “B”, “C” and 2 more will leave the catalog/);
    expect(many).toContain('Their files are already gone');
    expect(many).toContain('Undo puts them back, with their edits.');
    expect(many).toMatch(/cannot be reached now are not touched\.$/);
  });

  it('counts the books kept in words that agree with the number', () => {
    expect(keptWords(1)).toBe('1 book here is kept as it is');
    expect(keptWords(3)).toBe('3 books here are kept as they are');
  });
});
