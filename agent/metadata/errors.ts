import { RequestError } from '../server/request-error';

/** Why a metadata request cannot be done, with the HTTP status that says so. */
export type MetadataErrorStatus = 400 | 404 | 409 | 413 | 415;

/**
 * A request the agent will not carry out, and why, in words the user can act
 * on. Expected outcomes (a book that is gone, a value that does not fit the
 * field, a file that is no image) are these, never a 500; the agent's one
 * error handler tells them to the client as they are.
 */
export class MetadataRequestError extends RequestError {
  override name = 'MetadataRequestError';

  constructor(status: MetadataErrorStatus, code: string, message: string) {
    super(status, code, message);
  }
}

export const bookNotFound = (bookId: string): MetadataRequestError =>
  new MetadataRequestError(
    404,
    'not-found',
    `There is no book "${bookId}" in this library; it may have been removed by a scan.`,
  );
