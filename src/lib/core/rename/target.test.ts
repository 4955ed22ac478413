import { describe, expect, it } from 'vitest';
import { measure, profiles } from './sanitise';
import { fitStem, renderTarget, stemBudget } from './target';
import { parseTemplate, type Template } from './template-parser';

const { linux, macos, windows } = profiles;

function template(pattern: string): Template {
  const result = parseTemplate(pattern);
  if (!result.ok) throw new Error(result.error.message);
  return result.template;
}

describe('renderTarget', () => {
  it('sanitises values before they shape the path: a "/" never makes a folder', () => {
    const target = renderTarget(
      template('${author.name}/${title}.${ext}'),
      {
        metadata: { title: 'Either/Or', authors: [{ name: 'Søren Kierkegaard', roles: ['aut'] }] },
        format: 'epub',
        ext: 'epub',
      },
      linux,
    );
    expect(target).toMatchObject({ dir: 'Søren Kierkegaard', stem: 'Either-Or', ext: 'epub' });
  });

  it('treats a value that sanitises to nothing as empty', () => {
    const target = renderTarget(
      template('${author.name} - ${title}.${ext}'),
      {
        metadata: { title: 'Dune', authors: [{ name: '???', roles: ['aut'] }] },
        format: 'epub',
        ext: 'epub',
      },
      windows,
    );
    expect(target.stem).toBe('Dune');
    expect(target.missingTokens).toEqual(['author.name']);
  });

  it('escapes reserved names in folders and files on Windows', () => {
    const target = renderTarget(
      template('${publisher}/${title}.${ext}'),
      { metadata: { title: 'Con', publisher: 'AUX' }, format: 'epub', ext: 'epub' },
      windows,
    );
    expect([target.dir, target.stem]).toEqual(['AUX_', 'Con_']);
  });

  it('cuts a folder name to the per-name limit on a grapheme boundary', () => {
    const target = renderTarget(
      template('${publisher}/${title}.${ext}'),
      { metadata: { title: 'T', publisher: 'é'.repeat(200) }, format: 'epub', ext: 'epub' },
      linux,
    );
    expect(target.folderTruncated).toBe(true);
    expect(measure(target.dir, linux)).toBeLessThanOrEqual(255);
    expect(target.dir).toBe('é'.repeat(127));
  });
});

describe('fitStem: truncation keeps the extension and room for a suffix', () => {
  const long = 'The Extraordinarily Long Title '.repeat(12).trim();

  it('leaves a stem that fits alone', () => {
    expect(fitStem('Dune', 0, 250, linux)).toBe('Dune');
    expect(fitStem('Dune', 3, 250, linux)).toBe('Dune (3)');
  });

  it.each([
    ['linux', linux],
    ['macos', macos],
    ['windows', windows],
  ] as const)('%s: a long name is cut so stem + " (12)" + ".epub" still fits', (_, profile) => {
    const budget = stemBudget('/library/Author', ['.epub', '.opf'], profile);
    const cut = fitStem(long, 0, budget, profile) ?? '';
    expect(measure(`${cut}.epub`, profile)).toBeLessThanOrEqual(profile.componentMax);
    expect(measure(`${cut} (12).epub`, profile)).toBeLessThanOrEqual(profile.componentMax);
    expect(measure(`/library/Author/${cut} (12).opf`, profile)).toBeLessThanOrEqual(
      profile.pathMax,
    );
    const suffixed = fitStem(long, 12, budget, profile) ?? '';
    expect(suffixed.startsWith(cut)).toBe(true);
    expect(suffixed.endsWith(' (12)')).toBe(true);
  });

  it('counts multibyte names in bytes on Linux and macOS, UTF-16 units on Windows', () => {
    const name = '日本語'.repeat(40); // 120 units, 360 bytes
    expect(fitStem(name, 0, 250, windows)).toBe(name);
    const cut = fitStem(name, 0, 250, linux) ?? '';
    expect(measure(cut, linux)).toBeLessThanOrEqual(245);
    expect(name.startsWith(cut)).toBe(true);
  });

  it('measures the decomposed form on macOS', () => {
    const name = 'é'.repeat(100); // 200 bytes NFC, 300 bytes NFD
    expect(fitStem(name, 0, 250, linux)).toBe(name);
    expect(measure(fitStem(name, 0, 250, macos) ?? '', macos)).toBeLessThanOrEqual(245);
  });

  it('never splits an emoji', () => {
    const cut = fitStem('😀'.repeat(100), 0, 100, linux) ?? '';
    expect(cut).toBe('😀'.repeat(23)); // 95 bytes of room, 4 bytes each
  });

  it('gives up when the folder leaves no room for a useful name', () => {
    const deep = `/library/${'a'.repeat(240)}`;
    expect(fitStem(long, 0, stemBudget(deep, ['.epub'], windows), windows)).toBeUndefined();
  });
});
