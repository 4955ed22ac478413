import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { lookup as lookupSources, type LookupQuery } from '#core/sources/lookup';
import type { SourceLookup } from '#core/sources/result';
import { resolveDataDir } from '../config';
import { getSetting } from '../db/settings';
import { openDatabase } from '../db/sqlite';
import { ResponseCache } from '../sources/response-cache';
import { buildSources, sourceSettings } from '../sources/source-config';
import { parse } from './parse';
import { UsageError } from './usage';

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replace(/^#/, ''));
  if (text.trim() === '' || !Number.isFinite(value))
    throw new UsageError(`--${name} must be a number.`);
  return value;
}

function queryFrom(args: string[]): { query: LookupQuery; data: string | undefined } {
  const { values } = parse(args, {
    isbn: { type: 'string' },
    title: { type: 'string' },
    author: { type: 'string' },
    language: { type: 'string' },
    comic: { type: 'boolean' },
    series: { type: 'string' },
    number: { type: 'string' },
    year: { type: 'string' },
  });
  const comic = values.comic === true || values.series !== undefined;
  if (!values.isbn && !values.title && !values.series)
    throw new UsageError('lookup needs --isbn, --title or --series.');
  const number = numberOption('number', values.number);
  const year = numberOption('year', values.year);
  const query: LookupQuery = {
    kind: comic ? 'comic' : 'book',
    ...(values.isbn && { isbn: values.isbn }),
    ...(values.title && { title: values.title }),
    ...(values.author && { author: values.author }),
    ...(values.language && { language: values.language }),
    ...(values.series && { series: values.series }),
    ...(number !== undefined && { number }),
    ...(year !== undefined && { year }),
  };
  return { query, data: values.data };
}

/** A source's outcome as printed: `match` null for an identifier hit, the error as JSON. */
const printable = (result: SourceLookup) => ({
  source: result.source,
  match: result.match ?? null,
  candidates: result.candidates,
  covers: result.covers,
  ...(result.error && { error: result.error.toJSON() }),
});

/**
 * `colophon lookup`: asks the sources as a lookup job would (same rate
 * limits, retries and cache in the data dir) and prints one JSON object.
 * Exit status 0 when at least one source answered, 1 when all failed.
 */
export async function lookup(args: string[]): Promise<number> {
  const { query, data } = queryFrom(args);
  const dataDir = resolveDataDir(data);
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'colophon.sqlite'));
  try {
    const settings = sourceSettings(process.env, (key) => getSetting(db, key));
    const { clients } = buildSources(settings, { cache: new ResponseCache(db) });
    const result = await lookupSources(query, clients);
    process.stdout.write(
      `${JSON.stringify({ query, sources: result.sources.map(printable) }, null, 2)}\n`,
    );
    const failures = result.sources.filter((s) => s.error);
    if (failures.length < result.sources.length) return 0;
    for (const { error } of failures) if (error) console.error(error.message);
    return 1;
  } finally {
    db.close();
  }
}
