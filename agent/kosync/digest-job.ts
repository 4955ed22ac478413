import { stat } from 'node:fs/promises';
import type { AgentContext } from '../context';
import { withFileSource } from '../files/file-source';
import { resolveInsideRoot } from '../files/safe-path';
import type { JobHandler } from '../jobs/runner';
import { FileIndex } from '../scan/file-index';
import { partialMd5 } from './document-digest';

export const DIGESTS_JOB = 'kosync-digests';

const BATCH = 200;

/**
 * Takes KOReader's partial MD5 of every file on disk that has none: those
 * scanned before the scan took it (once, after the upgrade), and any a scan
 * could not open. 12 KiB read per file at most, in the agent (nothing is
 * parsed). A file changed since its scan is left to the next scan, which
 * reads it whole anyway.
 */
export function digestJob(agent: AgentContext): JobHandler {
  return async (ctx) => {
    const index = new FileIndex(agent.db);
    const total = index.undigestedCount();
    let done = 0;
    let skipped = 0;
    let after = 0;
    for (;;) {
      const rows = index.undigested(after, BATCH);
      if (rows.length === 0) break;
      for (const row of rows) {
        if (ctx.shouldStop) return { done, skipped, interrupted: true };
        after = row.id;
        try {
          const path = await resolveInsideRoot(row.root, row.rel_path);
          const found = await stat(path);
          if (found.size !== row.size || Math.trunc(found.mtimeMs) !== Math.trunc(row.mtime_ms))
            throw new Error('changed since it was scanned');
          const digest = await withFileSource(path, partialMd5);
          if (index.setPartialMd5(row, digest)) done++;
          else skipped++;
        } catch {
          // Gone, unreadable or changed: the next scan reads it and takes its digest.
          skipped++;
        }
        ctx.progress({ phase: 'digests', done: done + skipped, total, current: row.rel_path });
        await ctx.breathe();
      }
    }
    if (done + skipped > 0)
      ctx.log(
        'kosync.digests',
        `KOReader ids taken for ${done} files${skipped ? `; ${skipped} left to the next scan` : ''}.`,
      );
    return { done, skipped };
  };
}
