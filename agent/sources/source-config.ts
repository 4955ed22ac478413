import type { ExternalSourceId } from '#core/merge/sources';
import { comicVineClient, COMICVINE_URL } from '#core/sources/comicvine/client';
import { comicVineAnswerOk } from '#core/sources/comicvine/schema';
import { googleBooksClient, GOOGLEBOOKS_URL } from '#core/sources/googlebooks/client';
import type { SourceClients } from '#core/sources/lookup';
import {
  openLibraryClient,
  OPENLIBRARY_COVERS_URL,
  OPENLIBRARY_URL,
} from '#core/sources/openlibrary/client';
import { resilienceFor, type ResilienceOptions } from './resilience';
import { resilientFetch, type FetchLike, type ResilientFetch } from './resilient-fetch';
import type { ResponseCache } from './response-cache';
import type { SourceHealth } from './source-health';

/** Where each source is asked, and with what key. Keys stay in the agent: never replicated. */
export interface SourceSettings {
  openlibrary: { baseUrl: string; coversUrl: string };
  googlebooks: { baseUrl: string };
  comicvine: { baseUrl: string; apiKey?: string };
}

/** Environment variables, and the settings-table keys that stand in when a variable is unset. */
export const SOURCE_SETTINGS = {
  openlibraryUrl: { env: 'COLOPHON_OPENLIBRARY_URL', setting: 'sources.openlibrary.url' },
  openlibraryCoversUrl: {
    env: 'COLOPHON_OPENLIBRARY_COVERS_URL',
    setting: 'sources.openlibrary.covers_url',
  },
  googlebooksUrl: { env: 'COLOPHON_GOOGLEBOOKS_URL', setting: 'sources.googlebooks.url' },
  comicvineUrl: { env: 'COLOPHON_COMICVINE_URL', setting: 'sources.comicvine.url' },
  comicvineKey: { env: 'COLOPHON_COMICVINE_KEY', setting: 'sources.comicvine.key' },
} as const;

/**
 * Settings from the environment, else from stored settings (the settings
 * table), else the real services. Tests and mirrors point the URLs elsewhere.
 */
export function sourceSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
  stored: (key: string) => string | undefined = () => undefined,
): SourceSettings {
  const read = (name: keyof typeof SOURCE_SETTINGS): string | undefined => {
    const { env: variable, setting } = SOURCE_SETTINGS[name];
    return env[variable]?.trim() || stored(setting)?.trim() || undefined;
  };
  const apiKey = read('comicvineKey');
  return {
    openlibrary: {
      baseUrl: read('openlibraryUrl') ?? OPENLIBRARY_URL,
      coversUrl: read('openlibraryCoversUrl') ?? OPENLIBRARY_COVERS_URL,
    },
    googlebooks: { baseUrl: read('googlebooksUrl') ?? GOOGLEBOOKS_URL },
    comicvine: { baseUrl: read('comicvineUrl') ?? COMICVINE_URL, ...(apiKey && { apiKey }) },
  };
}

export interface BuildSourcesOptions {
  cache?: ResponseCache;
  /** Per-source changes to the defaults (tests shorten timeouts and cool-downs). */
  resilience?: Partial<Record<ExternalSourceId, Partial<ResilienceOptions>>>;
  fetch?: FetchLike;
  log?: (line: string) => void;
}

/**
 * The three clients, each over its own resilient fetch, and their health for
 * /data-sources. Build this once per agent process: the rate limits, the
 * Retry-After pause and the circuit breakers live in it, and two copies would
 * each allow the full rate.
 */
export interface AgentSources {
  clients: Required<SourceClients>;
  health(): SourceHealth[];
}

export function buildSources(
  settings: SourceSettings,
  options: BuildSourcesOptions = {},
): AgentSources {
  const make = (source: ExternalSourceId, cacheable?: (json: unknown) => boolean): ResilientFetch =>
    resilientFetch(source, resilienceFor(source, options.resilience?.[source]), {
      ...(options.cache && { cache: options.cache }),
      ...(options.fetch && { fetch: options.fetch }),
      ...(options.log && { log: options.log }),
      ...(cacheable && { cacheable }),
    });
  const fetches = [
    make('openlibrary'),
    make('googlebooks'),
    make('comicvine', comicVineAnswerOk),
  ] as const;
  const [openlibrary, googlebooks, comicvine] = fetches;
  return {
    clients: {
      openlibrary: openLibraryClient({ fetch: openlibrary.fetch, ...settings.openlibrary }),
      googlebooks: googleBooksClient({ fetch: googlebooks.fetch, ...settings.googlebooks }),
      comicvine: comicVineClient({ fetch: comicvine.fetch, ...settings.comicvine }),
    },
    health: () => fetches.map((f) => f.health()),
  };
}
