import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidate, type FieldCandidate } from '#core/metadata/types';
import type { ConflictPolicy } from '#core/rename/plan-types';
import { pathKey, profiles, type ProfileName } from '#core/rename/sanitise';
import { bookDocId } from '#core/schema/book-doc';
import { openAgent, type Agent } from '../../agent/agent';
import { bookDoc } from '../../agent/catalog/book-docs';
import { addFolder } from '../../agent/folders/folders';
import { newId } from '../../agent/ids';
import type { RunControl } from '../../agent/rename/executor';
import { RenameService } from '../../agent/rename/rename-service';
import { FileIndex, type NewFileRow } from '../../agent/scan/file-index';
import { draws, type Draws } from '../support/draws';
import { tree } from '../support/rename-library';
import { tempDir } from '../support/temp';

const PATTERNS = [
  '${title}.${ext}',
  '${author.sortname}/${title}.${ext}',
  '${author.sortname}/[${bookseries.title}/][${bookseries.number:02} - ]${title}.${ext}',
  '${author.name} - ${title}.${ext}',
  '${title:initial}/${title}[ (${publicationyear})].${ext}',
  '${author.sortname}/${title}/${title}.${ext}',
];
// Few names, so books collide: case twins, an NFD twin, a reserved name, a slash.
const TITLES = ['Dune', 'dune', 'Emma', 'Café', 'Cafe\u0301', 'Con', 'A/B', 'Persuasion'];
const AUTHORS = ['Frank Herbert', 'Jane Austen', 'frank herbert', 'Ursula K. Le Guin'];
const FOLDERS = ['', 'in', 'in/sub', 'Herbert, Frank', 'Austen, Jane', 'D', 'Dune'];
const POLICIES: ConflictPolicy[] = ['skip', 'suffix', 'overwrite'];
const PROFILES: ProfileName[] = ['linux', 'macos', 'windows'];

interface Case {
  pattern: string;
  policy: ConflictPolicy;
  profile: ProfileName;
  /** Stop (cancel) after this many moves, or run to the end. */
  stopAfter?: number;
  /** How many destinations get a stray file put in the way before planning. */
  blockers: number;
  files: { rel: string; bytes: Uint8Array; book?: FieldCandidate[] }[];
}

function randomCase(r: Draws): Case {
  return r.int(0, 2) === 0 ? permutedCase(r) : scatteredCase(r);
}

/**
 * Books sitting at one another's destinations (swaps, rings, case-only
 * renames), so moves must go through temporary names.
 */
function permutedCase(r: Draws): Case {
  const profile = r.pick(PROFILES);
  const names = ['Dune', 'Emma', 'Persuasion', 'Ubik', 'Solaris', 'Kindred'];
  const titles = names.slice(0, r.int(2, names.length));
  // A random permutation: the file of title i is named after title π(i).
  const order = titles.map((t) => ({ t, k: r.next() })).sort((a, b) => a.k - b.k);
  const files: Case['files'] = titles.map((title, i) => {
    let name = order[i]?.t ?? title;
    // Case-only renames where the profile folds case.
    if (name === title && profile !== 'linux' && r.chance(0.5)) name = name.toLowerCase();
    const bytes = r.bytes(r.int(1, 500));
    return { rel: `${name}.epub`, bytes, book: [candidate('title', title, 'embedded:opf', 0.9)] };
  });
  if (r.chance(0.5)) files.push({ rel: 'Ubik.jpg', bytes: new Uint8Array([1, 2, 3]) });
  return {
    pattern: '${title}.${ext}',
    policy: r.pick(POLICIES),
    profile,
    stopAfter: r.chance(0.25) ? r.int(0, 4) : undefined,
    blockers: r.chance(0.3) ? 1 : 0,
    files,
  };
}

function scatteredCase(r: Draws): Case {
  const bytes = () => r.bytes(r.int(0, 3000));
  const files: Case['files'] = [];
  const taken = new Set<string>();
  const add = (rel: string, book?: FieldCandidate[]) => {
    if (
      taken.has(rel) ||
      [...taken].some((t) => rel.startsWith(`${t}/`) || t.startsWith(`${rel}/`))
    )
      return;
    taken.add(rel);
    files.push({ rel, bytes: bytes(), book });
  };
  const books = r.int(1, 14);
  for (let i = 0; i < books; i++) {
    const folder = r.pick(FOLDERS);
    const stem = r.chance(0.5) ? r.pick(TITLES).replace('/', '-') : `book-${i}`;
    const ext = r.pick(['epub', 'epub', 'pdf', 'mobi']);
    const rel = `${folder ? `${folder}/` : ''}${stem}.${ext}`;
    const metadata: FieldCandidate[] = [];
    if (r.chance(0.9)) metadata.push(candidate('title', r.pick(TITLES), 'embedded:opf', 0.9));
    if (r.chance(0.8))
      metadata.push(
        candidate('authors', [{ name: r.pick(AUTHORS), roles: ['aut'] }], 'embedded:opf', 0.9),
      );
    if (r.chance(0.3))
      metadata.push(
        candidate(
          'series',
          { name: 'Dune', number: r.int(1, 3), kind: 'series' },
          'embedded:opf',
          0.9,
        ),
      );
    if (r.chance(0.3))
      metadata.push(candidate('published', String(r.int(1950, 2020)), 'embedded:opf', 0.9));
    add(rel, metadata);
    // Companions: same-stem sidecars and calibre-style folder files.
    if (r.chance(0.3)) add(rel.replace(/\.[a-z]+$/, r.pick(['.jpg', '.opf', '.JPG'])));
    if (r.chance(0.15))
      add(`${folder ? `${folder}/` : ''}${r.pick(['cover.jpg', 'metadata.opf'])}`);
  }
  // Files in the way of likely destinations, and files that are nobody's.
  for (let i = r.int(0, 6); i > 0; i--) {
    const title = r.pick(TITLES).replace('/', '-');
    const where = r.pick(['', 'Herbert, Frank/', 'Austen, Jane/', 'D/', `${title}/`]);
    add(`${where}${title}.${r.pick(['epub', 'pdf', 'txt'])}`);
  }
  return {
    pattern: r.pick(PATTERNS),
    policy: r.pick(POLICIES),
    profile: r.pick(PROFILES),
    stopAfter: r.chance(0.25) ? r.int(0, 6) : undefined,
    blockers: r.chance(0.5) ? r.int(1, 3) : 0,
    files,
  };
}

const CASES = 100;
let cases = 0;

describe('rename then undo gives back the exact tree (paths and bytes)', () => {
  const data = tempDir('rename-prop-data');
  const libraries = tempDir('rename-prop-libs');
  let agent: Agent;
  beforeAll(async () => {
    agent = await openAgent(data.path);
  });
  afterAll(async () => {
    await agent.close();
    data.remove();
    libraries.remove();
  });

  /** Writes the case's files and catalogs its books directly (random bytes are nobody's EPUB). */
  async function seed(root: string, c: Case): Promise<string[]> {
    mkdirSync(root, { recursive: true });
    const folder = addFolder(agent.ctx.db, root);
    const index = new FileIndex(agent.ctx.db);
    const ids: string[] = [];
    for (const file of c.files) {
      const path = join(root, file.rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.bytes);
      if (!file.book) continue;
      const info = statSync(path);
      const row: NewFileRow = {
        folder_id: folder.id,
        rel_path: file.rel,
        book_id: newId(),
        format: 'epub',
        size: info.size,
        mtime_ms: Math.trunc(info.mtimeMs),
        status: 'ok',
        problem_code: null,
        problem_message: null,
        added_at: Date.now(),
        scanned_at: Date.now(),
        content_key: null,
        last_seen_job: null,
        cover_ref: null,
        cover_state: 'none',
      };
      index.upsert(row);
      const extraction = {
        format: 'epub' as const,
        candidates: file.book,
        flags: {},
        warnings: [],
      };
      await agent.ctx.catalog.upsert([bookDoc(agent.ctx.library, row, extraction)]);
      ids.push(row.book_id);
    }
    return ids;
  }

  /** The index rows of these books, and their documents' paths, agree with the disk. */
  async function expectIndexAgrees(root: string, ids: string[]) {
    const disk = tree(root).files;
    for (const id of ids) {
      const row = agent.ctx.db.prepare('SELECT rel_path FROM files WHERE book_id = ?').get(id) as {
        rel_path: string;
      };
      expect(disk[row.rel_path], row.rel_path).toBeDefined();
      const doc = await agent.ctx.catalog.get(bookDocId(agent.ctx.library, id));
      expect(doc?.path).toBe(row.rel_path);
    }
  }

  /** Whether a disk of the profile's kind already has a file by this name in some spelling. */
  function takenOnProfileDisk(path: string, profile: ProfileName): boolean {
    const folder = dirname(path);
    const key = (p: string) => pathKey(p, profiles[profile]);
    if (!existsSync(folder)) return false;
    return readdirSync(folder).some((name) => key(join(folder, name)) === key(path));
  }

  /** Stray files (nobody's books) at some of the destinations a first plan chose. */
  async function putInTheWay(
    service: RenameService,
    request: Parameters<RenameService['plan']>[0],
    count: number,
    r: Draws,
  ) {
    if (count === 0) return;
    const { plan } = await service.plan(request, 'scratch');
    const moving = plan.entries.filter((e) => e.status === 'move');
    for (let i = 0; i < count && moving.length > 0; i++) {
      const [entry] = moving.splice(r.int(0, moving.length - 1), 1);
      if (!entry) break;
      const target = join(entry.folderRoot, entry.to);
      // This disk tells case and normal forms apart; the profile's disk would refuse
      // "Solaris.epub" beside "solaris.epub", so nothing is put where it could not be.
      if (takenOnProfileDisk(target, request.profile)) continue;
      try {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, `in the way ${i}`, { flag: 'wx' });
      } catch {
        // A file where a folder should be, or the name is taken: nothing to put there.
      }
    }
  }

  /** One case: rename, stop where the case says, undo; the tree must come back to the byte. */
  async function check(r: Draws): Promise<void> {
    const c = randomCase(r);
    const root = join(libraries.path, `case-${++cases}`);
    const ids = await seed(root, c);
    const service = new RenameService(agent.ctx);
    const request = {
      pattern: c.pattern,
      profile: c.profile,
      onConflict: c.policy,
      selection: ids,
      removeEmptyFolders: true,
    };
    await putInTheWay(service, request, c.blockers, r);
    const original = tree(root);
    const planned = await service.plan(request, newId(10));
    service.begin(planned, undefined, () => {});
    let moves = 0;
    const control: RunControl = {
      shouldStop: () => c.stopAfter !== undefined && moves >= c.stopAfter,
      progress: () => void moves++,
      log: () => {},
      breathe: async () => {},
    };
    const outcome = await service.run(planned.batchId, control, {
      resume: false,
      cancelled: () => true,
    });
    expect(outcome.failed, JSON.stringify(c.pattern)).toBe(0);
    const after = tree(root);
    // Nothing lost, nothing doubled: the same contents, each once.
    expect(Object.values(after.files).sort()).toEqual(Object.values(original.files).sort());
    if (!outcome.stopped)
      for (const entry of planned.plan.entries)
        if (entry.status === 'move') expect(after.files[entry.to], entry.to).toBeDefined();
    await expectIndexAgrees(root, ids);

    if (service.journal.get(planned.batchId)?.counts.committed) {
      const undoId = newId(10);
      service.beginUndo(planned.batchId, undoId, undefined, () => {});
      const undone = await service.run(
        undoId,
        { ...control, shouldStop: () => false },
        {
          resume: false,
        },
      );
      expect(undone.failed).toBe(0);
    }
    expect(tree(root)).toEqual(original);
    await expectIndexAgrees(root, ids);
  }

  it('holds for swaps, rings, stops and files in the way, on every profile and policy', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), (g) => check(draws(g))),
      { numRuns: CASES, interruptAfterTimeLimit: 240_000 },
    );
  }, 300_000);
});
