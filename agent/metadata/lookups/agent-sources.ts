import { getSetting } from '../../db/settings';
import type { Db } from '../../db/sqlite';
import type { SettingsStore } from '../../settings/settings-store';
import { ResponseCache } from '../../sources/response-cache';
import {
  buildSources,
  SOURCE_SETTINGS,
  sourceSettings,
  type AgentSources,
  type SourceSettings,
} from '../../sources/source-config';
import type { SourceHealth } from '../../sources/source-health';

/**
 * The agent's one set of source clients. Rate limits, Retry-After pauses and
 * circuit breakers live in it, so it is kept for the life of the process and
 * built again only when what it was built from changes (a URL, the Comic
 * Vine key set in the settings page): a second copy would allow the full
 * rate again.
 */
export class SourceClientsHolder {
  private built?: { key: string; sources: AgentSources };
  private readonly cache: ResponseCache;

  constructor(
    private readonly db: Db,
    private readonly settings: SettingsStore,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.cache = new ResponseCache(db);
  }

  /** Where the sources are asked: the environment, else the settings (the key from the settings page). */
  private settingsNow(): SourceSettings {
    const key = this.settings.get('comicvineKey');
    return sourceSettings(this.env, (name) =>
      name === SOURCE_SETTINGS.comicvineKey.setting && key ? key : getSetting(this.db, name),
    );
  }

  current(): AgentSources {
    const settings = this.settingsNow();
    const key = JSON.stringify(settings);
    if (this.built?.key !== key)
      this.built = { key, sources: buildSources(settings, { cache: this.cache }) };
    return this.built.sources;
  }

  /** How each source is doing; empty before anything asked for the clients. */
  health(): SourceHealth[] {
    return this.built?.sources.health() ?? [];
  }
}
