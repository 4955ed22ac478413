import {
  pathOf,
  type ApiRoute,
  type RouteBodyInput,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '#core/api/route';

/** An error the agent answered with, carrying its message for the user. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;

/** Set when the session is known: every state-changing request carries it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function csrfHeader(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/**
 * Calls the agent's JSON API: sends JSON (or `raw` bytes with their own
 * type, for an upload), the CSRF token and the session
 * cookie; answers the parsed body or throws an ApiError with the agent's
 * message (or a network one when the agent cannot be reached).
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; raw?: Blob } = {},
): Promise<T> {
  const contentType = init.raw
    ? init.raw.type || 'application/octet-stream'
    : init.body !== undefined
      ? 'application/json'
      : undefined;
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(contentType ? { 'content-type': contentType } : {}),
        ...(init.method && init.method !== 'GET' ? csrfHeader() : {}),
      },
      ...(init.raw
        ? { body: init.raw }
        : init.body !== undefined
          ? { body: JSON.stringify(init.body) }
          : {}),
    });
  } catch {
    throw new ApiError(
      0,
      'The agent cannot be reached. The catalog still works offline; this needs the agent.',
    );
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const message =
      typeof body.message === 'string' ? body.message : `The agent answered ${response.status}.`;
    throw new ApiError(response.status, message, body);
  }
  return body as T;
}

/**
 * What a call of `route` sends: path parameters and query as values (written
 * as text in the URL), the JSON body as its schema takes it, or a file.
 */
export type RequestInput<R extends ApiRoute> = (keyof RouteParams<R> extends never
  ? unknown
  : { params: RouteParams<R> }) &
  (R extends { body: unknown } ? { body: RouteBodyInput<R> } : unknown) &
  (R extends { query: unknown } ? { query?: RouteQuery<R> } : unknown) &
  (R extends { upload: readonly string[] } ? { upload: Blob } : unknown);

interface LooseInput {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  upload?: Blob;
}

/**
 * Calls one route of the agent's API contract (`#core/api/*`), typed by its
 * schemas. The answer is not parsed here, only typed: it comes from the agent
 * that served this app, tests parse the agent's answers with the same
 * schemas, and parsing every answer would cost the browser time on long
 * lists (a rename batch's moves, the jobs' progress events) for no check
 * the tests do not make already.
 */
export function apiRequest<R extends ApiRoute>(
  route: R,
  ...[input]: object extends RequestInput<R> ? [RequestInput<R>?] : [RequestInput<R>]
): Promise<RouteResponse<R>> {
  const { params = {}, query = {}, body, upload } = (input ?? {}) as LooseInput;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  const path = pathOf(route.path, params) + (text ? `?${text}` : '');
  return api<RouteResponse<R>>(path, {
    method: route.method,
    ...(body !== undefined && { body }),
    ...(upload && { raw: upload }),
  });
}
