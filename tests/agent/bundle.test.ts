import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { bundle } from '../../agent/bin/bundle.js';
import { tempDir } from '../support/temp';

let sources: ReturnType<typeof tempDir>;
let cache: ReturnType<typeof tempDir>;

/** Writes a source saved a minute ago (one saved just now is not cached: see bundle.js). */
function writeSource(name: string, text: string): void {
  const path = join(sources.path, name);
  writeFileSync(path, text);
  const aMinuteAgo = new Date(Date.now() - 60_000);
  utimesSync(path, aMinuteAgo, aMinuteAgo);
}

beforeEach(() => {
  sources = tempDir('bundle-src');
  cache = tempDir('bundle-cache');
  writeSource(
    'main.ts',
    "import { where } from './where.ts';\nexport const value: string = where;\n",
  );
  writeSource('where.ts', 'export const where = `${import.meta.dirname}|${import.meta.url}`;\n');
});

afterEach(() => {
  sources.remove();
  cache.remove();
});

async function valueOf(dir: string): Promise<string> {
  const module = (await import(pathToFileURL(join(dir, 'main.js')).href)) as { value: string };
  return module.value;
}

test('code that finds files relative to itself finds them from the bundle too', async () => {
  const dir = await bundle({ main: join(sources.path, 'main.ts') }, cache.path);
  expect(await valueOf(dir)).toBe(
    `${sources.path}|${pathToFileURL(join(sources.path, 'where.ts')).href}`,
  );
});

test('an unchanged bundle is reused; a changed source is bundled again', async () => {
  const entries = { main: join(sources.path, 'main.ts') };
  const first = await bundle(entries, cache.path);
  const manifest = join(cache.path, 'main.json');
  const written = statSync(manifest).mtimeMs;

  expect(await bundle(entries, cache.path)).toBe(first);
  expect(statSync(manifest).mtimeMs).toBe(written);

  writeSource('where.ts', "export const where = 'changed on disk';\n");
  const second = await bundle(entries, cache.path);
  expect(second).not.toBe(first);
  expect(await valueOf(second)).toBe('changed on disk');
  expect(JSON.parse(readFileSync(manifest, 'utf8')).dir).toBe(second.split('/').at(-1));
});

test('a bundle made from a source saved a moment ago is not reused', async () => {
  writeFileSync(join(sources.path, 'where.ts'), "export const where = 'just saved';\n");
  const dir = await bundle({ main: join(sources.path, 'main.ts') }, cache.path);
  expect(await valueOf(dir)).toBe('just saved');
  expect(existsSync(join(cache.path, 'main.json'))).toBe(false);
});

test('a source that does not compile is refused with its error', async () => {
  writeSource('where.ts', 'export const where = ;\n');
  await expect(bundle({ main: join(sources.path, 'main.ts') }, cache.path)).rejects.toThrow(
    /where\.ts/,
  );
});
