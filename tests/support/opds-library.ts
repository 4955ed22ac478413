import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppOptions } from '../../agent/server/app';
import { makeCbz } from './make-comic';
import { makeEpub, type EpubSpec } from './make-epub';
import { makePalmDoc } from './make-palmdoc';
import { makePdf } from './make-pdf';
import { tempDir } from './temp';
import { startTestAgent, type TestAgent } from './test-agent';

/** The EPUBs of the OPDS tests' library: two authors, a series of three, odd characters. */
export const OPDS_EPUBS: Record<string, EpubSpec> = {
  'dune.epub': {
    title: 'Dune',
    authors: ['Frank Herbert'],
    series: { name: 'Dune', number: 1 },
    subjects: ['Science Fiction'],
    identifier: 'urn:isbn:9780441013593',
    description: 'A desert planet, & spice.',
    publisher: 'Ace',
    date: '1965',
  },
  'messiah.epub': {
    title: 'Dune Messiah',
    authors: ['Frank Herbert'],
    series: { name: 'Dune', number: 2 },
    subjects: ['Science Fiction'],
  },
  'children.epub': {
    title: 'Children of Dune',
    authors: ['Frank Herbert'],
    series: { name: 'Dune', number: 3 },
    subjects: ['Science Fiction'],
  },
  'left-hand.epub': {
    title: 'The Left Hand of Darkness',
    authors: ['Ursula K. Le Guin'],
    subjects: ['Science Fiction', 'Fiction'],
    language: 'en',
  },
  'zola.epub': {
    title: 'Zoë & <Co> "Quotes"',
    authors: ['Émile Zola'],
    subjects: ['Fiction'],
    language: 'fr',
  },
};

export const COMIC_PAGES = 5;

export interface OpdsLibrary {
  agent: TestAgent;
  /** Rita, a reader, and one of her app passwords. */
  username: string;
  secret: string;
  /** `Authorization` header value for Rita's app password. */
  basic: string;
  /** GET on the agent with Rita's app password. */
  get(path: string, init?: RequestInit): Promise<Response>;
  /** The file index's id of a file of the library, by name. */
  bookId(fileName: string): string;
  close(): Promise<void>;
}

export const basicAuth = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/**
 * A real agent over a library of five EPUBs, a comic, a PDF and a MOBI,
 * scanned, with Rita (a reader) holding an app password.
 */
export async function openOpdsLibrary(options: Partial<AppOptions> = {}): Promise<OpdsLibrary> {
  const data = tempDir('opds-data');
  const library = tempDir('opds-library');
  for (const [name, spec] of Object.entries(OPDS_EPUBS))
    writeFileSync(join(library.path, name), await makeEpub(spec));
  writeFileSync(
    join(library.path, 'captain.cbz'),
    await makeCbz({ pages: COMIC_PAGES, title: 'Captain Test' }),
  );
  writeFileSync(
    join(library.path, 'manual.pdf'),
    makePdf({ title: 'The Manual', author: 'A. Writer' }),
  );
  writeFileSync(
    join(library.path, 'palm.mobi'),
    makePalmDoc('Palm Story', '<html><body><p>Once upon a time.</p></body></html>'),
  );
  const agent = await startTestAgent(data.path, [library.path], options);
  await agent.scan();
  await agent.signIn('rita', 'reader');
  const rita = agent.agent.auth.users.byName('rita');
  if (!rita) throw new Error('no rita');
  const { secret } = agent.agent.auth.appPasswords.create(rita.id, 'Kobo');
  const basic = basicAuth('rita', secret);
  return {
    agent,
    username: 'rita',
    secret,
    basic,
    get: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', basic);
      return fetch(`${agent.url}${path}`, { ...init, headers });
    },
    bookId(fileName) {
      const row = agent.agent.ctx.db
        .prepare('SELECT book_id FROM files WHERE rel_path = ?')
        .get(fileName) as { book_id: string } | undefined;
      if (!row) throw new Error(`${fileName} is not in the library`);
      return row.book_id;
    },
    async close() {
      await agent.close();
      data.remove();
      library.remove();
    },
  };
}
