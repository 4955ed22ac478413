import type { SourceChange } from '#core/api/metadata';
import { SOURCE_IDS, type SourceId } from '#core/merge/sources';
import type { DataSource } from '#core/merge/trust';
import type { OperationLog } from '../../oplog/operation-log';
import type { SettingsStore } from '../../settings/settings-store';
import { MetadataRequestError } from '../errors';
import { isExternal, type SourceDocs } from './source-docs';

export function isSourceId(id: string): id is SourceId {
  return SOURCE_IDS.some((s) => s === id);
}

export interface SourceChangeDeps {
  sources: SourceDocs;
  settings: SettingsStore;
  oplog: OperationLog;
}

const pick = (s: DataSource) => ({ trust: s.trust, enabled: s.enabled, priority: s.priority });

/**
 * The user sets a source's trust, priority or whether it is asked. Effective
 * at once everywhere: the source document replicates and every merge reads
 * it. Switching an outside source on or off goes through the settings'
 * `sources` flags too (what the wizard shows and the lookup job reads), so
 * the two never disagree. Logged with before and after; a change is undone
 * by setting the earlier values again. Callers serialise (see Serial).
 */
export async function changeSource(
  deps: SourceChangeDeps,
  id: string,
  change: SourceChange,
  userId?: string,
): Promise<DataSource> {
  if (!isSourceId(id))
    throw new MetadataRequestError(
      404,
      'no-such-source',
      `There is no source “${id}”. Sources: ${SOURCE_IDS.join(', ')}.`,
    );
  if (id === 'user')
    throw new MetadataRequestError(
      400,
      'fixed-source',
      'Your own values always win; there is nothing to set for them.',
    );
  const sources = await deps.sources.ensure();
  const before = sources.find((s) => s.id === id) as DataSource;
  const after: DataSource = { ...before, ...change };
  if (isExternal(id) && change.enabled !== undefined && change.enabled !== before.enabled)
    deps.settings.set('sources', { ...deps.settings.get('sources'), [id]: change.enabled }, userId);
  await deps.sources.write(sources.map((s) => (s.id === id ? after : s)));
  deps.oplog.record({
    kind: 'source.changed',
    subject: id,
    message: `Source ${id} changed: ${describe(pick(before), pick(after))}.`,
    details: {
      source: id,
      before: pick(before),
      after: pick(after),
      ...(userId && { user: userId }),
    },
  });
  return after;
}

function describe(before: Record<string, unknown>, after: Record<string, unknown>): string {
  const moved = Object.keys(after).filter((k) => before[k] !== after[k]);
  if (moved.length === 0) return 'nothing changed';
  return moved.map((k) => `${k} ${String(before[k])} → ${String(after[k])}`).join(', ');
}
