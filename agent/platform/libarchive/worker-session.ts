import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ComlinkSession, type WorkerHandle } from '#core/archive/libarchive/comlink-session';
import { nodeEndpoint } from './node-endpoint';

const require = createRequire(import.meta.url);
const WORKER_PATH = require.resolve('libarchive.js/dist/worker-bundle-node.mjs');

/** libarchive.js's node bundle in a worker thread, with what it prints kept for messages. */
class ThreadHandle implements WorkerHandle {
  private readonly worker = new Worker(WORKER_PATH, { stdout: true, stderr: true });
  readonly endpoint = nodeEndpoint(this.worker);
  readonly stopped: Promise<string>;
  private ending = false;
  /** The start of what libarchive printed (its errors); never passed on to our stderr. */
  stderr = '';

  constructor() {
    this.worker.stdout.resume();
    this.worker.stderr.setEncoding('utf8');
    this.worker.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 2000) this.stderr += chunk;
    });
    this.stopped = new Promise((resolve) => {
      this.worker.on('error', (error) => resolve(error.message));
      this.worker.on('exit', (code) => {
        if (!this.ending) resolve(`the worker exited with code ${code}`);
      });
    });
  }

  terminate(): void {
    this.ending = true;
    void this.worker.terminate().catch(() => undefined);
  }
}

/** A libarchive session in a worker thread (see ComlinkSession), which can say what libarchive printed. */
export class WorkerSession extends ComlinkSession {
  private constructor(
    private readonly thread: ThreadHandle,
    name: string,
    timeoutMs: number,
  ) {
    super(thread, name, timeoutMs);
  }

  static start(name: string, timeoutMs: number): Promise<WorkerSession> {
    return new WorkerSession(new ThreadHandle(), name, timeoutMs).start();
  }

  override use(name: string): this {
    this.thread.stderr = '';
    return super.use(name);
  }

  /** What libarchive printed so far, after letting its pipe catch up with the replies. */
  async errorOutput(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return this.thread.stderr
      .split('\n')
      .map((line) => line.replace(/^\[\s*'|'\s*\]$/g, '').trim())
      .filter(Boolean)
      .join('; ');
  }
}
