import type { Request, Response } from 'express';
import { CouchError } from './couch-error';
import { QueryOptions } from './query-options';
import type { ServedDatabase } from './served-databases';

/** How long a long poll waits for a change when the client names no timeout. */
const DEFAULT_WAIT_MS = 25_000;
const MAX_WAIT_MS = 60_000;

/** Counts each user's open long polls, to hold them to a limit (a browser tab holds one). */
export class WaitingFeeds {
  private readonly open = new Map<string, number>();

  constructor(readonly perUser = 32) {}

  enter(userId: string): boolean {
    const n = this.open.get(userId) ?? 0;
    if (n >= this.perUser) return false;
    this.open.set(userId, n + 1);
    return true;
  }

  leave(userId: string): void {
    const n = (this.open.get(userId) ?? 1) - 1;
    if (n > 0) this.open.set(userId, n);
    else this.open.delete(userId);
  }
}

type ChangesOptions = PouchDB.Core.ChangesOptions & {
  style?: 'main_only' | 'all_docs';
  seq_interval?: number;
};

/**
 * The options of a `_changes` request that PouchDB may see. Filters run code
 * in CouchDB (a design document's function, or a view's map): only the two
 * that do not are served, `_doc_ids` and `_selector` (a Mango selector, data
 * matched by PouchDB, never evaluated).
 */
function changesOptions(req: Request): ChangesOptions {
  const q = new QueryOptions(req.query);
  if (q.has('view'))
    throw new CouchError(
      403,
      'forbidden',
      'Views are not served here: no database function runs in the agent.',
    );
  const filter = req.query.filter;
  if (filter !== undefined && filter !== '_doc_ids' && filter !== '_selector')
    throw new CouchError(
      403,
      'forbidden',
      'Filter functions are not run here; use filter=_doc_ids or filter=_selector.',
    );
  const body = (req.method === 'POST' ? req.body : undefined) as
    { doc_ids?: unknown; selector?: unknown } | undefined;
  const options: ChangesOptions = {
    since: q.since('since') ?? 0,
    limit: q.integer('limit', 1, 10_000),
    include_docs: q.boolean('include_docs'),
    conflicts: q.boolean('conflicts'),
    attachments: q.boolean('attachments'),
    descending: q.boolean('descending'),
    style: q.oneOf('style', ['main_only', 'all_docs'] as const),
    seq_interval: q.integer('seq_interval', 1, 100_000),
    return_docs: true,
  };
  const docIds = body?.doc_ids ?? q.json('doc_ids');
  if (filter === '_doc_ids') {
    if (!Array.isArray(docIds) || !docIds.every((id) => typeof id === 'string'))
      throw new CouchError(
        400,
        'bad_request',
        'filter=_doc_ids needs doc_ids: a list of document ids.',
      );
    options.doc_ids = docIds as string[];
  }
  if (filter === '_selector') {
    const selector = body?.selector ?? q.json('selector');
    if (!selector || typeof selector !== 'object' || Array.isArray(selector))
      throw new CouchError(400, 'bad_request', 'filter=_selector needs a selector object.');
    options.selector = selector as PouchDB.Find.Selector;
  }
  for (const key of Object.keys(options) as (keyof ChangesOptions)[])
    if (options[key] === undefined) delete options[key];
  return options;
}

/**
 * `_changes`, as a normal request or a long poll (what PouchDB's live
 * replication sends). A long poll answers at once when there are changes,
 * else waits for the next one, writing a newline every `heartbeat` ms so
 * proxies keep the connection, and answers an empty list when its time is up.
 */
export async function changesFeed(
  req: Request,
  res: Response,
  served: ServedDatabase,
  waiting: WaitingFeeds,
): Promise<void> {
  const q = new QueryOptions(req.query);
  const feed =
    q.oneOf('feed', ['normal', 'longpoll', 'continuous', 'eventsource'] as const) ?? 'normal';
  if (feed === 'continuous' || feed === 'eventsource')
    throw new CouchError(400, 'bad_request', `feed=${feed} is not served; use feed=longpoll.`);
  const options = changesOptions(req);
  const first = await served.db.changes(options);
  if (feed === 'normal' || first.results.length > 0) {
    res.json(first);
    return;
  }
  const userId = req.session?.user.id ?? '';
  if (!waiting.enter(userId))
    throw new CouchError(
      429,
      'too_many_requests',
      `You already have ${waiting.perUser} open change feeds; close some tabs or devices and try again.`,
    );
  const waitMs = Math.min(q.integer('timeout', 0, MAX_WAIT_MS) ?? DEFAULT_WAIT_MS, MAX_WAIT_MS);
  const heartbeatMs = q.integer('heartbeat', 1000, MAX_WAIT_MS);
  try {
    await longPoll(res, served, { ...options, since: first.last_seq }, waitMs, heartbeatMs);
  } finally {
    waiting.leave(userId);
  }
}

async function longPoll(
  res: Response,
  served: ServedDatabase,
  options: ChangesOptions,
  waitMs: number,
  heartbeatMs: number | undefined,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  let stop = () => {};
  let heartbeat: NodeJS.Timeout | undefined;
  let closed = false;
  const onClose = () => {
    closed = true;
    stop();
  };
  // The response's close, not the request's: a GET's request closes as soon as it is read.
  res.on('close', onClose);
  try {
    res.status(200).type('json');
    if (heartbeatMs) {
      res.flushHeaders();
      heartbeat = setInterval(() => res.write('\n'), heartbeatMs);
    }
    let answer = { results: [] as unknown[], last_seq: options.since };
    while (!closed && Date.now() < deadline) {
      const changed = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), deadline - Date.now());
        const cancel = served.waiters.wait(() => {
          clearTimeout(timer);
          resolve(true);
        });
        stop = () => {
          clearTimeout(timer);
          cancel();
          resolve(false);
        };
      });
      if (!changed || closed) break;
      const next = await served.db.changes(options);
      answer = next;
      if (next.results.length > 0) break;
      options.since = next.last_seq;
    }
    if (!closed) res.end(JSON.stringify(answer) + '\n');
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    res.off('close', onClose);
  }
}
