import { setTimeout as sleep } from 'node:timers/promises';
import pMap from 'p-map';
import type { ExternalSourceId } from '#core/merge/sources';
import type { DataSource } from '#core/merge/trust';
import { bookDocId } from '#core/schema/book-doc';
import type { JobContext, JobHandler } from '../../jobs/runner';
import type { AgentSources } from '../../sources/source-config';
import { shortBookId, type BookStates } from '../book-state';
import { lookupBook, type BookLookup, type BookLookupDeps } from './lookup-book';
import { describeLookup } from './lookup-docs';
import { isLookupDue } from './lookup-due';
import type { Serial } from '../serial';
import type { SourceDocs, SourceRequest } from './source-docs';

export const LOOKUP_JOB = 'lookup';

export interface LookupPayload {
  /** Short book ids; without them, every book that is due (see isLookupDue). */
  books?: string[];
}

/**
 * What is left to do, kept in the job's checkpoint. A run that ends with
 * books whose source failed transiently saves them as `failed` and throws:
 * the runner retries the job after its backoff, and the retry asks about
 * those books only. A run cut short by a restart resumes with `remaining`.
 */
interface LookupCheckpoint {
  remaining: string[];
  failed: string[];
}

export interface LookupJobDeps extends BookLookupDeps {
  sources: SourceDocs;
  states: BookStates;
  clients: () => AgentSources;
  enabled: () => ExternalSourceId[];
  lock: Serial;
}

/** The source error a retry gives up on: asking again is for later runs. */
export class LookupRetryError extends Error {
  override name = 'LookupRetryError';
  constructor(readonly books: string[]) {
    super(
      `${books.length} book(s) could not be looked up because a source was down, slow or ` +
        'rate-limited; they keep what they have and are asked about again.',
    );
  }
}

/** Saved every this many books: what a restart may redo, and the source counters' batch. */
const BATCH = 20;
/** Books asked about at once; each source's own rate limit spaces the requests. */
const CONCURRENCY = 3;
/** A retry waits this long at most for a paused source's circuit to half-open. */
const MAX_CIRCUIT_WAIT_MS = 2 * 60_000;

async function selectDue(
  deps: LookupJobDeps,
  sources: readonly DataSource[],
  enabled: readonly ExternalSourceId[],
): Promise<string[]> {
  const due: string[] = [];
  const now = Date.now();
  for await (const state of deps.states.all(sources, (b) => b.status === 'ok'))
    if (isLookupDue(state, enabled, now)) due.push(state.bookId);
  return due;
}

/**
 * A retry straight into an open circuit fails at once and uses up an
 * attempt; waiting until the circuit lets a probe through (bounded) gives
 * the retry a real chance. Stops waiting when the job should stop.
 */
async function waitForCircuits(ctx: JobContext, sources: AgentSources): Promise<void> {
  const until = Math.max(
    0,
    ...sources.health().map((h) => (h.openUntil ? Date.parse(h.openUntil) : 0)),
  );
  const end = Math.min(until, Date.now() + MAX_CIRCUIT_WAIT_MS);
  if (end <= Date.now()) return;
  ctx.progress({ phase: 'waiting', done: 0, message: 'A source is paused; waiting for it.' });
  while (Date.now() < end && !ctx.shouldStop) await sleep(Math.min(500, end - Date.now()));
}

type Counts = Record<'asked' | 'applied' | 'suggestions' | 'covers' | 'skipped', number>;

/** Adds one book's outcome to the run's counts and the sources' request tally. */
function tally(outcome: BookLookup, counts: Counts, requests: SourceRequest[]): void {
  counts.asked++;
  counts.covers += outcome.coversMade;
  for (const r of outcome.results) {
    requests.push({ source: r.source, failed: r.error !== undefined });
    if (r.candidates.length > 0 && !r.error)
      counts[r.match && !r.match.applied ? 'suggestions' : 'applied']++;
  }
}

/** One log line per book (what each source said), and one per cover that could not be made. */
function logOutcome(ctx: JobContext, subject: string, outcome: BookLookup): void {
  for (const problem of outcome.coverProblems) ctx.log('cover.failed', problem, subject);
  ctx.log('lookup.book', describeLookup(outcome.results), subject, {
    sources: outcome.results.map((r) => ({
      source: r.source,
      candidates: r.candidates.length,
      ...(r.match && { match: r.match }),
      ...(r.error && { error: r.error.toJSON() }),
    })),
    coversMade: outcome.coversMade,
  });
}

function skipReason(status: string | undefined): string {
  if (status === undefined) return 'The book is no longer in the catalog; nothing was looked up.';
  if (status !== 'ok') return `The book is ${status}; it is not looked up.`;
  return 'Nothing to look this book up by (no ISBN, title or series), or no enabled source fits it.';
}

/**
 * The `lookup` job: asks the enabled outside sources about books (payload
 * `books`, else every book due) and writes what they say as lookup and cover
 * documents. Never blocks on a failing source and never lets one overwrite
 * a value; books whose source failed transiently are retried (see
 * LookupCheckpoint). Each book's outcome is logged, and each source's
 * request and failure counts go to its source document in batches.
 */
export function lookupJob(deps: LookupJobDeps): JobHandler {
  return async (ctx) => {
    const enabled = deps.enabled();
    const sources = await deps.lock.run(() => deps.sources.ensure());
    if (enabled.length === 0) {
      ctx.log('lookup.skipped', 'No metadata source is enabled; nothing was looked up.');
      return { books: 0 };
    }
    const agentSources = deps.clients();
    const saved = ctx.checkpoint<LookupCheckpoint>();
    const payload = ctx.job.payload as LookupPayload;
    const books = saved
      ? [...new Set([...saved.remaining, ...saved.failed])]
      : payload.books
        ? [...new Set(payload.books.map(shortBookId))]
        : await selectDue(deps, sources, enabled);
    if (saved && ctx.job.attempts > 1) await waitForCircuits(ctx, agentSources);

    const remaining = new Set(books);
    const failed = new Set<string>();
    const requests: SourceRequest[] = [];
    const counts: Counts = { asked: 0, applied: 0, suggestions: 0, covers: 0, skipped: 0 };
    let done = 0;
    const flush = async () => {
      ctx.saveCheckpoint({
        remaining: [...remaining],
        failed: [...failed],
      } satisfies LookupCheckpoint);
      const batch = requests.splice(0);
      await deps.lock.run(() => deps.sources.record(batch));
    };

    await pMap(
      books,
      async (bookId) => {
        if (ctx.shouldStop) return;
        const subject = bookDocId(deps.catalog.library, bookId);
        let current = bookId;
        try {
          const state = await deps.states.one(bookId, sources);
          current = state?.merged.metadata.title ?? state?.book.path ?? bookId;
          const outcome =
            state?.book.status === 'ok'
              ? await lookupBook(
                  deps,
                  state,
                  agentSources.clients,
                  enabled,
                  new Date().toISOString(),
                )
              : undefined;
          if (!outcome) {
            counts.skipped++;
            ctx.log('lookup.skipped', skipReason(state?.book.status), subject);
          } else {
            tally(outcome, counts, requests);
            if (outcome.retry) failed.add(bookId);
            logOutcome(ctx, subject, outcome);
          }
        } catch (error) {
          // A read or write that failed (the catalog, a reader process): asked about again.
          failed.add(bookId);
          const message = error instanceof Error ? error.message : String(error);
          ctx.log('lookup.failed', `The lookup could not be saved: ${message}`, subject);
        }
        remaining.delete(bookId);
        done++;
        ctx.progress({ phase: 'lookup', done, total: books.length, current });
        if (done % BATCH === 0) await flush();
      },
      { concurrency: CONCURRENCY },
    );
    await flush();
    const summary = { books: books.length, ...counts, failed: failed.size };
    if (ctx.shouldStop) return { ...summary, interrupted: true };
    if (failed.size > 0) {
      ctx.saveCheckpoint({ remaining: [], failed: [...failed] } satisfies LookupCheckpoint);
      throw new LookupRetryError([...failed]);
    }
    return summary;
  };
}
