import { Bonjour, type Service } from 'bonjour-service';

export interface AnnouncerOptions {
  /** The short host name: announced as "Colophon on HOST" at HOST.local. */
  host: string;
  port: number;
  log: (line: string) => void;
}

/**
 * Announces the agent on the local network with DNS-SD over mDNS
 * (bonjour-service): an `_https._tcp` service "Colophon on HOST", whose
 * address records also make `HOST.local` resolve on devices that ask. Off,
 * it holds no multicast socket at all.
 */
export class Announcer {
  private bonjour?: Bonjour;
  private service?: Service;

  constructor(private readonly options: AnnouncerOptions) {}

  get enabled(): boolean {
    return this.bonjour !== undefined;
  }

  /** The name other devices list. */
  get name(): string {
    return `Colophon on ${this.options.host}`;
  }

  set(on: boolean): void {
    if (on === this.enabled) return;
    if (on) this.start();
    else void this.stop();
  }

  private start() {
    const { host, port, log } = this.options;
    // A network without multicast (a container, a VPN) is said once, not thrown: the agent still serves.
    const bonjour = new Bonjour({}, (error: Error) =>
      log(`Announcing on the network failed: ${error.message}. Devices can still use the address.`),
    );
    this.bonjour = bonjour;
    this.service = bonjour.publish({
      name: this.name,
      type: 'https',
      port,
      host: `${host}.local`,
      txt: { path: '/' },
    });
    this.service.on('error', (error: Error) =>
      log(`Announcing on the network failed: ${error.message}.`),
    );
  }

  /** Says goodbye on the network (so devices drop the entry) and closes the socket. */
  stop(): Promise<void> {
    const bonjour = this.bonjour;
    this.bonjour = undefined;
    this.service = undefined;
    if (!bonjour) return Promise.resolve();
    return new Promise((resolve) => {
      bonjour.unpublishAll(() => bonjour.destroy(() => resolve()));
    });
  }
}
