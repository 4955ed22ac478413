import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { proxy, wrap, type ProxyMarked } from 'comlink';
import { guardCall, workerStopped, type GuardedWorker } from '#core/archive/libarchive/guard';
import type { LibarchiveClient, LibarchiveSession } from '#core/archive/libarchive/session';
import { BookFormatError } from '#core/errors';
import { nodeEndpoint } from './node-endpoint';

const require = createRequire(import.meta.url);
const WORKER_PATH = require.resolve('libarchive.js/dist/worker-bundle-node.mjs');

/** The worker's LibArchiveWorker class, as comlink exposes it. */
interface RemoteClient extends LibarchiveClient {
  open(file: Blob, onOpened: ProxyMarked & (() => void)): Promise<void>;
}
type RemoteClientClass = new (onReady: ProxyMarked & (() => void)) => Promise<RemoteClient>;

/**
 * One worker thread and its comlink client. Every call races the worker
 * dying (error, exit) and a deadline, so a hostile archive can fail or
 * stall the worker but never hang or crash the agent.
 */
export class WorkerSession implements LibarchiveSession, GuardedWorker {
  private closed = false;
  private stderr = '';
  readonly died: Promise<never>;
  private client?: RemoteClient;

  private constructor(
    private readonly worker: Worker,
    readonly name: string,
    readonly timeoutMs: number,
  ) {
    // libarchive prints its errors; keep a little for messages, never let it reach our stderr.
    worker.stdout.resume();
    worker.stderr.setEncoding('utf8');
    worker.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 2000) this.stderr += chunk;
    });
    this.died = new Promise<never>((_, reject) => {
      worker.on('error', (error) => reject(workerStopped(this.name, error.message)));
      worker.on('exit', (code) => {
        if (!this.closed) reject(workerStopped(this.name, `the worker exited with code ${code}`));
      });
    });
    this.died.catch(() => undefined);
  }

  static async start(name: string, timeoutMs: number): Promise<WorkerSession> {
    const session = new WorkerSession(
      new Worker(WORKER_PATH, { stdout: true, stderr: true }),
      name,
      timeoutMs,
    );
    try {
      const Remote = wrap(nodeEndpoint(session.worker)) as unknown as RemoteClientClass;
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

  call<T>(what: string, use: (client: RemoteClient) => Promise<T>): Promise<T> {
    const client = this.client;
    if (!client || this.closed) {
      return Promise.reject(new BookFormatError('unreadable', `${this.name} is already closed.`));
    }
    return guardCall(this, what, () => use(client));
  }

  /** What libarchive printed so far, after letting its pipe catch up with the replies. */
  async errorOutput(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return this.stderr
      .split('\n')
      .map((line) => line.replace(/^\[\s*'|'\s*\]$/g, '').trim())
      .filter(Boolean)
      .join('; ');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate().catch(() => undefined);
  }
}
