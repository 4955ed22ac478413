import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from './memory-handles.test-support';
import { walkDirectory } from './walk-directory';
import { folderNameOf, relativePath, walkFileList } from './walk-file-list';
import type { WalkEvent } from './walk-types';

const isBook = (name: string) => /\.(epub|pdf)$/.test(name);

async function collect(events: AsyncIterable<WalkEvent>): Promise<string[]> {
  const out: string[] = [];
  for await (const event of events) {
    out.push(event.kind === 'file' ? event.file.rel : `notice ${event.path}: ${event.message}`);
  }
  return out;
}

describe('walkDirectory', () => {
  it('yields books depth-first in name order, skipping hidden entries and other files', async () => {
    const root = new MemoryDirectory('lib')
      .write('b/second.epub', 'x')
      .write('a/z.pdf', 'x')
      .write('a/c/first.epub', 'x')
      .write('top.epub', 'x')
      .write('notes.txt', 'x')
      .write('.colophon-trash/b1/old.epub', 'x')
      .write('a/.hidden.epub', 'x');
    expect(await collect(walkDirectory(root.handle, isBook))).toEqual([
      'top.epub',
      'a/z.pdf',
      'a/c/first.epub',
      'b/second.epub',
    ]);
  });

  it('reports a folder it cannot list and goes on', async () => {
    const root = new MemoryDirectory('lib').write('locked/x.epub', 'x').write('open/y.epub', 'x');
    (root.dirs.get('locked') as MemoryDirectory).failListing = true;
    expect(await collect(walkDirectory(root.handle, isBook))).toEqual([
      'notice locked: Folder skipped: access was not granted.',
      'open/y.epub',
    ]);
  });

  it('fails, rather than finding nothing, when the picked folder itself cannot be read', async () => {
    const root = new MemoryDirectory('lib').write('a.epub', 'x');
    root.failListing = true;
    await expect(collect(walkDirectory(root.handle, isBook))).rejects.toThrow(
      /"lib" cannot be read \(access was not granted\)/,
    );
  });

  it('gives each file its size and modification time', async () => {
    const root = new MemoryDirectory('lib').write('a.epub', 'four', 1234.9);
    for await (const event of walkDirectory(root.handle, isBook)) {
      expect(event).toMatchObject({
        kind: 'file',
        file: { rel: 'a.epub', size: 4, mtimeMs: 1234 },
      });
    }
  });
});

describe('walkFileList', () => {
  const file = (path: string) => {
    const f = new File(['x'], path.split('/').pop() as string);
    Object.defineProperty(f, 'webkitRelativePath', { value: path });
    return f;
  };

  it('drops the chosen folder from paths and walks like a picked folder', async () => {
    const files = [
      file('Books/b/2.epub'),
      file('Books/1.pdf'),
      file('Books/.x/3.epub'),
      file('Books/n.txt'),
    ];
    expect(relativePath(files[0] as File)).toBe('b/2.epub');
    expect(folderNameOf(files)).toBe('Books');
    expect(await collect(walkFileList(files, isBook))).toEqual(['1.pdf', 'b/2.epub']);
  });
});
