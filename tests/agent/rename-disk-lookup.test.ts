import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { profiles } from '#core/rename/sanitise';
import { diskLookup } from '../../agent/rename/disk-lookup';
import { tempDir } from '../support/temp';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function disk(files: string[]): string {
  const dir = tempDir('disk-lookup');
  dirs.push(dir);
  for (const rel of files) {
    mkdirSync(dirname(join(dir.path, rel)), { recursive: true });
    writeFileSync(join(dir.path, rel), rel);
  }
  return dir.path;
}

const lookupOn = (root: string, profile: 'windows' | 'macos') =>
  diskLookup({
    profile: profiles[profile],
    caseInsensitive: profiles[profile].caseInsensitive,
    roots: [root],
  });

describe('diskLookup on a host that tells apart names its profile folds', () => {
  // ext4 holds "Herbert, Frank/" beside "herbert, frank/"; a Windows disk would
  // hold one folder. Whichever twin a file is in, the name is taken: the planner
  // once saw only the twin listed last, and the executor then met the file.
  it('finds a file in any of the twin folders, whatever order the disk lists them in', () => {
    const root = disk(['Herbert, Frank/Dune.epub', 'herbert, frank/Emma.epub']);
    const lookup = lookupOn(root, 'windows');
    expect(lookup(`${root}/Herbert, Frank/Dune.epub`)).toEqual({
      kind: 'file',
      path: `${root}/Herbert, Frank/Dune.epub`,
    });
    expect(lookup(`${root}/Herbert, Frank/Emma.epub`)).toEqual({
      kind: 'file',
      path: `${root}/herbert, frank/Emma.epub`,
    });
    expect(lookup(`${root}/HERBERT, FRANK/dune.EPUB`)).toMatchObject({ kind: 'file' });
    expect(lookup(`${root}/Herbert, Frank/Ubik.epub`)).toBe(false);
  });

  it('answers with the spelling asked for when it is one of the twins', () => {
    const root = disk(['Dune/a.txt', 'dune/b.txt']);
    const lookup = lookupOn(root, 'windows');
    expect(lookup(`${root}/Dune`)).toEqual({ kind: 'dir', path: `${root}/Dune` });
    expect(lookup(`${root}/dune`)).toEqual({ kind: 'dir', path: `${root}/dune` });
  });

  it('finds a file under NFC and NFD twin folders on the macOS profile', () => {
    const nfc = 'Caf\u00e9';
    const nfd = 'Cafe\u0301';
    const root = disk([`${nfc}/one.epub`, `${nfd}/two.epub`]);
    const lookup = lookupOn(root, 'macos');
    expect(lookup(`${root}/${nfc}/two.epub`)).toEqual({
      kind: 'file',
      path: `${root}/${nfd}/two.epub`,
    });
    expect(lookup(`${root}/${nfd}/one.epub`)).toEqual({
      kind: 'file',
      path: `${root}/${nfc}/one.epub`,
    });
  });
});
