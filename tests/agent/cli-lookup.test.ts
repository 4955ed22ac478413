import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, NO_CORPUS_MESSAGE } from '../support/corpus';
import { startSourceServer, type SourceServer } from '../support/source-server';
import { tempDir } from '../support/temp';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../agent/bin/colophon.js');

interface Printed {
  query: object;
  sources: {
    source: string;
    match: object | null;
    candidates: { field: string; value: unknown; origin: string }[];
    covers: object[];
    error?: { kind: string; message: string };
  }[];
}

describe.skipIf(!corpusDir)('colophon lookup', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  let server: SourceServer;
  const dir = tempDir('cli-lookup');

  beforeAll(async () => {
    server = await startSourceServer();
  });
  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  async function colophon(env: Record<string, string>, ...args: string[]) {
    try {
      const { stdout, stderr } = await run('node', [BIN, 'lookup', ...args], {
        timeout: 60_000,
        env: { ...process.env, COLOPHON_DATA: dir.path, ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('prints each source’s candidates as one JSON object', async () => {
    const { code, stdout } = await colophon(server.env, '--isbn', '9782070427796');
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as Printed;
    expect(printed.query).toEqual({ kind: 'book', isbn: '9782070427796' });
    const [ol, gb] = printed.sources;
    expect(ol?.source).toBe('openlibrary');
    expect(ol?.match).toBeNull();
    expect(ol?.candidates.find((c) => c.field === 'title')).toMatchObject({
      value: 'Les ombres errantes',
      origin: 'openlibrary:isbn',
    });
    expect(gb).toEqual({ source: 'googlebooks', match: null, candidates: [], covers: [] });
    expect(
      server.requests.some((r) => r.startsWith('/ol/api/books?bibkeys=ISBN%3A9782070427796')),
    ).toBe(true);
  });

  it('answers a repeated lookup from the cache in the data dir', async () => {
    const before = server.requests.length;
    const { code } = await colophon(server.env, '--isbn', '9782070427796');
    expect(code).toBe(0);
    expect(server.requests.length).toBe(before);
  });

  it('exits 1 with the reasons when every source fails', async () => {
    const down = Object.fromEntries(
      Object.entries(server.env).map(([k, v]) => [k, v.replace(/:\d+/, ':1')]),
    );
    const { code, stdout, stderr } = await colophon(
      down,
      '--title',
      'Sabriel',
      '--author',
      'Garth Nix',
    );
    expect(code).toBe(1);
    const printed = JSON.parse(stdout) as Printed;
    expect(printed.sources.map((s) => s.error?.kind)).toEqual(['network', 'network']);
    expect(stderr).toContain('Open Library could not be reached');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('says what it needs when given nothing to look up', async () => {
    const { code, stderr } = await colophon(server.env);
    expect(code).toBe(2);
    expect(stderr).toContain('lookup needs --isbn, --title or --series');
  });
});
