import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { openAuth } from '../auth/auth';
import { lockDataDir } from '../data-dir-lock';
import { openDatabase } from '../db/sqlite';
import { OperationLog } from '../oplog/operation-log';
import { SESSION_COOKIE, CSRF_HEADER } from '../server/session-middleware';
import { SettingsStore } from '../settings/settings-store';
import { StartupError } from '../startup-error';
import { caCertPath } from '../tls/local-ca';
import { agentAddress } from './agent-address';

/** Whether an agent holds this data dir now (its lock file names a live process). */
export function agentIsRunning(dataDir: string): boolean {
  if (!existsSync(dataDir)) return false;
  try {
    lockDataDir(dataDir).release();
    return false;
  } catch (error) {
    if (error instanceof StartupError && error.problem === 'in-use') return true;
    throw error;
  }
}

export interface AgentAnswer {
  status: number;
  body: unknown;
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  ca: string | undefined,
): Promise<AgentAnswer> {
  return new Promise((resolve, reject) => {
    const options = { method, headers };
    // Pinned to the data dir's own CA: this is the agent of this data dir, whatever name it serves.
    const req =
      url.protocol === 'https:'
        ? httpsRequest(url, {
            ...options,
            ...(ca ? { ca, checkServerIdentity: () => undefined } : { rejectUnauthorized: false }),
          })
        : httpRequest(url, options);
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Uint8Array[] = [];
      res.on('data', (chunk: Uint8Array) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: kept as text for the message.
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.end(body);
  });
}

/**
 * Calls a route of the agent running on `dataDir`, as the first admin (or as
 * `asUser`, for what is that user's own).
 * Like `user` and `token`, it opens only the SQLite file (the agent keeps
 * running): it writes a session there for this one call and removes it after,
 * so reading the data dir is what it takes, as for every other command.
 */
export async function callRunningAgent(
  dataDir: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  asUser?: string,
): Promise<AgentAnswer> {
  const db = openDatabase(join(dataDir, 'colophon.sqlite'));
  try {
    const address = agentAddress(db);
    if (!address)
      throw new Error(
        `An agent is using ${dataDir} but has not said where it listens (an older version?). Restart it, or stop it and run this command again.`,
      );
    const { users, sessions } = openAuth(db, new SettingsStore(db, new OperationLog(db)));
    const actor = asUser
      ? users.byName(asUser)
      : users.list().find((u) => u.role === 'admin' && !u.disabled);
    if (!actor)
      throw new Error(
        asUser
          ? `There is no user called "${asUser}". See colophon user list.`
          : 'The running agent has no admin account to act as: add one with colophon user add NAME --role admin.',
      );
    const { token, csrf } = sessions.create(actor);
    try {
      const ca = existsSync(caCertPath(dataDir))
        ? readFileSync(caCertPath(dataDir), 'utf8')
        : undefined;
      const text = body === undefined ? undefined : JSON.stringify(body);
      return await send(
        new URL(path, address),
        method,
        {
          cookie: `${SESSION_COOKIE}=${token}`,
          [CSRF_HEADER]: csrf,
          ...(text !== undefined && { 'content-type': 'application/json' }),
        },
        text,
        ca,
      ).catch((error: unknown) => {
        throw new Error(
          `The agent using ${dataDir} did not answer at ${address} (${error instanceof Error ? error.message : String(error)}). Is it still starting or stopping?`,
        );
      });
    } finally {
      sessions.revoke(token);
    }
  } finally {
    db.close();
  }
}

/** The agent's refusal, as its sentence. */
export function refusal(answer: AgentAnswer): string {
  const message = (answer.body as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : `The agent answered ${answer.status}.`;
}
