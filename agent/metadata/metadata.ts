import type { SourceChange, SourceListing } from '#core/api/metadata';
import { EXTERNAL_SOURCE_IDS, type ExternalSourceId } from '#core/merge/sources';
import type { DataSource } from '#core/merge/trust';
import { bookDocId, readBookDoc } from '#core/schema/book-doc';
import type { AgentContext } from '../context';
import type { CoverStore } from '../covers/cover-store';
import type { JobRunner } from '../jobs/runner';
import type { Job } from '../jobs/types';
import type { OperationLog } from '../oplog/operation-log';
import type { ReaderPool } from '../readers/reader-pool';
import type { SettingsStore } from '../settings/settings-store';
import type { SourceHealth } from '../sources/source-health';
import { SourceClientsHolder } from './lookups/agent-sources';
import { BookStates, shortBookId } from './book-state';
import { uploadCover } from './covers/covers-upload';
import { EditLog } from './edits/edit-log';
import { MetadataEdits } from './edits/edits';
import { bookNotFound, MetadataRequestError } from './errors';
import { LOOKUP_JOB, lookupJob, type LookupPayload } from './lookups/lookup-job';
import { changeSeries, type SeriesChange } from './edits/series';
import { Serial } from './serial';
import { changeSource } from './lookups/source-changes';
import { SourceDocs } from './lookups/source-docs';

/** Lookups a user asked for go before covers; the ones after a scan come last. */
export const LOOKUP_PRIORITY = { asked: 5, background: -5 } as const;

/**
 * A lookup run after a scan waits this long: the scan's covers go first,
 * scans in a row (several folders, a rescan) are gathered into one run, and
 * whoever waits for the scan itself (the scan page, a test) is not held up
 * by slow, rate-limited network work.
 */
export const LOOKUP_DELAY_MS = 60_000;

/**
 * The delay, or COLOPHON_LOOKUP_DELAY_S when set (a mirror on the same
 * network needs no minute; the browser tests wait seconds, not a minute).
 */
export function lookupDelayMs(
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  const text = env.COLOPHON_LOOKUP_DELAY_S?.trim();
  if (!text) return LOOKUP_DELAY_MS;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error(
      `COLOPHON_LOOKUP_DELAY_S is "${text}": give the seconds to wait after a scan, 0 or more.`,
    );
  return seconds * 1000;
}

export interface MetadataDeps {
  ctx: AgentContext;
  runner: JobRunner;
  oplog: OperationLog;
  readers: ReaderPool;
  covers: CoverStore;
  settings: SettingsStore;
}

function listing(source: DataSource, health: SourceHealth | undefined): SourceListing {
  if (!health) return source;
  const { source: _id, lastSuccessAt, ...rest } = health;
  return { ...source, health: { ...rest, ...(lastSuccessAt && { lastSuccess: lastSuccessAt }) } };
}

/**
 * Metadata from outside sources and from the user, for one agent: the
 * source documents and clients, the `lookup` job (registered here), edits,
 * cover uploads and series changes. Every write to source or edit documents
 * goes through one Serial, so a trust step and a stats batch never race.
 */
export class Metadata {
  readonly sources: SourceDocs;
  readonly states: BookStates;
  readonly edits: MetadataEdits;
  readonly editLog: EditLog;
  private readonly clients: SourceClientsHolder;
  private readonly lock = new Serial();
  /** Whether lookups run on their own (after scans): only in an agent that serves the app. */
  private background = false;
  private delayMs = LOOKUP_DELAY_MS;

  constructor(private readonly deps: MetadataDeps) {
    const { ctx, settings } = deps;
    this.sources = new SourceDocs(ctx.catalog, () => settings.get('sources'));
    this.states = new BookStates(ctx.catalog);
    this.editLog = new EditLog(ctx.db);
    this.clients = new SourceClientsHolder(ctx.db, settings);
    this.edits = new MetadataEdits({
      catalog: ctx.catalog,
      sources: this.sources,
      states: this.states,
      log: this.editLog,
      oplog: deps.oplog,
      lock: this.lock,
    });
    // Two at once: a book the user asks about is not stuck behind a long run over the library.
    deps.runner.register(
      LOOKUP_JOB,
      lookupJob({
        catalog: ctx.catalog,
        covers: { catalog: ctx.catalog, readers: deps.readers, coversDir: deps.covers.dir },
        sources: this.sources,
        states: this.states,
        clients: () => this.clients.current(),
        enabled: () => this.enabledSources(),
        lock: this.lock,
      }),
      2,
    );
  }

  /** The outside sources the settings have on. */
  enabledSources(): ExternalSourceId[] {
    const flags = this.deps.settings.get('sources');
    return EXTERNAL_SOURCE_IDS.filter((id) => flags[id]);
  }

  /** Source documents made and `enabled` brought in step with the settings. */
  async syncSources(): Promise<DataSource[]> {
    return this.lock.run(() => this.sources.ensure());
  }

  /**
   * After the settings changed (the settings page, the wizard): the source
   * documents follow, and a source just switched on gets to answer about
   * the books it fits (a lookup run is queued).
   */
  async settingsChanged(): Promise<void> {
    const before = await this.sources.read();
    const after = await this.syncSources();
    if (after.some((s) => s.enabled && before.get(s.id)?.enabled === false)) this.lookupDue();
  }

  async sourceList(): Promise<SourceListing[]> {
    const sources = await this.syncSources();
    const health = this.clients.current().health();
    return sources.map((s) =>
      listing(
        s,
        health.find((h) => h.source === s.id),
      ),
    );
  }

  async changeSource(id: string, change: SourceChange, userId?: string): Promise<SourceListing> {
    const { settings, oplog } = this.deps;
    const wasOn = (await this.sources.read()).get(id as DataSource['id'])?.enabled;
    const after = await this.lock.run(() =>
      changeSource({ sources: this.sources, settings, oplog }, id, change, userId),
    );
    // Switched on: it gets to answer about the books it fits.
    if (after.enabled && wasOn === false) this.lookupDue();
    return listing(
      after,
      this.clients
        .current()
        .health()
        .find((h) => h.source === after.id),
    );
  }

  /**
   * Lets lookups run on their own from now on, and queues one for whatever
   * is due already (books a `colophon scan` added, answers gone stale). Called
   * by the HTTP app: a foreground command (`colophon scan`, `colophon rename`)
   * should end when its own work is done, not after hours of rate-limited
   * network requests, and leaves them to the agent that serves.
   */
  startBackground(): void {
    if (this.background) return;
    this.delayMs = lookupDelayMs();
    this.background = true;
    this.lookupDue();
  }

  /**
   * Queues a lookup of every book that is due (after a scan read books), to
   * run LOOKUP_DELAY_MS from now; undefined when lookups do not run on their
   * own here or no source is enabled. A queued run that has not started yet
   * is reused: it finds the new books too.
   */
  lookupDue(): Job | undefined {
    if (!this.background || this.enabledSources().length === 0) return undefined;
    return (
      this.waiting((payload) => payload.books === undefined) ??
      this.deps.runner.enqueue(
        LOOKUP_JOB,
        {},
        { priority: LOOKUP_PRIORITY.background, runAfter: Date.now() + this.delayMs },
      )
    );
  }

  /** Queues a lookup of one book the user asked about (again). */
  async lookupBook(bookId: string): Promise<Job> {
    const id = shortBookId(bookId);
    const { catalog } = this.deps.ctx;
    if (!readBookDoc(await catalog.get(bookDocId(catalog.library, id)))) throw bookNotFound(id);
    if (this.enabledSources().length === 0)
      throw new MetadataRequestError(
        409,
        'no-sources',
        'No metadata source is enabled; switch one on under Data sources.',
      );
    const payload: LookupPayload = { books: [id] };
    const same = (p: LookupPayload) => p.books?.length === 1 && p.books[0] === id;
    return (
      this.waiting(same) ??
      this.deps.runner.enqueue(LOOKUP_JOB, { ...payload }, { priority: LOOKUP_PRIORITY.asked })
    );
  }

  /** A lookup job that is queued and has never run, with a payload `matches` accepts. */
  private waiting(matches: (payload: LookupPayload) => boolean): Job | undefined {
    return this.deps.runner.store
      .list(500)
      .find(
        (job) =>
          job.kind === LOOKUP_JOB &&
          job.state === 'queued' &&
          job.attempts === 0 &&
          matches(job.payload as LookupPayload),
      );
  }

  uploadCover(bookId: string, bytes: Uint8Array, userId?: string): Promise<string> {
    const { ctx, readers, covers, oplog } = this.deps;
    return uploadCover(
      { catalog: ctx.catalog, readers, coversDir: covers.dir, oplog },
      bookId,
      bytes,
      userId,
    );
  }

  changeSeries(change: SeriesChange, from: string, into: string, userId?: string): Promise<number> {
    const deps = {
      states: this.states,
      sources: this.sources,
      edits: this.edits,
      oplog: this.deps.oplog,
    };
    return changeSeries(deps, change, from, into, userId);
  }
}
