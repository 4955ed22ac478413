import { shownHubAddress, type HubAddress } from '#core/hub/hub-address';

interface ErrorParts {
  status?: number;
  code?: string;
  message: string;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|TLS/;

/** What a failed request to the hub carries, wherever PouchDB or fetch put it. */
function partsOf(error: unknown): ErrorParts {
  const e = (error ?? {}) as {
    status?: unknown;
    code?: unknown;
    message?: unknown;
    reason?: unknown;
    cause?: { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  };
  const code = [e.code, e.cause?.code, e.cause?.cause?.code].find((c) => typeof c === 'string');
  return {
    ...(typeof e.status === 'number' ? { status: e.status } : {}),
    ...(typeof code === 'string' ? { code } : {}),
    message: String(e.reason ?? e.message ?? error),
  };
}

/**
 * A hub failure as a sentence an admin can act on. It names the hub without
 * its password, and a password that found its way into a message is hidden.
 */
export function hubErrorSentence(error: unknown, hub: HubAddress, database: string): string {
  const shown = shownHubAddress(hub);
  const { status, code, message } = partsOf(error);
  let sentence: string;
  if (status === 401)
    sentence = `The hub at ${shown} refused the user name or password (401): correct them in the hub address.`;
  else if (status === 403)
    sentence = `The hub at ${shown} does not let ${hub.user ? `"${hub.user}"` : 'an anonymous user'} use ${database} (403): make that user an admin of the hub, or a member of the database.`;
  else if (status === 404)
    sentence = `The database ${database} is gone from the hub at ${shown}; the agent makes it again.`;
  else if (code && TLS_CODES.test(code))
    sentence = `The hub's certificate at ${shown} is not trusted (${code}): give the hub a certificate this machine trusts, or start the agent with NODE_EXTRA_CA_CERTS=the-ca.pem.`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    sentence = `The hub's name in ${shown} is not found (${code}): check the address; replication resumes once it resolves.`;
  else if (code)
    sentence = `The hub at ${shown} cannot be reached (${code}); replication resumes by itself once it answers.`;
  else
    sentence = `The hub at ${shown} answered with an error${status ? ` (${status})` : ''}: ${message}. Replication is tried again.`;
  // The message is the server's: a password it echoed is hidden (one of a letter or two would mangle the sentence).
  return hub.password.length >= 4 ? sentence.split(hub.password).join('••••') : sentence;
}
