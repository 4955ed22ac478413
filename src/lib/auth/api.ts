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
