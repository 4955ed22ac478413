/**
 * A request the agent refuses, told to the client as it is: the error
 * handler answers `status` and `{ error: code, message, ...details }`
 * (`expose` is what it looks for, as in http-errors).
 */
export class RequestError extends Error {
  override name = 'RequestError';
  readonly expose = true;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, string | number>>,
  ) {
    super(message);
  }
}

export const notFound = (message: string): RequestError =>
  new RequestError(404, 'not-found', message);
