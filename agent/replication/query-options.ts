import type { ParsedQs } from 'qs';
import { CouchError } from './couch-error';

/**
 * Reads the query options of the replication protocol one by one, by name and
 * type. Only what is read here reaches PouchDB: an option the protocol does
 * not name is never passed on, so no request can reach a feature (views,
 * filter functions) by an option.
 */
export class QueryOptions {
  constructor(private readonly query: ParsedQs) {}

  private raw(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw bad(name, 'it is given more than once');
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw bad(name, 'it must be true or false');
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw bad(name, `it must be a whole number from ${min}`);
    return Math.min(n, max);
  }

  /** A JSON value (keys and revision lists are JSON in CouchDB's query strings). */
  json(name: string): unknown {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw bad(name, 'it is not valid JSON');
    }
  }

  /** A string as given, or one of a few words. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value))
      throw bad(name, `it must be one of ${allowed.join(', ')}`);
    return value as T;
  }

  /** A sequence: a number for PouchDB's stores, `now`, or an opaque string. */
  since(name: string): number | string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (value === 'now') return value;
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }

  has(name: string): boolean {
    return this.query[name] !== undefined;
  }
}

function bad(name: string, why: string): CouchError {
  return new CouchError(400, 'bad_request', `The query option "${name}" is not valid: ${why}.`);
}
