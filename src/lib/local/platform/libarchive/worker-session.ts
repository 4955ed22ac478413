import { proxy, wrap, type ProxyMarked } from 'comlink';
import { guardCall, workerStopped, type GuardedWorker } from '#core/archive/libarchive/guard';
import type { LibarchiveClient, LibarchiveSession } from '#core/archive/libarchive/session';
import type { ReusableSession } from '#core/archive/libarchive/session-keeper';
import { BookFormatError } from '#core/errors';

/** The worker's LibArchiveWorker class, as comlink exposes it. */
interface RemoteClient extends LibarchiveClient {
  open(file: Blob, onOpened: ProxyMarked & (() => void)): Promise<void>;
  close(): Promise<void>;
}
type RemoteClientClass = new (onReady: ProxyMarked & (() => void)) => Promise<RemoteClient>;

/**
 * One libarchive.js worker and its comlink client, talked to directly rather
 * than through the package's Archive class (whose open() never settles when
 * the worker fails, and whose file tree uses entry names as object keys).
 * Every call races the worker failing and a deadline: a hostile archive can
 * stall libarchive, never the scan. close() terminates the worker, which
 * frees its wasm heap.
 */
export class WorkerSession implements LibarchiveSession, GuardedWorker, ReusableSession {
  private closed = false;
  readonly died: Promise<never>;
  private client?: RemoteClient;

  private constructor(
    private readonly worker: Worker,
    public name: string,
    readonly timeoutMs: number,
  ) {
    this.died = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        reject(workerStopped(this.name, event.message || 'the worker failed'));
      });
    });
    this.died.catch(() => undefined);
  }

  static async start(workerUrl: string, name: string, timeoutMs: number): Promise<WorkerSession> {
    const session = new WorkerSession(
      new Worker(workerUrl, { type: 'module', name: 'libarchive' }),
      name,
      timeoutMs,
    );
    try {
      const Remote = wrap(session.worker) as unknown as RemoteClientClass;
      session.client = await guardCall(session, 'starting libarchive', async () => {
        let ready!: () => void;
        const isReady = new Promise<void>((resolve) => (ready = resolve));
        const client = await new Remote(proxy(() => ready()));
        await isReady;
        return client;
      });
      return session;
    } catch (error) {
      session.close();
      throw error;
    }
  }

  /** Hands the archive to the worker, which copies it into its wasm heap. */
  async open(file: Blob): Promise<void> {
    await this.call('opening', async (client) => {
      let opened!: () => void;
      const isOpen = new Promise<void>((resolve) => (opened = resolve));
      await client.open(
        file,
        proxy(() => opened()),
      );
      await isOpen;
    });
  }

  /** False once closed (terminated, failed or timed out): it cannot be used again. */
  get usable(): boolean {
    return !this.closed;
  }

  /** Names the archive the session works on next, for messages. */
  use(name: string): this {
    this.name = name;
    return this;
  }

  /**
   * Closes the open archive but keeps the worker (and its compiled wasm) for
   * the next archive; the wasm heap keeps its size, which is why only
   * sessions that read small archives are kept (see index.ts).
   */
  async reset(): Promise<void> {
    await this.call('closing', (client) => client.close());
  }

  call<T>(what: string, use: (client: RemoteClient) => Promise<T>): Promise<T> {
    const client = this.client;
    if (!client || this.closed) {
      return Promise.reject(new BookFormatError('unreadable', `${this.name} is already closed.`));
    }
    return guardCall(this, what, () => use(client));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
  }
}
