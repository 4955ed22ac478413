import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { corpusPath } from './corpus';

/**
 * A stand-in for Open Library, Google Books and Comic Vine on 127.0.0.1: it
 * serves the corpus's recorded answers (api/) under /ol, /gb and /cv, and
 * lets a test script failures for a path: an HTTP status with headers, a
 * malformed body, or a request left hanging.
 */
export type Scripted =
  { status: number; body?: string; headers?: Record<string, string> } | 'hang' | 'malformed';

export interface SourceServer {
  url: string;
  /** Env vars pointing every source here. */
  env: Record<string, string>;
  /** Every request's URL (path and query), in order. */
  requests: string[];
  /** Requests whose path starts with `prefix`. */
  hits(prefix: string): number;
  /** The next answers for a path, used up one per request; then the recordings again. */
  script(path: string, ...answers: Scripted[]): void;
  /** Every request to paths under `prefix` gets this answer until cleared (undefined). */
  fail(prefix: string, answer: Scripted | undefined): void;
  /** Forgets every script and failure: the recordings answer again. */
  reset(): void;
  close(): Promise<void>;
}

const json = (rel: string): string => readFileSync(corpusPath(`api/${rel}`), 'utf8');

/**
 * Comic Vine fixtures: no recorded Comic Vine answer exists in the corpus, so
 * these follow the API documentation's shapes (status envelope, string issue
 * numbers and start years).
 */
const cvEnvelope = (results: unknown) =>
  JSON.stringify({ error: 'OK', limit: 20, offset: 0, status_code: 1, results, version: '1.0' });
const CV_VOLUMES = [
  {
    id: 49901,
    name: 'Saga',
    start_year: '2012',
    count_of_issues: 66,
    publisher: { id: 31, name: 'Image' },
  },
];
const CV_ISSUE = {
  id: 338591,
  name: 'Chapter One',
  issue_number: '1',
  cover_date: '2012-03-31',
  volume: { id: 49901, name: 'Saga' },
  image: { original_url: 'https://comicvine.example/saga-1.jpg' },
};

function recorded(url: URL): { status: number; body: string } {
  const path = url.pathname;
  const q = url.searchParams;
  if (path === '/ol/api/books')
    return q.get('bibkeys') === 'ISBN:9782070427796'
      ? { status: 200, body: json('openlibrary/bookwyrm_ol_isbn_search.json') }
      : { status: 200, body: '{}' };
  if (path === '/ol/search.json')
    return { status: 200, body: json('openlibrary/bookwyrm_ol_search.json') };
  if (path === '/ol/books/OL22951843M.json')
    return { status: 200, body: json('openlibrary/bookwyrm_ol_edition.json') };
  if (path === '/ol/works/OL15832982W.json')
    return { status: 200, body: json('openlibrary/bookwyrm_ol_work.json') };
  if (path === '/ol/works/OL15832982W/editions.json')
    return { status: 200, body: json('openlibrary/bookwyrm_ol_edition_list.json') };
  if (path === '/gb/books/v1/volumes')
    return q.get('q') === 'isbn:9781761186769'
      ? { status: 200, body: json('googlebooks/koder_google-books-volume.json') }
      : { status: 200, body: '{"kind":"books#volumes","totalItems":0}' };
  if (path.startsWith('/cv/api/')) {
    if (!q.get('api_key'))
      return { status: 401, body: '{"status_code":100,"error":"Invalid API Key","results":[]}' };
    if (path === '/cv/api/volumes/') return { status: 200, body: cvEnvelope(CV_VOLUMES) };
    if (path === '/cv/api/issues/')
      return {
        status: 200,
        body: cvEnvelope(q.get('filter') === 'volume:49901,issue_number:1' ? [CV_ISSUE] : []),
      };
    if (path === '/cv/api/issue/4000-338591/') return { status: 200, body: cvEnvelope(CV_ISSUE) };
  }
  return { status: 404, body: '{"error":"notfound"}' };
}

export async function startSourceServer(): Promise<SourceServer> {
  const requests: string[] = [];
  const scripts = new Map<string, Scripted[]>();
  const failing = new Map<string, Scripted>();

  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    const queued = scripts.get(url.pathname)?.shift();
    const failure = [...failing].find(([prefix]) => url.pathname.startsWith(prefix))?.[1];
    const scripted = queued ?? failure;
    if (scripted === 'hang') return; // never answered: the client's timeout must end it
    if (scripted === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"docs": [ {"title": "Sabri');
      return;
    }
    if (scripted) {
      res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
      res.end(scripted.body ?? '{}');
      return;
    }
    const { status, body } = recorded(url);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };

  const server: Server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    env: {
      COLOPHON_OPENLIBRARY_URL: `${url}/ol`,
      COLOPHON_OPENLIBRARY_COVERS_URL: `${url}/covers`,
      COLOPHON_GOOGLEBOOKS_URL: `${url}/gb/books/v1`,
      COLOPHON_COMICVINE_URL: `${url}/cv/api`,
    },
    requests,
    hits: (prefix) => requests.filter((r) => r.startsWith(prefix)).length,
    script: (path, ...answers) => scripts.set(path, [...(scripts.get(path) ?? []), ...answers]),
    fail: (prefix, scripted) => (scripted ? failing.set(prefix, scripted) : failing.delete(prefix)),
    reset() {
      scripts.clear();
      failing.clear();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
