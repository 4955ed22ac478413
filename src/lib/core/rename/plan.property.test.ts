import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draws, type Draws } from '#test-support/draws';
import type { BookMetadata } from '../metadata/types';
import { planRename } from './plan';
import type { ConflictPolicy, PlanBook, RenamePlan } from './plan-types';
import { pathKey, profiles, type ProfileName } from './sanitise';
import { SimulatedFs } from './simulated-fs.test-support';
import { invertMoves } from './undo';

const PATTERNS = [
  '${title}.${ext}',
  '${author.sortname}/${title}.${ext}',
  '${author.sortname}/${bookseries.title}/${title}.${ext}',
  '${author.name} - ${title}.${ext}',
  '${author.sortname}/[${bookseries.title}/][${bookseries.number:02} - ]${title}.${ext}',
  '${title:initial}/${title}.${ext}',
  '${author.sortname}/${title}/${title}.${ext}',
];
// Few, clashing names: case twins, NFC/NFD twins, a reserved name, a slash, an empty title.
const TITLES = ['Dune', 'dune', 'Emma', 'Café', 'Cafe\u0301', 'Con', 'A/B', 'x', 'y', ''];
const AUTHORS = ['Frank Herbert', 'frank herbert', 'Jane Austen', ''];
const FOLDERS = ['', 'in', 'in/sub', 'Herbert, Frank', 'Austen, Jane', 'Herbert, Frank/Dune', 'D'];
const SERIES = [
  undefined,
  { name: 'Dune', number: 1, kind: 'series' as const },
  { name: 'Dune', number: 2.5, kind: 'series' as const },
];
const ROOT = '/library';

interface Case {
  key: (path: string) => string;
  profile: ProfileName;
  policy: ConflictPolicy;
  pattern: string;
  fs: SimulatedFs;
  books: PlanBook[];
}

function randomCase(r: Draws): Case {
  return r.int(0, 2) === 0 ? permutedCase(r) : scatteredCase(r);
}

/**
 * Books sitting at each other's destinations: where the pattern puts book i is
 * where book π(i) is now, so swaps, rotations and chains are the rule.
 */
function permutedCase(r: Draws): Case {
  const profile = r.pick(['linux', 'macos', 'windows'] as const);
  const key = (p: string) => pathKey(p, profiles[profile]);
  const pattern = r.pick(PATTERNS.slice(0, 3));
  const metadata: BookMetadata[] = Array.from({ length: 2 + Math.floor(r.next() * 6) }, () => ({
    title: r.pick(TITLES.filter(Boolean)),
    authors: [{ name: r.pick(AUTHORS.filter(Boolean)), roles: ['aut'] }],
  }));
  // Where each would go from a neutral folder, on an empty disk.
  const scratch = new SimulatedFs(key);
  const fresh = metadata.map((m, i): PlanBook => {
    scratch.add(`${ROOT}/new/${i}.epub`, String(i));
    return { id: `b${i}`, folderRoot: ROOT, path: `new/${i}.epub`, metadata: m, format: 'epub' };
  });
  const targets = planRename(fresh, {
    pattern,
    profile,
    onConflict: 'suffix',
    existing: scratch.exists,
  }).entries.map((e) => e.to);
  const order = targets.map((_, i) => i).sort(() => r.next() - 0.5);
  const fs = new SimulatedFs(key);
  const books: PlanBook[] = [];
  order.forEach((from, i) => {
    const path = targets[from] ?? '';
    fs.add(`${ROOT}/${path}`, `content of ${path}`);
    const stem = path.slice(0, path.lastIndexOf('.'));
    if (r.chance(0.4)) fs.add(`${ROOT}/${stem}.opf`, `content of ${stem}.opf`);
    books.push({
      id: `b${i}`,
      folderRoot: ROOT,
      path,
      metadata: metadata[i] as BookMetadata,
      format: 'epub',
    });
  });
  for (const book of books) {
    const folder = book.path.includes('/')
      ? `${ROOT}/${book.path.slice(0, book.path.lastIndexOf('/'))}`
      : ROOT;
    book.siblings = fs.list(folder);
  }
  return {
    key,
    profile,
    policy: r.pick(['skip', 'suffix', 'overwrite'] as const),
    pattern,
    fs,
    books,
  };
}

function scatteredCase(r: Draws): Case {
  const profile = r.pick(['linux', 'macos', 'windows'] as const);
  const key = (p: string) => pathKey(p, profiles[profile]);
  const fs = new SimulatedFs(key);
  const place = (rel: string) => {
    const path = `${ROOT}/${rel}`;
    if (fs.exists(path) || fs.exists(`${ROOT}/${rel.split('/')[0] ?? ''}`) === 'file')
      return undefined;
    try {
      fs.add(path, `content of ${rel}`);
      return rel;
    } catch {
      return undefined;
    }
  };
  const bookPaths = new Map<string, BookMetadata>();
  const count = 1 + Math.floor(r.next() * 12);
  for (let i = 0; i < count; i++) {
    const folder = r.pick(FOLDERS);
    const name = `${r.pick(TITLES.filter(Boolean)).replace('/', '-')}.${r.pick(['epub', 'epub', 'pdf'])}`;
    const rel = place(folder ? `${folder}/${name}` : name);
    if (!rel) continue;
    const author = r.pick(AUTHORS);
    const series = r.pick(SERIES);
    bookPaths.set(rel, {
      title: r.pick(TITLES),
      ...(author ? { authors: [{ name: author, roles: ['aut'] }] } : {}),
      ...(series ? { series } : {}),
    });
    const stem = rel.slice(0, rel.lastIndexOf('.'));
    if (r.chance(0.3)) place(`${stem}.opf`);
    if (r.chance(0.2)) place(`${stem}.jpg`);
    if (r.chance(0.2)) place(folder ? `${folder}/cover.jpg` : 'cover.jpg');
  }
  // Files that are not books, some right where books want to go.
  for (let i = 0; i < 4; i++) {
    if (r.chance(0.5)) continue;
    const folder = r.pick(FOLDERS);
    const name = r.pick([
      'Dune.epub',
      'Emma.epub',
      'notes.txt',
      'Dune.opf',
      '.colophon-tmp-batch-1',
      'cover.jpg',
    ]);
    place(folder ? `${folder}/${name}` : name);
  }
  const books = [...bookPaths].map(([path, metadata], i): PlanBook => {
    const folder = path.includes('/') ? `${ROOT}/${path.slice(0, path.lastIndexOf('/'))}` : ROOT;
    return {
      id: `b${i}`,
      folderRoot: ROOT,
      path,
      metadata,
      format: 'epub',
      siblings: fs.list(folder),
    };
  });
  return {
    key,
    profile,
    policy: r.pick(['skip', 'suffix', 'overwrite'] as const),
    pattern: r.pick(PATTERNS),
    fs,
    books,
  };
}

function planFor(c: Case, books = c.books): RenamePlan {
  return planRename(books, {
    pattern: c.pattern,
    profile: c.profile,
    onConflict: c.policy,
    existing: c.fs.lookup,
  });
}

describe('planRename: property — applying the moves does exactly what the plan says', () => {
  it('holds for swaps, chains and scattered books on every profile and policy', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => checkCase(randomCase(draws(g)))),
      { numRuns: 600, interruptAfterTimeLimit: 20_000 },
    );
  });
});

function checkCase(c: Case): void {
  const result = planFor(c);
  expect(result.patternError).toBeUndefined();
  const before = c.fs.snapshot();
  const beforeByKey = new Map(Object.entries(before).map(([p, content]) => [c.key(p), content]));
  const contentBefore = (path: string) => beforeByKey.get(c.key(path));

  // Deterministic, whatever order the books come in.
  expect(planFor(c, [...c.books].reverse()).moves).toEqual(result.moves);

  // Never onto an existing path (the simulator throws), every source present.
  c.fs.apply(result.moves);
  const after = c.fs.snapshot();

  // Every file present exactly once: same contents, none lost, none doubled.
  expect(Object.values(after).sort()).toEqual(Object.values(before).sort());

  // Every book (and companion) where its entry says; the rest untouched.
  for (const entry of result.entries) {
    const from = `${ROOT}/${entry.from}`;
    expect(c.fs.contentAt(`${ROOT}/${entry.to}`)).toBe(contentBefore(from));
    for (const companion of entry.companions)
      expect(c.fs.contentAt(`${ROOT}/${companion.to}`)).toBe(
        contentBefore(`${ROOT}/${companion.from}`),
      );
  }
  const touched = new Set(result.moves.map((m) => contentBefore(m.from)));
  for (const [path, content] of Object.entries(before))
    if (!touched.has(content)) expect(after[path]).toBe(content);
  // Only books, their companions and the files they replace move.
  const planned = new Set(
    result.entries
      .flatMap((e) => [e.from, ...e.companions.map((m) => m.from)])
      .map((p) => contentBefore(`${ROOT}/${p}`)),
  );
  for (const move of result.moves)
    if (!move.trash && contentBefore(move.from) !== undefined)
      expect(planned.has(contentBefore(move.from))).toBe(true);
  for (const move of result.moves.filter((m) => m.trash))
    expect(move.to).toMatch(/^\/library\/\.colophon-trash\//);
  for (const move of result.moves) expect(move.to.startsWith(`${ROOT}/`)).toBe(true);

  // Undo restores the exact tree.
  c.fs.apply(invertMoves(result.moves));
  expect(c.fs.snapshot()).toEqual(before);
}

describe('planRename: 10,000 books', () => {
  it('plans in about a second (timing printed, not asserted)', () => {
    const fs = new SimulatedFs((p) => pathKey(p, profiles.linux));
    const books: PlanBook[] = [];
    for (let i = 0; i < 10_000; i++) {
      const path = `incoming/batch ${i % 50}/book ${i}.epub`;
      fs.add(`${ROOT}/${path}`, String(i));
      if (i % 5 === 0) fs.add(`${ROOT}/incoming/batch ${i % 50}/book ${i}.opf`, `${i}.opf`);
      books.push({
        id: `b${i}`,
        folderRoot: ROOT,
        path,
        format: 'epub',
        metadata: {
          title: `Title ${i % 3000}`,
          authors: [{ name: `Author${i % 700} Surname${i % 13}`, roles: ['aut'] }],
          ...(i % 3 === 0
            ? { series: { name: `Series ${i % 90}`, number: i % 12, kind: 'series' } }
            : {}),
        },
      });
    }
    const folders = new Map<string, string[]>();
    for (const book of books) {
      const folder = `${ROOT}/${book.path.slice(0, book.path.lastIndexOf('/'))}`;
      book.siblings = folders.get(folder) ?? fs.list(folder);
      folders.set(folder, book.siblings);
    }
    const started = performance.now();
    const result = planRename(books, {
      pattern: '${author.sortname}/${bookseries.title}/[${bookseries.number:02} - ]${title}.${ext}',
      profile: 'linux',
      onConflict: 'suffix',
      existing: fs.exists,
    });
    const elapsed = performance.now() - started;
    console.log(
      `planRename: 10,000 books in ${elapsed.toFixed(0)} ms (${result.moves.length} moves, ${result.conflicts.length} conflicts)`,
    );
    expect(result.summary.move).toBe(10_000);
    fs.apply(result.moves);
  });
});
