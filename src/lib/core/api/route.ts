import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Where the agent serves its JSON API; every route's path starts with it. */
export const API_PREFIX = '/api';

/**
 * One route of the agent's HTTP API: the agent registers and validates it
 * from this, the browser calls it from this. `path` is in express's syntax
 * (`:name` for a parameter). Query schemas read URL text into values (the
 * browser sends those values, as text); body schemas read JSON.
 */
export interface ApiRoute {
  readonly method: HttpMethod;
  readonly path: `${typeof API_PREFIX}/${string}`;
  /** Path parameters that must be more than text (a number); each is a string otherwise. */
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The body is not JSON but the bytes of a file of one of these types. */
  readonly upload?: readonly string[];
  /** The JSON answer; absent where the answer is a file or an event stream. */
  readonly response?: z.ZodType;
}

/** Declares a route, keeping its literal path (for its parameter names) and schemas. */
export const route = <const R extends ApiRoute>(definition: R): R => definition;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The parameters a path names, as text: `/api/users/:id` has `{ id: string }`. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: string };

export type RouteParams<R extends ApiRoute> = R extends { params: infer S extends z.ZodType }
  ? z.output<S>
  : PathParams<R['path']>;
export type RouteQuery<R extends ApiRoute> = R extends { query: infer S extends z.ZodType }
  ? z.output<S>
  : Record<string, never>;
/** The body as the agent reads it (defaults filled in). */
export type RouteBody<R extends ApiRoute> = R extends { body: infer S extends z.ZodType }
  ? z.output<S>
  : unknown;
/** The body as a client may send it (what has a default may be left out). */
export type RouteBodyInput<R extends ApiRoute> = R extends { body: infer S extends z.ZodType }
  ? z.input<S>
  : never;
export type RouteResponse<R extends ApiRoute> = R extends { response: infer S extends z.ZodType }
  ? z.output<S>
  : never;

/** The path with its parameters filled in, each escaped. */
export function pathOf(path: string, params: Readonly<Record<string, string | number>>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path} needs the parameter ${name}.`);
    return encodeURIComponent(String(value));
  });
}
