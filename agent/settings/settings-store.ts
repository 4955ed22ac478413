import { z } from 'zod';
import {
  SECRET_SETTINGS,
  SETTING_SCHEMAS,
  type SettingChange,
  type SettingKey,
  type Settings,
} from '#core/api/settings';
import { hubAddressProblem, readHubAddress, shownHubAddress } from '#core/hub/hub-address';
import type { Db } from '../db/sqlite';
import type { OperationLog } from '../oplog/operation-log';

/** A setting value that does not fit; the message says what would. */
export class SettingError extends Error {
  override name = 'SettingError';
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

const PREFIX = 'setting:';

/**
 * Settings in SQLite: every change is validated, recorded with the value it
 * replaced (so it can be undone) and written to the operation log.
 */
export class SettingsStore {
  private readonly listeners = new Set<(key: SettingKey) => void>();

  constructor(
    private readonly db: Db,
    private readonly oplog: OperationLog,
  ) {}

  all(): Settings {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(SETTING_SCHEMAS) as SettingKey[]) out[key] = this.get(key);
    return out as Settings;
  }

  /** All settings with secrets masked: what the API and the app may see. */
  visible(): Settings {
    const settings = this.all();
    for (const key of SECRET_SETTINGS)
      (settings as Record<string, unknown>)[key] = masked(key, settings[key]);
    return settings;
  }

  get<K extends SettingKey>(key: K): Settings[K] {
    const row = this.db
      .prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
      .get(PREFIX + key);
    const parsed = SETTING_SCHEMAS[key].safeParse(row ? JSON.parse(row.value) : undefined);
    return (parsed.success ? parsed.data : SETTING_SCHEMAS[key].parse(undefined)) as Settings[K];
  }

  /** Validates and stores a new value; returns the recorded change. */
  set(key: string, value: unknown, userId?: string): SettingChange {
    if (!(key in SETTING_SCHEMAS))
      throw new SettingError(key, `There is no setting called "${key}".`);
    const settingKey = key as SettingKey;
    const parsed = SETTING_SCHEMAS[settingKey].safeParse(value);
    if (!parsed.success) throw new SettingError(key, `${key}: ${z.prettifyError(parsed.error)}`);
    const before = this.get(settingKey);
    const change = this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(PREFIX + key, JSON.stringify(parsed.data));
      const id = Number(
        this.db
          .prepare(
            'INSERT INTO settings_history (at, user_id, key, before, after) VALUES (?, ?, ?, ?, ?)',
          )
          .run(Date.now(), userId ?? null, key, JSON.stringify(before), JSON.stringify(parsed.data))
          .lastInsertRowid,
      );
      const secret = SECRET_SETTINGS.has(settingKey);
      this.oplog.record({
        kind: 'settings.changed',
        subject: key,
        message: secret
          ? `${key} changed.`
          : `${key} changed from ${JSON.stringify(before)} to ${JSON.stringify(parsed.data)}.`,
        details: { change: id, ...(userId ? { user: userId } : {}) },
      });
      return this.change(id) as SettingChange;
    })();
    for (const listener of this.listeners) listener(settingKey);
    return change;
  }

  /** Calls `listener` after each change (a setting that acts at once, as announcing on the network). */
  onChange(listener: (key: SettingKey) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Puts back the value a change replaced (itself a change, so it can be undone too). */
  undo(changeId: number, userId?: string): SettingChange {
    const change = this.change(changeId, true);
    if (!change) throw new SettingError('', `There is no settings change #${changeId}.`);
    if (change.undoneBy)
      throw new SettingError(change.key, `Change #${changeId} was already undone.`);
    const undo = this.set(change.key, change.before, userId);
    this.db
      .prepare('UPDATE settings_history SET undone_by = ? WHERE id = ?')
      .run(undo.id, changeId);
    return undo;
  }

  history(limit = 100): SettingChange[] {
    const ids = this.db
      .prepare<[number], { id: number }>('SELECT id FROM settings_history ORDER BY id DESC LIMIT ?')
      .all(limit);
    return ids.flatMap(({ id }) => this.change(id) ?? []);
  }

  /** A recorded change; secrets masked unless `reveal` (only for undoing it). */
  private change(id: number, reveal = false): SettingChange | undefined {
    const row = this.db
      .prepare<
        [number],
        {
          id: number;
          at: number;
          user_id: string | null;
          key: string;
          before: string | null;
          after: string | null;
          undone_by: number | null;
        }
      >('SELECT * FROM settings_history WHERE id = ?')
      .get(id);
    if (!row) return undefined;
    const secret = SECRET_SETTINGS.has(row.key as SettingKey) && !reveal;
    const show = (text: string | null) =>
      text === null
        ? undefined
        : secret
          ? masked(row.key as SettingKey, JSON.parse(text))
          : (JSON.parse(text) as unknown);
    return {
      id: row.id,
      at: new Date(row.at).toISOString(),
      ...(row.user_id ? { userId: row.user_id } : {}),
      key: row.key,
      before: show(row.before),
      after: show(row.after),
      ...(row.undone_by ? { undoneBy: row.undone_by } : {}),
    };
  }
}

/**
 * A secret setting as the app may show it: the hub's address without its
 * password, a key by its last two characters; so a change from one to another
 * reads as a change in Settings' history, and nothing secret leaves the agent.
 */
function masked(key: SettingKey, value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  if (key === 'hubUrl')
    return hubAddressProblem(value) ? '••••' : shownHubAddress(readHubAddress(value));
  return '••••' + value.slice(-2);
}
