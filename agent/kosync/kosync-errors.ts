/**
 * KOReader sync's refusals: the status and `{ code, message }` of the
 * official server (koreader-sync-server config/errors.lua), with Colophon's
 * words in `message` (KOReader shows it when signing in or registering
 * fails) and `error`, the name Colophon's other routes use.
 */
export const KOSYNC_ERRORS = {
  unauthorized: {
    status: 401,
    code: 2001,
    message:
      'Wrong user name or app password. Make an app password in Colophon (Settings → Devices) and type it here; your account password does not work.',
  },
  'registration-disabled': {
    status: 402,
    code: 2005,
    message:
      'Accounts come from Colophon: ask its admin for one, then sign in here with your user name and an app password (Settings → Devices). Use Login, not Register.',
  },
  'invalid-request': {
    status: 403,
    code: 2003,
    message: 'Invalid request: a progress needs "progress", "percentage" and "device".',
  },
  'document-missing': { status: 403, code: 2004, message: "Field 'document' not provided." },
} as const;

export type KosyncProblem = keyof typeof KOSYNC_ERRORS;

export class KosyncError extends Error {
  override name = 'KosyncError';
  readonly status: number;
  readonly code: number;

  constructor(
    readonly problem: KosyncProblem,
    message?: string,
  ) {
    super(message ?? KOSYNC_ERRORS[problem].message);
    this.status = KOSYNC_ERRORS[problem].status;
    this.code = KOSYNC_ERRORS[problem].code;
  }
}

/** The official server's codes for statuses it answers without one of the above. */
export const CODE_OF_STATUS: Readonly<Record<number, number>> = { 500: 2000, 502: 2000 };
