import { proxy, wrap, type Endpoint, type ProxyMarked } from 'comlink';
import { BookFormatError } from '../../errors';
import { guardCall, workerStopped, type GuardedWorker } from './guard';
import type { LibarchiveClient, LibarchiveSession } from './session';
import type { ReusableSession } from './session-keeper';

/** A host's libarchive.js worker (a Web Worker, a worker thread), as the session needs it. */
export interface WorkerHandle {
  /** comlink's view of the worker. */
  readonly endpoint: Endpoint;
  /** Settles, with the reason, if the worker fails or exits without being asked to. */
  readonly stopped: Promise<string>;
  /** Ends the worker, which frees its wasm heap. */
  terminate(): void;
}

/** The worker's LibArchiveWorker class, as comlink exposes it. */
interface RemoteClient extends LibarchiveClient {
  open(file: Blob, onOpened: ProxyMarked & (() => void)): Promise<void>;
  close(): Promise<void>;
}
type RemoteClientClass = new (onReady: ProxyMarked & (() => void)) => Promise<RemoteClient>;

/**
 * One libarchive.js worker and its comlink client, for both hosts. We talk to
 * the worker directly rather than through the package's Archive class, whose
 * open() never settles when the worker fails and whose file tree uses entry
 * names as object keys (an entry named `__proto__/x` would reach
 * Object.prototype). Every call races the worker failing and a deadline: a
 * hostile archive can stall libarchive, never the scan.
 */
export class ComlinkSession implements LibarchiveSession, GuardedWorker, ReusableSession {
  private closed = false;
  private client?: RemoteClient;
  readonly died: Promise<never>;

  constructor(
    private readonly worker: WorkerHandle,
    public name: string,
    readonly timeoutMs: number,
  ) {
    this.died = worker.stopped.then((reason) => {
      throw workerStopped(this.name, reason);
    });
    this.died.catch(() => undefined);
  }

  /** Waits for libarchive's wasm to be ready; on failure the worker is ended. */
  async start(): Promise<this> {
    try {
      const Remote = wrap(this.worker.endpoint) as unknown as RemoteClientClass;
      this.client = await guardCall(this, 'starting libarchive', async () => {
        let ready!: () => void;
        const isReady = new Promise<void>((resolve) => (ready = resolve));
        const client = await new Remote(proxy(() => ready()));
        await isReady;
        return client;
      });
      return this;
    } catch (error) {
      this.close();
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
   * sessions that read small archives are kept (see SessionKeeper).
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
