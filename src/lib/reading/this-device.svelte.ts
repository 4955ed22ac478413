import { deviceNameFrom } from './device-name';

const ID_KEY = 'colophon:device-id';
const NAME_KEY = 'colophon:device-name';
const MAX_NAME = 100;

/**
 * A random id: crypto.randomUUID needs a secure context, and an agent on a
 * NAS is often reached over plain http on the local network.
 */
function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function defaultName(): string {
  return deviceNameFrom(navigator.userAgent, navigator.maxTouchPoints > 1);
}

/**
 * This browser as a reading device: a random id kept in localStorage (a
 * position document per book and device, so devices never conflict), and a
 * name the user may change, shown on other devices as "continue from …".
 */
class ThisDevice {
  readonly id: string;
  name = $state('');

  constructor() {
    let id = localStorage.getItem(ID_KEY);
    if (!id) {
      id = newDeviceId();
      localStorage.setItem(ID_KEY, id);
    }
    this.id = id;
    this.name = localStorage.getItem(NAME_KEY) ?? defaultName();
  }

  /** Names this device; an empty name goes back to the one from the browser. */
  rename(name: string): void {
    const trimmed = name.trim().slice(0, MAX_NAME);
    if (trimmed) localStorage.setItem(NAME_KEY, trimmed);
    else localStorage.removeItem(NAME_KEY);
    this.name = trimmed || defaultName();
  }
}

export const thisDevice = new ThisDevice();
