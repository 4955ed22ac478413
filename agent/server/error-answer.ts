import { STATUS_CODES } from 'node:http';
import { asDiskFull } from '../storage/disk-full';

/** What a client is told about an error: an HTTP status and `{ error, message }`. */
export interface ErrorAnswer {
  status: number;
  error: string;
  message: string;
  /** More for the client to act on (the field at fault, a position in a pattern); exposed errors only. */
  details?: Record<string, string | number>;
  /** Whether the full error goes to the agent's log (it was not the client's doing). */
  log: boolean;
}

/** The fields body-parser, http-errors, PouchDB and our own errors carry, all optional. */
interface ErrorFields {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  type?: unknown;
  code?: unknown;
  limit?: unknown;
  charset?: unknown;
  encoding?: unknown;
  name?: unknown;
  error?: unknown;
  message?: unknown;
  details?: unknown;
}

export const INTERNAL_MESSAGE =
  "Something went wrong in the agent; it has been logged. Try again, and if it keeps happening, look at the agent's log.";

const INTERNAL: ErrorAnswer = {
  status: 500,
  error: 'internal',
  message: INTERNAL_MESSAGE,
  log: true,
};

/** Names for the statuses errors come with, for the `error` field when the error has no code. */
const STATUS_NAMES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  503: 'unavailable',
  507: 'insufficient-storage',
};

const fieldsOf = (error: unknown): ErrorFields =>
  typeof error === 'object' && error !== null ? (error as ErrorFields) : {};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** An exposed error's details: plain strings and numbers only, nothing an object could smuggle. */
function detailsOf(value: unknown): Record<string, string | number> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const kept = Object.entries(value).filter(
    (entry): entry is [string, string | number] =>
      typeof entry[1] === 'string' || (typeof entry[1] === 'number' && Number.isFinite(entry[1])),
  );
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** "100 KB", "20 MB": a byte limit as a person says it. */
export function bytesInWords(bytes: number): string {
  const round = (n: number) => String(Math.round(n * 10) / 10);
  if (bytes >= 1024 * 1024) return `${round(bytes / 1024 / 1024)} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * The JSON parser's reason, short and without the input: V8 quotes the text
 * it could not parse (`Unexpected token 'x', "…" is not valid JSON`), which
 * may be anything the client sent.
 */
function jsonReason(message: string): string {
  const reason = message
    .replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)?(?=\s+is not valid JSON)/, '')
    .replace(/"[\s\S]*"/, '')
    .replace(/\s+is not valid JSON\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return reason.length > 120 ? `${reason.slice(0, 120)}…` : reason || 'it could not be parsed';
}

function statusOf(fields: ErrorFields): number | undefined {
  const status = fields.status ?? fields.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599
    ? status
    : undefined;
}

/** What body-parser's refusals mean to the person who sent the request. */
function bodyParserAnswer(fields: ErrorFields): ErrorAnswer | undefined {
  switch (fields.type) {
    case 'entity.parse.failed':
      return {
        status: 400,
        error: 'bad-json',
        message: `The request body is not valid JSON: ${jsonReason(text(fields.message) ?? '')}.`,
        log: false,
      };
    case 'entity.too.large':
      return {
        status: 413,
        error: 'too-large',
        message:
          typeof fields.limit === 'number'
            ? `The request body is too large: at most ${bytesInWords(fields.limit)} is accepted here.`
            : 'The request body is too large.',
        log: false,
      };
    case 'encoding.unsupported':
      return {
        status: 415,
        error: 'unsupported-encoding',
        message: `The request body's Content-Encoding${text(fields.encoding) ? ` "${String(fields.encoding).slice(0, 40)}"` : ''} is not supported: send it as it is, or gzip, deflate or br.`,
        log: false,
      };
    case 'charset.unsupported':
      return {
        status: 415,
        error: 'unsupported-charset',
        message: `The request body's charset${text(fields.charset) ? ` "${String(fields.charset).slice(0, 40)}"` : ''} is not supported: send UTF-8.`,
        log: false,
      };
    default:
      return undefined;
  }
}

/**
 * Maps any error a route threw (or passed on) to what the client is told.
 * Only errors meant for the client (`expose`, as http-errors and our own
 * request errors set it) show their message; everything else is "internal",
 * so no stack, path or library detail ever leaves the agent.
 */
export function answerFor(thrown: unknown): ErrorAnswer {
  // A full disk met outside a job (an edit, a setting, a session) is a 507 the user can act on.
  const error = asDiskFull(thrown);
  const fields = fieldsOf(error);
  const parsing = bodyParserAnswer(fields);
  if (parsing) return parsing;
  // decodeURIComponent on a path parameter: express's router marks it 400 but not exposed.
  if (error instanceof URIError) {
    return {
      status: 400,
      error: 'bad-url',
      message:
        'The address has a malformed % escape: a % must be followed by two hexadecimal digits, and the escapes must spell UTF-8.',
      log: false,
    };
  }
  const status = statusOf(fields);
  if (status === undefined) return INTERNAL;
  const code = text(fields.code);
  const message = text(fields.message);
  if (fields.expose === true && message) {
    const details = detailsOf(fields.details);
    return {
      status,
      error: code ?? STATUS_NAMES[status] ?? 'error',
      message,
      log: status >= 500,
      ...(details && { details }),
    };
  }
  // PouchDB's own errors (a missing document, a conflict) are CouchDB answers, not faults.
  if (status < 500 && fields.error === true && text(fields.name)) {
    return {
      status,
      error: String(fields.name),
      message: message ?? String(fields.name),
      log: false,
    };
  }
  if (status < 500) {
    return {
      status,
      error: STATUS_NAMES[status] ?? 'error',
      message: `${STATUS_CODES[status] ?? 'The request was refused'}.`,
      log: false,
    };
  }
  return INTERNAL;
}
