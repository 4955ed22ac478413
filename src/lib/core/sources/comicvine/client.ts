import type { z } from 'zod';
import { trimBase } from '../base-url';
import { failed, SourceError, type SourceResult } from '../errors';
import type { SourceFetch } from '../http';
import { getJson, validate, type RequestContext } from '../request';
import {
  CV_STATUS,
  cvEnvelope,
  cvIssue,
  cvIssues,
  cvVolumes,
  type CvIssue,
  type CvVolume,
} from './schema';

export const COMICVINE_URL = 'https://comicvine.gamespot.com/api';

export const NO_KEY =
  'it needs an API key (free with a Comic Vine account): set COLOPHON_COMICVINE_KEY for the agent';
export const KEY_REFUSED = 'it refused the API key; check COLOPHON_COMICVINE_KEY';

export interface ComicVineOptions {
  fetch: SourceFetch;
  baseUrl?: string;
  /** Without a key every call answers 'not-configured' and nothing is sent. */
  apiKey?: string;
  now?: () => number;
}

export interface ComicVineClient {
  readonly configured: boolean;
  /** Volumes (series runs) whose name contains the text. */
  volumes(name: string, limit?: number): Promise<SourceResult<CvVolume[]>>;
  /** A volume's issues, or the one with that number ("1", "1.5", "0"). */
  issues(
    query: { volumeId: number; number?: string },
    limit?: number,
  ): Promise<SourceResult<CvIssue[]>>;
  /** One issue in full, with its credits. */
  issue(id: number): Promise<SourceResult<CvIssue>>;
}

const VOLUME_FIELDS =
  'id,name,start_year,publisher,count_of_issues,description,deck,image,site_detail_url';
const ISSUE_FIELDS =
  'id,name,issue_number,cover_date,store_date,description,deck,volume,image,site_detail_url';

/** Filter values are "field:value,field:value": a comma or colon in a name would split it. */
const filterValue = (text: string): string =>
  text.replace(/[,:]/g, ' ').replace(/\s+/g, ' ').trim();

/** Comic Vine over an injected fetch. The key is added here and appears in no message. */
export function comicVineClient(options: ComicVineOptions): ComicVineClient {
  const base = trimBase(options.baseUrl ?? COMICVINE_URL);
  const apiKey = options.apiKey?.trim() || undefined;
  const context: RequestContext = {
    source: 'comicvine',
    fetch: options.fetch,
    ...(options.now && { now: options.now }),
  };

  async function call<S extends z.ZodType>(
    path: string,
    params: Record<string, string>,
    schema: S,
  ): Promise<SourceResult<z.output<S>>> {
    if (!apiKey)
      return failed(new SourceError('comicvine', { kind: 'not-configured', setting: NO_KEY }));
    const query = new URLSearchParams({ api_key: apiKey, format: 'json', ...params });
    const answer = await getJson(context, `${base}/${path}?${query}`, cvEnvelope);
    if (!answer.ok) {
      const { failure } = answer.error;
      // Comic Vine answers a bad key with HTTP 401 (and status_code 100 inside).
      if (failure.kind === 'http' && failure.status === 401)
        return failed(
          new SourceError('comicvine', { kind: 'not-configured', setting: KEY_REFUSED }),
        );
      return answer;
    }
    const { status_code: status, error, results } = answer.value;
    if (status !== CV_STATUS.ok) return failed(envelopeError(status, error));
    return validate('comicvine', schema, results);
  }

  return {
    configured: apiKey !== undefined,
    volumes: (name, limit = 20) =>
      call(
        'volumes/',
        { filter: `name:${filterValue(name)}`, field_list: VOLUME_FIELDS, limit: String(limit) },
        cvVolumes,
      ),
    issues: ({ volumeId, number }, limit = 20) =>
      call(
        'issues/',
        {
          filter: [
            `volume:${volumeId}`,
            ...(number !== undefined ? [`issue_number:${filterValue(number)}`] : []),
          ].join(','),
          field_list: ISSUE_FIELDS,
          limit: String(limit),
        },
        cvIssues,
      ),
    issue: (id) =>
      call(`issue/4000-${id}/`, { field_list: `${ISSUE_FIELDS},person_credits` }, cvIssue),
  };
}

/** An error envelope as a SourceError a user can act on. */
function envelopeError(status: number, error: string): SourceError {
  switch (status) {
    case CV_STATUS.invalidKey:
      return new SourceError('comicvine', { kind: 'not-configured', setting: KEY_REFUSED });
    case CV_STATUS.rateLimited:
      return new SourceError('comicvine', { kind: 'rate-limited' });
    case CV_STATUS.notFound:
      return new SourceError('comicvine', { kind: 'http', status: 404 });
    default:
      return new SourceError('comicvine', {
        kind: 'invalid-response',
        reason: `status ${status}: ${error.slice(0, 120)}`,
      });
  }
}
