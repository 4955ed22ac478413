import { existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConflictPolicy } from '#core/rename/plan-types';
import { pathKey, profiles } from '#core/rename/sanitise';
import { newId } from '../../agent/ids';
import { nodeFileOps, type FileOps } from '../../agent/rename/file-ops';
import { DiskFullError } from '../../agent/storage/disk-full';
import {
  library,
  request,
  control,
  journal,
  rename,
  undo,
  tree,
  indexed,
  expectIndexAgrees,
  author,
  bookIds,
  closeLibraries,
  PATTERN,
} from '../support/rename-library';

afterEach(closeLibraries);

describe('executing a rename batch', () => {
  it('moves books and their companions, carrying the file index and the catalog along', async () => {
    const lib = await library({
      'in/dune.epub': { title: 'Dune', ...author('Frank Herbert') },
      'in/dune.opf': '<package/>',
      'in/dune.jpg': 'jpeg',
      'in/emma.epub': { title: 'Emma', ...author('Jane Austen') },
      'keep/readme.txt': 'not a book',
    });
    const before = await indexed(lib);
    const { batch, outcome } = await rename(lib);

    expect(outcome).toMatchObject({ stopped: false, failed: 0, planned: 0, moved: 4 });
    expect(batch).toMatchObject({ state: 'done', counts: { committed: 4, failed: 0 } });
    expect(Object.keys(tree(lib.root).files).sort()).toEqual([
      'Austen, Jane/Emma.epub',
      'Herbert, Frank/Dune.epub',
      'Herbert, Frank/Dune.jpg',
      'Herbert, Frank/Dune.opf',
      'keep/readme.txt',
    ]);
    // The emptied folder is gone (the setting); the one with a stray file stays.
    expect(existsSync(join(lib.root, 'in'))).toBe(false);
    const after = await indexed(lib);
    expect(after.map((b) => b.relPath).sort()).toEqual([
      'Austen, Jane/Emma.epub',
      'Herbert, Frank/Dune.epub',
    ]);
    await expectIndexAgrees(lib);
    // The same books (ids), with everything but the path as it was.
    for (const book of after) {
      const old = before.find((b) => b.bookId === book.bookId);
      expect(old).toBeDefined();
      const { _rev: _a, path: _p, ...rest } = book.doc ?? {};
      const { _rev: _b, path: _q, ...restBefore } = old?.doc ?? {};
      expect(rest).toEqual(restBefore);
    }
  });

  it('keeps the folders a batch empties when the setting says so', async () => {
    const lib = await library({ 'in/dune.epub': { title: 'Dune', ...author('Frank Herbert') } });
    await rename(lib, request({ removeEmptyFolders: false }));
    expect(tree(lib.root).dirs).toEqual(['Herbert, Frank', 'in']);
  });

  it('runs as a job with progress, and a rescan finds the books where they now are', async () => {
    const lib = await library({
      'a.epub': { title: 'Dune', ...author('Frank Herbert') },
      'b.epub': { title: 'Emma', ...author('Jane Austen') },
    });
    const service = lib.service();
    const planned = await service.plan(request(), newId(10));
    const progress: number[] = [];
    lib.agent.runner.on('job', (job) => {
      if (job.kind === 'rename' && job.progress?.total) progress.push(job.progress.done);
    });
    const job = lib.agent.runner.enqueue(
      'rename',
      { action: 'rename', batchId: planned.batchId, planHash: planned.hash, request: request() },
      { maxAttempts: 1 },
    );
    await lib.agent.runner.idle();
    expect(lib.agent.runner.store.get(job.id)).toMatchObject({ state: 'done' });
    expect(progress.at(-1)).toBe(2);
    expect(service.journal.get(planned.batchId)).toMatchObject({ state: 'done', jobId: job.id });
    const ops = lib.agent.oplog.list({ jobId: job.id }).map((op) => op.kind);
    expect(ops).toContain('rename.started');
    expect(ops).toContain('rename.done');

    lib.agent.scan();
    await lib.agent.runner.idle();
    const rows = await indexed(lib);
    expect(rows.map((r) => r.relPath).sort()).toEqual([
      'Austen, Jane/Emma.epub',
      'Herbert, Frank/Dune.epub',
    ]);
    const counts = lib.agent.ctx.db.prepare('SELECT count(*) AS n FROM files').get() as {
      n: number;
    };
    expect(counts.n).toBe(2);
  });

  it('refuses, as a job, a plan that is not the one previewed', async () => {
    const lib = await library({ 'a.epub': { title: 'Dune', ...author('Frank Herbert') } });
    const planned = await lib.service().plan(request(), newId(10));
    mkdirSync(join(lib.root, 'Herbert, Frank'));
    writeFileSync(join(lib.root, 'Herbert, Frank/Dune.epub'), 'someone else');
    const job = lib.agent.runner.enqueue(
      'rename',
      { action: 'rename', batchId: planned.batchId, planHash: planned.hash, request: request() },
      { maxAttempts: 1 },
    );
    await lib.agent.runner.idle();
    expect(lib.agent.runner.store.get(job.id)).toMatchObject({ state: 'failed' });
    expect(lib.agent.runner.store.get(job.id)?.error).toMatch(/Preview again/);
    expect(existsSync(join(lib.root, 'a.epub'))).toBe(true);
  });
});

describe('conflicts, by resolution', () => {
  const files = {
    'x/a.epub': { title: 'Dune', ...author('Frank Herbert') },
    'y/b.epub': { title: 'Dune', ...author('Frank Herbert') },
    // Not a readable book, and not in the selection: a file in the way.
    'Austen, Jane/Emma.epub': 'the file that is in the way',
    'z/emma.epub': { title: 'Emma', ...author('Jane Austen') },
  };
  const cases: {
    policy: ConflictPolicy;
    expected: string[];
    failed: number;
  }[] = [
    {
      policy: 'skip',
      expected: ['Austen, Jane/Emma.epub', 'Herbert, Frank/Dune.epub', 'y/b.epub', 'z/emma.epub'],
      failed: 0,
    },
    {
      policy: 'suffix',
      expected: [
        'Austen, Jane/Emma (1).epub',
        'Austen, Jane/Emma.epub',
        'Herbert, Frank/Dune (1).epub',
        'Herbert, Frank/Dune.epub',
      ],
      failed: 0,
    },
    {
      policy: 'overwrite',
      expected: [
        // The file in the way goes to the trash; two books of the batch never replace each other.
        '.colophon-trash/BATCH/Austen, Jane/Emma.epub',
        'Austen, Jane/Emma.epub',
        'Herbert, Frank/Dune (1).epub',
        'Herbert, Frank/Dune.epub',
      ],
      failed: 0,
    },
  ];
  for (const { policy, expected, failed } of cases) {
    it(`${policy}: does what the preview said, and undo gives the tree back`, async () => {
      const lib = await library(files);
      const original = tree(lib.root);
      const selection = bookIds(lib, ['x/a.epub', 'y/b.epub', 'z/emma.epub']);
      const { batch, planned, service } = await rename(
        lib,
        request({ onConflict: policy, selection }),
      );
      expect(batch?.counts.failed).toBe(failed);
      const paths = Object.keys(tree(lib.root).files)
        .map((p) => p.replace(planned.batchId, 'BATCH'))
        .sort();
      expect(paths).toEqual(expected);
      for (const entry of planned.plan.entries)
        if (entry.status === 'move') expect(existsSync(join(lib.root, entry.to))).toBe(true);
      if (policy === 'skip') {
        const skipped = planned.plan.entries.filter((e) => e.status === 'skipped');
        expect(skipped.map((e) => e.from).sort()).toEqual(['y/b.epub', 'z/emma.epub']);
      }
      if (policy === 'overwrite')
        expect(
          readFileSync(
            join(lib.root, `.colophon-trash/${planned.batchId}/Austen, Jane/Emma.epub`),
            'utf8',
          ),
        ).toBe('the file that is in the way');
      await expectIndexAgrees(lib);

      const undone = await undo(lib, planned.batchId);
      expect(undone).toMatchObject({ state: 'done', kind: 'undo', counts: { failed: 0 } });
      expect(tree(lib.root)).toEqual(original);
      expect(service.journal.get(planned.batchId)?.undoneBy).toBe(undone?.id);
      await expectIndexAgrees(lib);
    });
  }

  it('swaps two books through a temporary name', async () => {
    const lib = await library({
      'Emma.epub': { title: 'Dune' },
      'Dune.epub': { title: 'Emma' },
    });
    const original = tree(lib.root);
    const { planned, batch } = await rename(lib, request({ pattern: '${title}.${ext}' }));
    expect(planned.plan.moves.some((m) => m.temporary)).toBe(true);
    expect(batch?.counts.committed).toBe(3);
    expect(tree(lib.root).files['Dune.epub']).toBe(original.files['Emma.epub']);
    expect(tree(lib.root).files['Emma.epub']).toBe(original.files['Dune.epub']);
    await expectIndexAgrees(lib);
    await undo(lib, planned.batchId);
    expect(tree(lib.root)).toEqual(original);
  });
});

describe('a profile that folds case, on a disk that does not', () => {
  // ext4 holds "Dune.epub" beside "dune.epub", "Herbert, Frank/" beside "herbert,
  // frank/"; the Windows profile says each pair is one name. The preview resolves
  // a twin in the way by the policy, so the batch neither fails on it nor makes
  // new twins, and undo gives the tree back.
  const twinsOf = (paths: string[]) => {
    const key = (p: string) => pathKey(p, profiles.windows);
    return paths.filter((p) => paths.some((q) => q !== p && key(q) === key(p)));
  };
  const setups: {
    name: string;
    pattern: string;
    files: Parameters<typeof library>[0];
    books: string[];
    moved: Record<ConflictPolicy, string[]>;
  }[] = [
    {
      name: 'a file in the way in either twin folder',
      pattern: PATTERN,
      files: {
        'a.epub': { title: 'Dune', ...author('Frank Herbert') },
        'b.epub': { title: 'Emma', ...author('Frank Herbert') },
        'Herbert, Frank/Dune.epub': 'in the way, in one spelling',
        'herbert, frank/Emma.epub': 'in the way, in the other',
      },
      books: ['a.epub', 'b.epub'],
      moved: {
        skip: [],
        suffix: ['Herbert, Frank/Dune (1).epub', 'Herbert, Frank/Emma (1).epub'],
        overwrite: ['Herbert, Frank/Dune.epub', 'Herbert, Frank/Emma.epub'],
      },
    },
    {
      name: 'the twin of a file moving away, or of one renamed by case only',
      pattern: '${title}.${ext}',
      files: {
        'dune.epub': { title: 'Emma' },
        'Dune.epub': 'a twin that stays',
        'in/x.epub': { title: 'Dune' },
        'persuasion.epub': { title: 'Persuasion' },
        'Persuasion.epub': 'another twin that stays',
      },
      books: ['dune.epub', 'in/x.epub', 'persuasion.epub'],
      moved: {
        skip: ['Emma.epub'],
        suffix: ['Dune (1).epub', 'Emma.epub', 'Persuasion (1).epub'],
        overwrite: ['Dune.epub', 'Emma.epub', 'Persuasion.epub'],
      },
    },
    {
      // a.epub waits for b.epub, which waits for the twin "Dune.epub" to go to the trash,
      // not for "dune.epub", which only shares its name on the target.
      name: 'a chain through a twin',
      pattern: '${title}.${ext}',
      files: {
        'a.epub': { title: 'b' },
        'b.epub': { title: 'Dune' },
        'Dune.epub': 'a twin in the way',
        'dune.epub': { title: 'Emma' },
      },
      books: ['a.epub', 'b.epub', 'dune.epub'],
      moved: {
        skip: ['Emma.epub'],
        suffix: ['Dune (1).epub', 'Emma.epub', 'b.epub'],
        overwrite: ['Dune.epub', 'Emma.epub', 'b.epub'],
      },
    },
  ];
  for (const setup of setups)
    for (const policy of ['skip', 'suffix', 'overwrite'] as const)
      it(`${setup.name}, ${policy}: resolved in the preview, nothing fails`, async () => {
        const lib = await library(setup.files);
        const original = tree(lib.root);
        const selection = bookIds(lib, setup.books);
        const { batch, planned } = await rename(
          lib,
          request({ profile: 'windows', onConflict: policy, selection, pattern: setup.pattern }),
        );
        expect(batch?.counts.failed).toBe(0);
        const moving = planned.plan.entries.filter((e) => e.status === 'move');
        expect(moving.map((e) => e.to).sort()).toEqual(setup.moved[policy]);
        const after = Object.keys(tree(lib.root).files);
        for (const to of setup.moved[policy]) expect(after).toContain(to);
        // No new pair of files that a Windows disk would take for one.
        const before = twinsOf(Object.keys(original.files));
        expect(twinsOf(after).filter((p) => !before.includes(p))).toEqual([]);
        await expectIndexAgrees(lib);

        if (moving.length > 0) await undo(lib, planned.batchId);
        expect(tree(lib.root)).toEqual(original);
        await expectIndexAgrees(lib);
      });

  it('two books whose names are twins: one is planned, the other says why not', async () => {
    const lib = await library({
      'kindred.epub': { title: 'Solaris' },
      'Kindred.epub': { title: 'Ubik' },
    });
    const { batch, planned } = await rename(
      lib,
      request({ profile: 'windows', pattern: '${title}.${ext}' }),
    );
    expect(batch?.counts.failed).toBe(0);
    const [error, ...others] = planned.plan.entries.filter((e) => e.status === 'error');
    expect(others).toEqual([]);
    expect(error?.reasons.join(' ')).toMatch(
      /"(kindred|Kindred)\.epub" and "(kindred|Kindred)\.epub" are one name on windows/,
    );
    expect(planned.plan.entries.filter((e) => e.status === 'move')).toHaveLength(1);
  });
});

describe('failures: the entry fails with its reason, the batch goes on, nothing is lost', () => {
  const files = {
    'in/a.epub': { title: 'Alpha', ...author('Ann Author') },
    'in/a.jpg': 'cover of alpha',
    'in/b.epub': { title: 'Beta', ...author('Ben Author') },
    'in/c.epub': { title: 'Gamma', ...author('Cat Author') },
  };

  it('a source that vanished, and a folder blocked by a file', async () => {
    const lib = await library(files);
    const service = lib.service();
    const planned = await journal(lib, request(), service);
    unlinkSync(join(lib.root, 'in/a.epub'));
    writeFileSync(join(lib.root, 'Author, Ben'), 'a file where a folder must go');
    const outcome = await service.run(planned.batchId, control(), { resume: false });

    expect(outcome).toMatchObject({ stopped: false, failed: 3, moved: 1 });
    const entries = service.journal.entries(planned.batchId);
    const reason = (rel: string) => entries.find((e) => e.fromRel === rel)?.reason ?? '';
    expect(reason('in/a.epub')).toMatch(/no longer there/);
    // The companion stays with its book.
    expect(reason('in/a.jpg')).toMatch(/stays with its book/);
    expect(reason('in/b.epub')).toMatch(/A file is in the way/);
    expect(existsSync(join(lib.root, 'in/a.jpg'))).toBe(true);
    expect(existsSync(join(lib.root, 'in/b.epub'))).toBe(true);
    expect(existsSync(join(lib.root, 'Author, Cat/Gamma.epub'))).toBe(true);
    expect(service.journal.get(planned.batchId)?.state).toBe('done');
  });

  it('permission denied fails its entry; a full disk pauses the batch, which resumes where it was', async () => {
    const lib = await library(files);
    const refuse = (path: string) => {
      const code = path.includes('Alpha') ? 'EACCES' : path.includes('Beta') ? 'ENOSPC' : '';
      if (!code) return;
      throw Object.assign(new Error(`${code}: refused`), { code, path });
    };
    const ops: FileOps = {
      ...nodeFileOps,
      link: async (from, to) => {
        refuse(String(to));
        return nodeFileOps.link(from, to);
      },
    };
    const service = lib.service(ops);
    const planned = await journal(lib, request(), service);
    await expect(service.run(planned.batchId, control(), { resume: false })).rejects.toThrow(
      DiskFullError,
    );
    const entries = () => service.journal.entries(planned.batchId);
    const entry = (rel: string) => entries().find((e) => e.fromRel === rel);
    expect(entry('in/a.epub')?.reason).toMatch(/Permission denied/);
    // The full disk stopped the batch before Beta: it and what follows are still planned, in place.
    expect(entry('in/b.epub')).toMatchObject({ state: 'planned' });
    expect(entry('in/c.epub')).toMatchObject({ state: 'planned' });
    expect(service.journal.get(planned.batchId)?.state).toBe('running');
    expect(Object.keys(tree(lib.root).files).sort()).toEqual([
      'in/a.epub',
      'in/a.jpg',
      'in/b.epub',
      'in/c.epub',
    ]);

    const outcome = await lib.service().run(planned.batchId, control(), { resume: true });
    expect(outcome).toMatchObject({ failed: 2, moved: 2, planned: 0 });
    expect(Object.keys(tree(lib.root).files).sort()).toEqual([
      'Author, Ben/Beta.epub',
      'Author, Cat/Gamma.epub',
      'in/a.epub',
      'in/a.jpg',
    ]);
    await expectIndexAgrees(lib);
  });

  it('a folder that can be linked into but not unlinked from leaves the file once, where it was', async () => {
    const lib = await library({ 'in/a.epub': { title: 'Alpha', ...author('Ann Author') } });
    const ops: FileOps = {
      ...nodeFileOps,
      unlink: async (path) => {
        if (String(path).endsWith('in/a.epub'))
          throw Object.assign(new Error('EACCES'), { code: 'EACCES', path });
        return nodeFileOps.unlink(path);
      },
    };
    const { outcome } = await rename(lib, request(), ops);
    expect(outcome).toMatchObject({ failed: 1, moved: 0 });
    expect(Object.keys(tree(lib.root).files)).toEqual(['in/a.epub']);
  });
});

describe('across file systems', () => {
  it('copies, syncs, verifies, keeps the time stamps, then removes the original', async () => {
    const lib = await library({
      'in/a.epub': { title: 'Alpha', ...author('Ann Author') },
      'in/a.jpg': 'cover',
    });
    const original = tree(lib.root);
    const mtime = statSync(join(lib.root, 'in/a.epub')).mtimeMs;
    const exdev = (from: string) => {
      // Only the final naming of a copy (its partial file) is on the destination's file system.
      if (!from.includes('.colophon-partial-'))
        throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' });
    };
    const ops: FileOps = {
      ...nodeFileOps,
      link: async (from, to) => {
        exdev(String(from));
        return nodeFileOps.link(from, to);
      },
      rename: async (from, to) => {
        exdev(String(from));
        return nodeFileOps.rename(from, to);
      },
    };
    const { batch, planned } = await rename(lib, request(), ops);
    expect(batch?.counts).toMatchObject({ committed: 2, failed: 0 });
    const after = tree(lib.root);
    expect(after.files['Author, Ann/Alpha.epub']).toBe(original.files['in/a.epub']);
    expect(after.files['Author, Ann/Alpha.jpg']).toBe(original.files['in/a.jpg']);
    expect(Object.keys(after.files)).toHaveLength(2);
    expect(Math.trunc(statSync(join(lib.root, 'Author, Ann/Alpha.epub')).mtimeMs)).toBe(
      Math.trunc(mtime),
    );
    await expectIndexAgrees(lib);
    await undo(lib, planned.batchId);
    expect(tree(lib.root)).toEqual(original);
  });
});
