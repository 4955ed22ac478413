import { SESSION } from '#core/api/session';
import type { User } from '#core/api/users';
import { apiRequest, ApiError, setCsrfToken } from './api';

/** Who is signed in, as the agent said (and as remembered for offline use). */
export type SessionUser = Pick<User, 'id' | 'username' | 'role'>;

const REMEMBERED = 'colophon:user';

function remembered(): SessionUser | undefined {
  if (typeof localStorage === 'undefined') return undefined;
  const text = localStorage.getItem(REMEMBERED);
  return text ? (JSON.parse(text) as SessionUser) : undefined;
}

/**
 * Who is signed in to the agent. With the agent unreachable the last known
 * user is kept, so the offline catalog stays usable; anything that needs the
 * agent says so when it is tried.
 */
class SessionState {
  user = $state<SessionUser | undefined>(remembered());
  /** The agent answered (so `user` is current, not remembered). */
  reachable = $state(false);
  checked = $state(false);
  setupNeeded = $state(false);

  get isAdmin(): boolean {
    return this.user?.role === 'admin';
  }

  async refresh(): Promise<void> {
    try {
      const answer = await apiRequest(SESSION.current);
      this.adopt(answer.user ?? undefined, answer.csrf ?? undefined);
      this.setupNeeded = answer.setupNeeded;
      this.reachable = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.reachable = false;
    } finally {
      this.checked = true;
    }
  }

  async signIn(username: string, password: string): Promise<void> {
    const answer = await apiRequest(SESSION.signIn, { body: { username, password } });
    this.adopt(answer.user, answer.csrf);
  }

  async setUp(code: string, username: string, password: string): Promise<void> {
    const answer = await apiRequest(SESSION.setUp, { body: { code, username, password } });
    this.setupNeeded = false;
    this.adopt(answer.user, answer.csrf);
  }

  async signOut(everywhere = false): Promise<void> {
    await apiRequest(everywhere ? SESSION.signOutEverywhere : SESSION.signOut);
    this.adopt(undefined, undefined);
  }

  /** The agent refused the session (expired, signed out elsewhere). */
  lost(): void {
    this.adopt(undefined, undefined);
  }

  private adopt(user: SessionUser | undefined, csrf: string | undefined): void {
    this.user = user;
    setCsrfToken(csrf);
    if (user) localStorage.setItem(REMEMBERED, JSON.stringify(user));
    else localStorage.removeItem(REMEMBERED);
  }
}

export const session = new SessionState();
