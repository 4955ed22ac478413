import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir, corpusPath } from '../support/corpus';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../agent/bin/colophon.js');

async function colophon(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('colophon inspect', () => {
  const dir = tempDir('inspect');
  afterAll(() => dir.remove());

  it('prints one JSON object per file with the embedded metadata', async () => {
    const file = join(dir.path, 'book.epub');
    writeFileSync(
      file,
      await makeEpub({
        title: 'Inspected',
        authors: ['Ira Inspector'],
        series: { name: 'Tests', number: 2.5 },
      }),
    );
    const { code, stdout } = await colophon('inspect', file);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      format: string;
      metadata: { title: string; series: object };
    };
    expect(result.format).toBe('epub');
    expect(result.metadata.title).toBe('Inspected');
    expect(result.metadata.series).toEqual({ name: 'Tests', number: 2.5, kind: 'series' });
  });

  it('gives a clear error object and exit status 1 for unreadable files, never a stack trace', async () => {
    const empty = join(dir.path, 'empty.epub');
    const text = join(dir.path, 'notes.txt');
    writeFileSync(empty, '');
    writeFileSync(text, 'hello');
    const good = join(dir.path, 'good.epub');
    writeFileSync(good, await makeEpub({ title: 'Fine' }));
    const { code, stdout, stderr } = await colophon(
      'inspect',
      empty,
      join(dir.path, 'absent.epub'),
      text,
      good,
    );
    expect(code).toBe(1);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { error?: { code: string; message: string } });
    expect(lines).toHaveLength(4);
    expect(lines[0]?.error?.code).toBe('empty-file');
    expect(lines[1]?.error?.message).toBe('No such file.');
    expect(lines[2]?.error?.code).toBe('unsupported-format');
    expect(lines[3]?.error).toBeUndefined();
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(!corpusDir)('reads a real EPUB from the corpus', async () => {
    const { code, stdout } = await colophon(
      'inspect',
      corpusPath('epub/se_l-frank-baum_the-wonderful-wizard-of-oz.epub'),
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      metadata: { title: string; series: { name: string; number: number } };
    };
    expect(result.metadata.title).toBe('The Wonderful Wizard of Oz');
    expect(result.metadata.series).toMatchObject({ name: 'Oz', number: 1 });
  });

  it('refuses an unknown command with the usage and status 2', async () => {
    const { code, stderr } = await colophon('frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain('Usage:');
  });
});
