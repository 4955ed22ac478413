import { preferencesSchema, USERS, type Preferences } from '#core/api/users';
import { apiRequest } from './api';

const DEFAULTS: Preferences = preferencesSchema.parse({});
const KEY = 'colophon:preferences';

/** The signed-in user's own preferences (kept by the agent, remembered here for offline use). */
class PreferencesState {
  value = $state<Preferences>(read());

  async load(): Promise<void> {
    try {
      this.apply(await apiRequest(USERS.preferences));
    } catch {
      // Offline or signed out: the remembered ones stay.
    }
  }

  apply(preferences: Preferences): void {
    this.value = preferences;
    localStorage.setItem(KEY, JSON.stringify(preferences));
  }
}

function read(): Preferences {
  if (typeof localStorage === 'undefined') return DEFAULTS;
  const text = localStorage.getItem(KEY);
  return text ? { ...DEFAULTS, ...(JSON.parse(text) as Partial<Preferences>) } : DEFAULTS;
}

export const preferences = new PreferencesState();
