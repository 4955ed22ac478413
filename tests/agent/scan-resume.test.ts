import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';

const BIN = join(import.meta.dirname, '../../agent/bin/colophon.js');
const FILES = 400;

function scanProcess(library: string, data: string) {
  return spawn('node', [BIN, 'scan', library, '--data', data], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function rowCount(data: string): number {
  try {
    const db = new Database(join(data, 'colophon.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

describe('a scan killed half-way', () => {
  const library = tempDir('resume-library');
  const data = tempDir('resume-data');
  afterAll(() => {
    library.remove();
    data.remove();
  });

  it('resumes after a restart from where it was, without reopening files it had read', async () => {
    for (let i = 0; i < FILES; i++) {
      writeFileSync(
        join(library.path, `book-${String(i).padStart(4, '0')}.epub`),
        await makeEpub({ title: `Book ${i}` }),
      );
    }
    // Kill the first scan with SIGKILL once it has read some, but not all, files.
    const first = scanProcess(library.path, data.path);
    const exited = new Promise<number | null>((resolve) =>
      first.once('exit', (code) => resolve(code)),
    );
    let readBeforeKill: number;
    for (;;) {
      readBeforeKill = rowCount(data.path);
      if (readBeforeKill >= 60 || first.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.kill('SIGKILL');
    await exited;
    expect(readBeforeKill).toBeGreaterThan(0);
    expect(readBeforeKill).toBeLessThan(FILES);

    const second = scanProcess(library.path, data.path);
    let output = '';
    second.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) =>
      second.once('exit', (c) => resolve(c)),
    );
    expect(code, output).toBe(0);

    const db = new Database(join(data.path, 'colophon.sqlite'), { readonly: true });
    try {
      const jobs = db.prepare("SELECT id, state, result FROM jobs WHERE kind = 'scan'").all() as {
        id: number;
        state: string;
        result: string;
      }[];
      // One scan job, resumed, not a second scan from zero.
      expect(jobs.filter((j) => j.state === 'done')).toHaveLength(1);
      const kinds = db.prepare('SELECT kind, subject FROM operation_log').all() as {
        kind: string;
        subject: string;
      }[];
      expect(kinds.some((k) => k.kind === 'job.resumed')).toBe(true);
      // Every file was added exactly once: none read again after the restart.
      const added = kinds.filter((k) => k.kind === 'book.added').map((k) => k.subject);
      expect(added).toHaveLength(FILES);
      expect(new Set(added).size).toBe(FILES);
      expect((db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n).toBe(FILES);
    } finally {
      db.close();
    }
  }, 120_000);
});
