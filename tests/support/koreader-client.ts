import { createHash } from 'node:crypto';

/**
 * KOReader's progress sync client, request for request: what
 * plugins/kosync.koplugin sends (KOSyncClient.lua over api.json, through
 * lua-Spore's Format.JSON and the plugin's GinClient and KOSyncAuth
 * middlewares). The password is sent as its MD5 (main.lua doLogin:
 * `userkey = md5(password)`), `progress` as a string (`tostring(progress)`),
 * `percentage` as a number rounded down to 4 places (Math.roundPercent).
 */

export const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

export interface KoreaderAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** What update_progress sends (`metadata` only with "Send document metadata" on). */
export interface KoreaderProgress {
  document: string;
  progress: string | number;
  percentage: number;
  device: string;
  device_id: string;
  metadata?: { filename?: string; title?: string; authors?: string };
}

export class KoreaderClient {
  /** The server as typed into "Custom sync server", e.g. http://host:port/kosync. */
  constructor(
    private readonly server: string,
    private readonly username: string,
    private readonly password: string,
  ) {}

  private async call<T>(
    method: string,
    path: string,
    options: { auth?: boolean; payload?: unknown; key?: string } = {},
  ): Promise<KoreaderAnswer<T>> {
    const headers: Record<string, string> = {
      // GinClient middleware.
      accept: 'application/vnd.koreader.v1+json',
    };
    if (options.auth !== false) {
      // KOSyncAuth middleware.
      headers['x-auth-user'] = this.username;
      headers['x-auth-key'] = options.key ?? md5(this.password);
    }
    // Format.JSON encodes the payload and says so.
    if (options.payload !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.server.replace(/\/$/, '')}${path}`, {
      method,
      headers,
      ...(options.payload === undefined ? {} : { body: JSON.stringify(options.payload) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** Register: POST /users/create with the MD5 of the password, no auth headers. */
  register(): Promise<KoreaderAnswer> {
    return this.call('POST', '/users/create', {
      auth: false,
      payload: { username: this.username, password: md5(this.password) },
    });
  }

  /** Login: GET /users/auth. */
  authorize(key?: string): Promise<KoreaderAnswer> {
    return this.call('GET', '/users/auth', key === undefined ? {} : { key });
  }

  updateProgress(progress: KoreaderProgress): Promise<KoreaderAnswer> {
    return this.call('PUT', '/syncs/progress', {
      payload: {
        ...progress,
        progress: String(progress.progress),
        percentage: Math.floor(progress.percentage * 10000) / 10000,
      },
    });
  }

  getProgress(document: string): Promise<KoreaderAnswer> {
    return this.call('GET', `/syncs/progress/${document}`);
  }
}
