import { seriesKey } from '#core/books/series-index';
import type { SeriesPosition } from '#core/metadata/types';
import type { OperationLog } from '../../oplog/operation-log';
import type { BookState, BookStates } from '../book-state';
import type { MetadataEdits } from './edits';
import { MetadataRequestError } from '../errors';
import type { SourceDocs } from '../lookups/source-docs';

export interface SeriesDeps {
  states: BookStates;
  sources: SourceDocs;
  edits: MetadataEdits;
  oplog: OperationLog;
}

export type SeriesChange = 'rename' | 'merge';

export interface Member {
  state: BookState;
  position: SeriesPosition;
}

/** The books whose merged series is `name` (same key as the series pages group by). */
async function membersOf(
  deps: Pick<SeriesDeps, 'states' | 'sources'>,
  name: string,
): Promise<Member[]> {
  const key = seriesKey(name);
  const sources = [...(await deps.sources.read()).values()];
  const members: Member[] = [];
  for await (const state of deps.states.all(sources)) {
    const position = state.merged.metadata.series;
    if (position?.name && seriesKey(position.name) === key) members.push({ state, position });
  }
  return members;
}

/** The spelling most of a series' books use (ties: the first in sort order). */
function spellingOf(members: readonly Member[]): string {
  const counts = new Map<string, number>();
  for (const { position } of members)
    counts.set(position.name, (counts.get(position.name) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}

/** What a series change would do: the books it moves and the name they get. */
export interface SeriesChangePlan {
  members: Member[];
  target: string;
}

/**
 * Checks a rename or merge as the series routes do (both names given, the
 * series there, a rename not onto another series, a merge into a different
 * one that exists) and says what it would do; a MetadataRequestError says
 * why it cannot be done. Replicated requests are checked by it too.
 */
export async function planSeriesChange(
  deps: Pick<SeriesDeps, 'states' | 'sources'>,
  change: SeriesChange,
  from: string,
  into: string,
): Promise<SeriesChangePlan> {
  const fromName = from.trim();
  const intoName = into.trim();
  if (!fromName || !intoName || !seriesKey(intoName))
    throw new MetadataRequestError(
      400,
      'invalid-series',
      'Name both series: the one to change and the new name.',
    );
  const members = await membersOf(deps, fromName);
  if (members.length === 0)
    throw new MetadataRequestError(
      404,
      'no-such-series',
      `No book is in a series called “${fromName}”.`,
    );
  let target = intoName;
  const sameKey = seriesKey(fromName) === seriesKey(intoName);
  if (change === 'rename' && !sameKey && (await membersOf(deps, intoName)).length > 0)
    throw new MetadataRequestError(
      409,
      'series-exists',
      `A series called “${intoName}” exists already; merge the two series instead (after confirming with the user).`,
    );
  if (change === 'merge') {
    if (sameKey)
      throw new MetadataRequestError(
        400,
        'same-series',
        `“${fromName}” and “${intoName}” are already the same series.`,
      );
    const into = await membersOf(deps, intoName);
    if (into.length === 0)
      throw new MetadataRequestError(
        404,
        'no-such-series',
        `No book is in a series called “${intoName}”; to give the series a new name, rename it.`,
      );
    target = spellingOf(into);
  }
  return { members, target };
}

/**
 * Renames a series, or merges series `from` into series `into`: every book
 * whose merged series is `from` gets the series field set by hand to the
 * new name (a merge takes the spelling `into`'s books use), its number and
 * kind kept. Each book's change is an ordinary edit (logged, reversible by
 * clearing the field, trust nudged like any edit). The caller confirms a
 * merge with the user; this does it. Returns how many books changed.
 */
export async function changeSeries(
  deps: SeriesDeps,
  change: SeriesChange,
  from: string,
  into: string,
  userId?: string,
): Promise<number> {
  const { members, target } = await planSeriesChange(deps, change, from, into);
  const books: { book: string; before: SeriesPosition }[] = [];
  for (const { state, position } of members) {
    if (position.name === target) continue;
    const value: SeriesPosition = { ...position, name: target };
    await deps.edits.setField(state.bookId, 'series', value, userId);
    books.push({ book: state.book._id, before: position });
  }
  deps.oplog.record({
    kind: change === 'merge' ? 'series.merged' : 'series.renamed',
    subject: target,
    message:
      change === 'merge'
        ? `Series “${spellingOf(members)}” merged into “${target}”: ${books.length} book(s) moved.`
        : `Series “${spellingOf(members)}” renamed to “${target}”: ${books.length} book(s) changed.`,
    details: { from: from.trim(), into: target, books, ...(userId && { user: userId }) },
  });
  return books.length;
}
