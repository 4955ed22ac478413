import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { calibreLibraryPath, fingerprint } from '../support/calibre-corpus';
import { corpusDir, NO_CORPUS_MESSAGE } from '../support/corpus';
import { tempDir } from '../support/temp';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../agent/bin/colophon.js');

describe.skipIf(!corpusDir)('colophon import calibre', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const data = tempDir('cli-import');
  afterAll(() => data.remove());

  async function colophon(...args: string[]) {
    try {
      const { stdout, stderr } = await run('node', [BIN, 'import', ...args], {
        timeout: 120_000,
        env: { ...process.env, COLOPHON_DATA: data.path },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('imports the library and prints the summary, with the book that has no file', async () => {
    const library = calibreLibraryPath();
    const before = fingerprint(library);
    const { code, stdout } = await colophon('calibre', library);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `Calibre library ${library}: 13 books, 12 imported onto 12 files (0 in several formats), 12 covers, 1 without a file.`,
    );
    expect(stdout).toContain('  #13 “A Book Without Files”: Calibre lists no file for this book.');
    expect(fingerprint(library)).toEqual(before);
  });

  it('says why a folder is no Calibre library (status 1), and how it is called (status 2)', async () => {
    const wrong = await colophon('calibre', data.path);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('has no metadata.db, so it is not a Calibre library');
    const usage = await colophon('kobo', data.path);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('colophon import calibre PATH');
  });
});
