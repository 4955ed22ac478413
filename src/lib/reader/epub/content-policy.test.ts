import { describe, expect, it } from 'vitest';
import { CHAPTER_POLICY } from './content-policy';

describe("a chapter's own policy", () => {
  const directives = new Map(
    CHAPTER_POLICY.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );

  it('fetches nothing: no connections, frames, scripts or objects, not even from the agent', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    for (const name of ['connect-src', 'script-src', 'frame-src', 'object-src'])
      expect(directives.has(name)).toBe(false);
  });

  it("loads the book's own files only (blob: and data: URLs epubjs makes)", () => {
    for (const name of ['img-src', 'font-src', 'media-src', 'style-src'])
      for (const source of directives.get(name) ?? [])
        expect(['blob:', 'data:', "'unsafe-inline'"]).toContain(source);
  });
});
